// A page-view counter kept in Workers KV: read the count, add one, write it back.
// POST /inc adds one and answers the new count; GET /count answers the count.
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/count") {
      const count = Number((await env.COUNTS.get("views")) ?? "0");
      return Response.json({ count });
    }
    const count = Number((await env.COUNTS.get("views")) ?? "0") + 1;
    await env.COUNTS.put("views", String(count));
    return Response.json({ count });
  },
};

// The Durable Object class is bound as env.COUNTER; the starter does not use it yet.
export class Counter {
  constructor(ctx, env) {
    this.ctx = ctx;
  }
  async fetch(request) {
    return new Response("not written yet", { status: 501 });
  }
}
