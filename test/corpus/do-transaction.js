/*corpus
{ "bindings": { "BANK": { "type": "durable_object", "className": "Bank" } }, "requests": [
  { "method": "POST", "path": "/open?alice=100&bob=20", "status": 200, "json": { "alice": 100, "bob": 20 } },
  { "method": "POST", "path": "/transfer?from=alice&to=bob&amount=30", "status": 200, "json": { "alice": 70, "bob": 50 } },
  { "method": "POST", "path": "/transfer?from=bob&to=alice&amount=500", "status": 409, "json": { "error": "insufficient funds", "balances": { "alice": 70, "bob": 50 } } },
  { "path": "/balances", "status": 200, "json": { "alice": 70, "bob": 50 } }
] }
*/
import { DurableObject } from "cloudflare:workers";

export class Bank extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      this.opened = (await ctx.storage.get("opened")) ?? false;
    });
  }

  async balances() {
    const map = await this.ctx.storage.get(["alice", "bob"]);
    return Object.fromEntries(map);
  }

  async open(accounts) {
    await this.ctx.storage.put({ ...accounts, opened: true });
    return this.balances();
  }

  async transfer(from, to, amount) {
    try {
      await this.ctx.storage.transaction(async (txn) => {
        const a = await txn.get(from);
        const b = await txn.get(to);
        if (a < amount) throw new Error("insufficient funds");
        await txn.put(from, a - amount);
        await txn.put(to, b + amount);
      });
      return { ok: true, balances: await this.balances() };
    } catch (error) {
      return { ok: false, error: error.message, balances: await this.balances() };
    }
  }
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const bank = env.BANK.getByName("main");
    const q = Object.fromEntries(url.searchParams);
    if (url.pathname === "/open") return Response.json(await bank.open({ alice: Number(q.alice), bob: Number(q.bob) }));
    if (url.pathname === "/transfer") {
      const result = await bank.transfer(q.from, q.to, Number(q.amount));
      return result.ok ? Response.json(result.balances) : Response.json({ error: result.error, balances: result.balances }, { status: 409 });
    }
    return Response.json(await bank.balances());
  },
};
