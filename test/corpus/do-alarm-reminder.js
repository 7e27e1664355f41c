/*corpus
{ "miniflare": false, "why": "the alarm fires on the world's virtual clock between two requests",
  "bindings": { "REMINDERS": { "type": "durable_object", "className": "Reminder" } }, "requests": [
  { "method": "POST", "path": "/remind?in=5000&text=stand%20up", "status": 202, "json": { "scheduled": true } },
  { "path": "/status", "status": 200, "json": { "fired": [], "pending": true } },
  { "atMs": 10000, "path": "/status", "status": 200, "json": { "fired": ["stand up"], "pending": false } }
] }
*/
import { DurableObject } from "cloudflare:workers";

export class Reminder extends DurableObject {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/remind") {
      await this.ctx.storage.put("text", url.searchParams.get("text"));
      await this.ctx.storage.setAlarm(Date.now() + Number(url.searchParams.get("in")));
      return Response.json({ scheduled: true }, { status: 202 });
    }
    const fired = (await this.ctx.storage.get("fired")) ?? [];
    return Response.json({ fired, pending: (await this.ctx.storage.getAlarm()) !== null });
  }

  async alarm() {
    const fired = (await this.ctx.storage.get("fired")) ?? [];
    fired.push(await this.ctx.storage.get("text"));
    await this.ctx.storage.put("fired", fired);
  }
}

export default {
  fetch: (request, env) => env.REMINDERS.get(env.REMINDERS.idFromName("me")).fetch(request),
};
