/*corpus
{ "miniflare": false, "why": "request.cf names the world's PoPs and regions",
  "regions": ["us-east", "eu-west", "ap-south"], "requests": [
  { "path": "/", "from": "eu-west", "status": 200, "json": { "backend": "https://eu.api.example", "colo": "eu-west-pop" } },
  { "path": "/", "from": "ap-south", "status": 200, "json": { "backend": "https://ap.api.example", "colo": "ap-south-pop" } },
  { "path": "/", "from": "us-east", "status": 200, "json": { "backend": "https://us.api.example", "colo": "us-east-pop" } }
] }
*/
const backends = { eu: "https://eu.api.example", ap: "https://ap.api.example", us: "https://us.api.example" };

export default {
  async fetch(request) {
    const cf = request.cf ?? {};
    const region = String(cf.region ?? "us-east");
    const prefix = region.split("-")[0];
    return Response.json({ backend: backends[prefix] ?? backends.us, colo: cf.colo });
  },
};
