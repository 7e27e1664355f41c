/*corpus
{ "miniflare": false, "why": "the window resets on the world's virtual clock",
  "bindings": { "LIMITER": { "type": "durable_object", "className": "RateLimiter" } }, "requests": [
  { "atMs": 0, "path": "/api?client=a", "status": 200, "headers": { "x-ratelimit-remaining": "2" } },
  { "atMs": 100, "path": "/api?client=a", "status": 200, "headers": { "x-ratelimit-remaining": "1" } },
  { "atMs": 200, "path": "/api?client=a", "status": 200, "headers": { "x-ratelimit-remaining": "0" } },
  { "atMs": 300, "path": "/api?client=a", "status": 429, "body": "rate limited", "headers": { "retry-after": "10" } },
  { "atMs": 400, "path": "/api?client=b", "status": 200, "headers": { "x-ratelimit-remaining": "2" } },
  { "atMs": 10500, "path": "/api?client=a", "status": 200, "headers": { "x-ratelimit-remaining": "2" } }
] }
*/
import { DurableObject } from "cloudflare:workers";

const LIMIT = 3;
const WINDOW_MS = 10_000;

export class RateLimiter extends DurableObject {
  async take() {
    const now = Date.now();
    let window = (await this.ctx.storage.get("window")) ?? { start: now, count: 0 };
    if (now - window.start >= WINDOW_MS) window = { start: now, count: 0 };
    if (window.count >= LIMIT) return { allowed: false, retryAfter: Math.ceil((window.start + WINDOW_MS - now) / 1000) };
    window.count++;
    await this.ctx.storage.put("window", window);
    return { allowed: true, remaining: LIMIT - window.count };
  }
}

export default {
  async fetch(request, env) {
    const client = new URL(request.url).searchParams.get("client");
    const verdict = await env.LIMITER.getByName(client).take();
    if (!verdict.allowed) return new Response("rate limited", { status: 429, headers: { "Retry-After": String(verdict.retryAfter) } });
    return new Response("ok", { headers: { "X-RateLimit-Remaining": String(verdict.remaining) } });
  },
};
