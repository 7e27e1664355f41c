// The interview's demo platform app: every number the walkthrough quotes comes from its run.
//   GET /     greets (cold and warm starts, the router, anycast);
//   POST /kv  writes a flag to Workers KV, GET /kv reads it (the KV stale window);
//   GET /do   counts in one Durable Object (its latency from each region).
export default {
  async fetch(request, env) {
    const path = new URL(request.url).pathname;
    if (path === "/") return new Response("hello from the edge\n");
    if (path === "/kv" && request.method === "POST") {
      await env.FLAGS.put("banner", "on");
      return Response.json({ written: true });
    }
    if (path === "/kv") return Response.json({ banner: await env.FLAGS.get("banner") });
    if (path === "/do") return env.COUNTER.get(env.COUNTER.idFromName("global")).fetch(request);
    return new Response("not found\n", { status: 404 });
  },
};

export class Counter {
  constructor(ctx, env) {
    this.ctx = ctx;
  }
  async fetch(request) {
    const n = ((await this.ctx.storage.get("n")) ?? 0) + 1;
    await this.ctx.storage.put("n", n);
    return Response.json({ n });
  }
}
