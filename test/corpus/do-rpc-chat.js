/*corpus
{ "bindings": { "ROOMS": { "type": "durable_object", "className": "ChatRoom" } }, "requests": [
  { "method": "POST", "path": "/rooms/lobby/messages", "requestBody": "{\"from\":\"ada\",\"text\":\"hi\"}", "status": 201, "json": { "count": 1 } },
  { "method": "POST", "path": "/rooms/lobby/messages", "requestBody": "{\"from\":\"bob\",\"text\":\"hello\"}", "status": 201, "json": { "count": 2 } },
  { "path": "/rooms/lobby/messages?limit=1", "status": 200, "json": [{ "from": "bob", "text": "hello", "seq": 2 }] },
  { "path": "/rooms/lobby/stats", "status": 200, "json": { "messages": 2, "authors": ["ada", "bob"] } },
  { "path": "/rooms/empty/stats", "status": 200, "json": { "messages": 0, "authors": [] } }
] }
*/
import { DurableObject } from "cloudflare:workers";

export class ChatRoom extends DurableObject {
  async post(message) {
    const seq = ((await this.ctx.storage.get("seq")) ?? 0) + 1;
    await this.ctx.storage.put({ seq, [`msg:${String(seq).padStart(8, "0")}`]: { ...message, seq } });
    return seq;
  }

  async recent(limit) {
    const entries = await this.ctx.storage.list({ prefix: "msg:", reverse: true, limit });
    return [...entries.values()];
  }

  async stats() {
    const entries = await this.ctx.storage.list({ prefix: "msg:" });
    const authors = new Set([...entries.values()].map((m) => m.from));
    return { messages: entries.size, authors: [...authors].sort() };
  }
}

export default {
  async fetch(request, env) {
    const [, , room, action] = new URL(request.url).pathname.split("/");
    const stub = env.ROOMS.getByName(room);
    if (action === "stats") return Response.json(await stub.stats());
    if (request.method === "POST") {
      const count = await stub.post(await request.json());
      return Response.json({ count }, { status: 201 });
    }
    const limit = Number(new URL(request.url).searchParams.get("limit") ?? 50);
    return Response.json(await stub.recent(limit));
  },
};
