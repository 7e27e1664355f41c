// A per-user rate limit: at most 5 requests a minute for each user (the X-User header). Over
// the limit the API answers 429. Each user's count lives in that user's own Durable Object,
// which sees every request for the user, one at a time, so the count is exact.
const limitPerMinute = 5;

export default {
  async fetch(request, env) {
    const user = request.headers.get("x-user") ?? "anonymous";
    return env.LIMITER.get(env.LIMITER.idFromName(user)).fetch(request);
  },
};

export class Limiter {
  constructor(ctx, env) {
    this.ctx = ctx;
  }
  async fetch(request) {
    const minute = Math.floor(Date.now() / 60000);
    const window = (await this.ctx.storage.get("window")) ?? { minute, used: 0 };
    if (window.minute !== minute) Object.assign(window, { minute, used: 0 });
    if (window.used >= limitPerMinute) return new Response("slow down\n", { status: 429 });
    window.used += 1;
    await this.ctx.storage.put("window", window);
    return new Response(`ok (${window.used} of ${limitPerMinute})\n`);
  }
}
