/*corpus
{ "miniflare": false, "why": "one cache per PoP: the eu-west request misses only in the world's several PoPs",
  "origins": [{ "host": "api.upstream.example", "region": "us-east", "latencyMs": 80, "body": "{\"price\":42}", "headers": { "content-type": "application/json", "cache-control": "public, max-age=300" } }],
  "requests": [
  { "path": "/price", "status": 200, "json": { "price": 42 }, "headers": { "x-cache": "MISS" } },
  { "path": "/price", "status": 200, "json": { "price": 42 }, "headers": { "x-cache": "HIT", "cf-cache-status": "HIT" } },
  { "path": "/price", "from": "eu-west", "status": 200, "headers": { "x-cache": "MISS" } },
  { "path": "/purge", "status": 200, "body": "purged: true" },
  { "path": "/price", "status": 200, "headers": { "x-cache": "MISS" } }
] }
*/
export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    const cacheKey = new Request(`https://corpus.example/price`, { method: "GET" });
    const cache = caches.default;
    if (url.pathname === "/purge") return new Response(`purged: ${await cache.delete(cacheKey)}`);
    let response = await cache.match(cacheKey);
    if (response) {
      response = new Response(response.body, response);
      response.headers.set("X-Cache", "HIT");
      return response;
    }
    const upstream = await fetch("https://api.upstream.example/price");
    response = new Response(upstream.body, upstream);
    response.headers.set("X-Cache", "MISS");
    ctx.waitUntil(cache.put(cacheKey, response.clone()));
    return response;
  },
};
