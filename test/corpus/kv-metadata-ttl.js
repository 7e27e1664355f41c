/*corpus
{ "miniflare": false, "why": "the session expires on the world's virtual clock (Date.now is virtual)",
  "bindings": { "SESSIONS": { "type": "kv" } }, "requests": [
  { "method": "POST", "path": "/login?user=ada", "status": 200, "json": { "session": "sess-ada", "expiresIn": 120 } },
  { "path": "/whoami?session=sess-ada", "status": 200, "json": { "user": "ada", "metadata": { "role": "admin", "createdAt": 13 } } },
  { "atMs": 200000, "path": "/whoami?session=sess-ada", "status": 401, "json": { "error": "expired or unknown session" } },
  { "path": "/count", "status": 200, "json": { "sessions": 0, "complete": true } }
] }
*/
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/login") {
      const user = url.searchParams.get("user");
      const session = `sess-${user}`;
      await env.SESSIONS.put(`session:${session}`, user, { expirationTtl: 120, metadata: { role: user === "ada" ? "admin" : "user", createdAt: Date.now() } });
      return Response.json({ session, expiresIn: 120 });
    }
    if (url.pathname === "/whoami") {
      const { value, metadata } = await env.SESSIONS.getWithMetadata(`session:${url.searchParams.get("session")}`);
      if (value === null) return Response.json({ error: "expired or unknown session" }, { status: 401 });
      return Response.json({ user: value, metadata });
    }
    const listed = await env.SESSIONS.list({ prefix: "session:" });
    return Response.json({ sessions: listed.keys.length, complete: listed.list_complete });
  },
};
