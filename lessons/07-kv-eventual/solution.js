// The message of the day, kept in Workers KV under "motd".
// POST /motd sets it (the request body); GET /motd answers { motd } (null when none is set).
//
// Reads keep KV's default PoP cache time (60 s, the minimum). A PoP that read the key before it
// existed remembers "no value" for that long too (negative caching), so a new message reaches a
// region at most about 60 s after replication does.
export default {
  async fetch(request, env) {
    if (request.method === "POST") {
      await env.MOTD.put("motd", await request.text());
      return Response.json({ ok: true });
    }
    const motd = await env.MOTD.get("motd");
    return Response.json({ motd });
  },
};
