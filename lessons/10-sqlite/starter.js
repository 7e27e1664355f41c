// Login sessions in one Durable Object. POST /login?user=NAME opens a session; GET
// /session?user=NAME answers it (404 if there is none); GET /count answers how many are open.
//
// The sessions live in a Map in the object's memory.
export default {
  async fetch(request, env) {
    return env.SESSIONS.get(env.SESSIONS.idFromName("main")).fetch(request);
  },
};

export class Sessions {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.sessions = new Map();
  }

  async fetch(request) {
    const url = new URL(request.url);
    const user = url.searchParams.get("user") ?? "";
    if (url.pathname === "/login") {
      const session = { id: `s-${user}`, user_id: user, created_at: Date.now() };
      this.sessions.set(user, session);
      return Response.json(session);
    }
    if (url.pathname === "/count") return Response.json({ count: this.sessions.size });
    const session = this.sessions.get(user);
    return session ? Response.json(session) : Response.json({ error: "no session" }, { status: 404 });
  }
}
