// The project a new visitor starts with: one worker with a KV binding, four regions.
export const defaultScenario = {
  name: "playground",
  seed: 1,
  world: { regions: ["us-west", "us-east", "eu-west", "ap-south"] },
  worker: {
    name: "app",
    routes: ["app.example.com/*"],
    bindings: { KV: { type: "kv" } },
    code: `/** @type {ExportedHandler<Env>} */
export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    const visits = Number((await env.KV.get("visits")) ?? 0) + 1;
    await env.KV.put("visits", String(visits));
    console.log("visit", visits, "to", url.pathname);
    return Response.json({ path: url.pathname, visits });
  },
};
`,
  },
  traffic: [],
};
