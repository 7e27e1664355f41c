// Login sessions in one Durable Object. POST /login?user=NAME opens a session; GET
// /session?user=NAME answers it (404 if there is none); GET /count answers how many are open.
//
// The sessions live in the object's own SQLite database, which outlives its memory: the table
// is created once (IF NOT EXISTS), and every constructor after an eviction finds the rows.
export default {
  async fetch(request, env) {
    return env.SESSIONS.get(env.SESSIONS.idFromName("main")).fetch(request);
  },
};

export class Sessions {
  constructor(ctx, env) {
    this.sql = ctx.storage.sql;
    this.sql.exec("CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, user_id TEXT, created_at INTEGER)");
  }

  async fetch(request) {
    const url = new URL(request.url);
    const user = url.searchParams.get("user") ?? "";
    if (url.pathname === "/login") {
      const session = { id: `s-${user}`, user_id: user, created_at: Date.now() };
      this.sql.exec("INSERT OR REPLACE INTO sessions (id, user_id, created_at) VALUES (?, ?, ?)", session.id, session.user_id, session.created_at);
      return Response.json(session);
    }
    if (url.pathname === "/count") return Response.json({ count: this.sql.exec("SELECT count(*) AS n FROM sessions").one().n });
    const rows = this.sql.exec("SELECT id, user_id, created_at FROM sessions WHERE user_id = ?", user).toArray();
    return rows.length ? Response.json(rows[0]) : Response.json({ error: "no session" }, { status: 404 });
  }
}
