// The same counter in one Durable Object: every request for the name "views" goes to the one
// instance, which runs them one at a time, so each read-modify-write sees the previous write.
export default {
  async fetch(request, env) {
    const stub = env.COUNTER.get(env.COUNTER.idFromName("views"));
    return stub.fetch(request);
  },
};

export class Counter {
  constructor(ctx, env) {
    this.ctx = ctx;
  }
  async fetch(request) {
    const url = new URL(request.url);
    let count = (await this.ctx.storage.get("count")) ?? 0;
    if (url.pathname !== "/count") {
      count += 1;
      await this.ctx.storage.put("count", count);
    }
    return Response.json({ count });
  }
}
