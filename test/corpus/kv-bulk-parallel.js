/*corpus
{ "bindings": { "CONFIG": { "type": "kv" } }, "requests": [
  { "path": "/seed", "status": 200, "body": "seeded 3" },
  { "path": "/parallel", "status": 200, "json": { "color": "blue", "size": "L", "missing": null } },
  { "path": "/bulk", "status": 200, "json": [["color", "blue"], ["size", "L"], ["missing", null]] },
  { "path": "/json", "status": 200, "json": { "flags": { "beta": true } } }
] }
*/
export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (pathname === "/seed") {
      await Promise.all([env.CONFIG.put("color", "blue"), env.CONFIG.put("size", "L"), env.CONFIG.put("flags", JSON.stringify({ beta: true }))]);
      return new Response("seeded 3");
    }
    if (pathname === "/parallel") {
      const [color, size, missing] = await Promise.all(["color", "size", "missing"].map((k) => env.CONFIG.get(k)));
      return Response.json({ color, size, missing });
    }
    if (pathname === "/bulk") {
      const values = await env.CONFIG.get(["color", "size", "missing"]);
      return Response.json([...values]);
    }
    return Response.json({ flags: await env.CONFIG.get("flags", { type: "json" }) });
  },
};
