// A per-user rate limit: at most 5 requests a minute for each user (the X-User header). Over
// the limit the API answers 429. The count of the current minute is kept in Workers KV.
const limitPerMinute = 5;

export default {
  async fetch(request, env) {
    const user = request.headers.get("x-user") ?? "anonymous";
    const key = `${user}:${Math.floor(Date.now() / 60000)}`;
    const used = Number((await env.LIMITS.get(key)) ?? "0");
    if (used >= limitPerMinute) return new Response("slow down\n", { status: 429 });
    // KV takes one write per second per key; a refused write must not fail the request.
    await env.LIMITS.put(key, String(used + 1)).catch(() => {});
    return new Response(`ok (${used + 1} of ${limitPerMinute})\n`);
  },
};

export class Limiter {
  constructor(ctx, env) {
    this.ctx = ctx;
  }
  async fetch(request) {
    return new Response("not written yet", { status: 501 });
  }
}
