// The message of the day, kept in Workers KV under "motd".
// POST /motd sets it (the request body); GET /motd answers { motd } (null when none is set).
//
// Someone "optimised" the reads: each PoP keeps its answer for an hour, to save KV round trips.
const cacheSeconds = 3600;

export default {
  async fetch(request, env) {
    if (request.method === "POST") {
      await env.MOTD.put("motd", await request.text());
      return Response.json({ ok: true });
    }
    const motd = await env.MOTD.get("motd", { cacheTtl: cacheSeconds });
    return Response.json({ motd });
  },
};
