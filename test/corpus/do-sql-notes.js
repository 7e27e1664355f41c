/*corpus
{ "miniflare": false, "why": "a SQLite-backed class needs a migration in Miniflare's configuration",
  "bindings": { "NOTES": { "type": "durable_object", "className": "Notes" } }, "requests": [
  { "method": "POST", "path": "/notes?title=first&tag=a", "status": 201, "json": { "id": 1 } },
  { "method": "POST", "path": "/notes?title=second&tag=b", "status": 201, "json": { "id": 2 } },
  { "method": "POST", "path": "/notes?title=third&tag=a", "status": 201, "json": { "id": 3 } },
  { "path": "/notes?tag=a", "status": 200, "json": { "notes": [{ "id": 1, "title": "first" }, { "id": 3, "title": "third" }], "total": 3 } }
] }
*/
import { DurableObject } from "cloudflare:workers";

export class Notes extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, tag TEXT)");
  }

  add(title, tag) {
    return this.sql.exec("INSERT INTO notes (title, tag) VALUES (?, ?) RETURNING id", title, tag).one().id;
  }

  byTag(tag) {
    const notes = this.sql.exec("SELECT id, title FROM notes WHERE tag = ? ORDER BY id", tag).toArray();
    const total = this.sql.exec("SELECT COUNT(*) AS n FROM notes").one().n;
    return { notes, total };
  }
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const notes = env.NOTES.getByName("shared");
    if (request.method === "POST") return Response.json({ id: await notes.add(url.searchParams.get("title"), url.searchParams.get("tag")) }, { status: 201 });
    return Response.json(await notes.byTag(url.searchParams.get("tag")));
  },
};
