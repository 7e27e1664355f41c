/*corpus
{ "origins": [{ "host": "corpus.example", "region": "us-east", "status": 200, "body": "served by the origin" }],
  "requests": [
  { "path": "/ok", "status": 200, "body": "served by the worker" },
  { "path": "/broken", "status": 200, "body": "served by the origin" }
] }
*/
export default {
  async fetch(request, env, ctx) {
    ctx.passThroughOnException();
    const { pathname } = new URL(request.url);
    if (pathname === "/broken") {
      const config = JSON.parse("{not json");
      return new Response(config.greeting);
    }
    return new Response("served by the worker");
  },
};
