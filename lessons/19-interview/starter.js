// The interview's demo platform app. GET / greets (cold and warm starts, the router, anycast).
// It is meant to show every number the walkthrough quotes, but two endpoints are missing:
//   POST /kv  writes a flag to Workers KV, GET /kv reads it (the KV stale window);
//   GET /do   counts in one Durable Object (its latency from each region).
export default {
  async fetch(request, env) {
    const path = new URL(request.url).pathname;
    if (path === "/") return new Response("hello from the edge\n");
    return new Response("not built yet\n", { status: 404 });
  },
};

export class Counter {
  constructor(ctx, env) {
    this.ctx = ctx;
  }
  async fetch(request) {
    return new Response("not built yet\n", { status: 501 });
  }
}
