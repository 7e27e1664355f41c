/*corpus
{ "origins": [{ "host": "backend.example", "status": 200, "headers": { "content-type": "application/json", "server": "nginx", "x-internal-id": "secret" }, "body": "{\"hello\":\"from backend\"}" }],
  "requests": [
  { "path": "/api/hello", "status": 200, "json": { "hello": "from backend" }, "headers": { "server": null, "x-internal-id": null, "x-proxied-by": "corpus", "content-type": "application/json" } },
  { "path": "/api/hello?debug=1", "status": 200, "json": { "upstreamStatus": 200, "upstreamUrl": "https://backend.example/v2/hello?debug=1", "forwardedHost": "corpus.example" } }
] }
*/
export default {
  async fetch(request) {
    const url = new URL(request.url);
    const upstreamUrl = new URL(url.pathname.replace(/^\/api/, "/v2") + url.search, "https://backend.example");
    const upstreamRequest = new Request(upstreamUrl, request);
    upstreamRequest.headers.set("X-Forwarded-Host", url.host);
    const upstream = await fetch(upstreamRequest);
    if (url.searchParams.has("debug")) {
      return Response.json({ upstreamStatus: upstream.status, upstreamUrl: upstreamRequest.url, forwardedHost: upstreamRequest.headers.get("x-forwarded-host") });
    }
    const response = new Response(upstream.body, upstream);
    response.headers.delete("Server");
    response.headers.delete("X-Internal-Id");
    response.headers.set("X-Proxied-By", "corpus");
    return response;
  },
};
