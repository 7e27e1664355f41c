// A visit counter in a Durable Object. Every request adds one and answers the total.
// The count is written to storage on every visit, but read from memory.
export default {
  async fetch(request, env) {
    return env.VISITS.get(env.VISITS.idFromName("home")).fetch(request);
  },
};

export class Visits {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.count = 0;
  }

  async fetch(request) {
    this.count += 1;
    await this.ctx.storage.put("count", this.count);
    return Response.json({ count: this.count });
  }
}
