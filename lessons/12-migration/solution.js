// A bank account in a Durable Object. POST /deposit?amount=N adds N; GET /balance answers it.
// Each deposit is recorded with an audit service before it is answered.
//
// When the object's owner region fails, the platform moves the object and answers the requests
// that were in flight with 307 (moved). The worker retries them, so no deposit is lost; the
// client's Idempotency-Key makes a retry of an already applied deposit answer the first result
// instead of applying it again. The key is stored in the same write as the balance, so both
// survive the move together or not at all.
const attemptsMax = 3;

export default {
  async fetch(request, env) {
    const stub = env.ACCOUNTS.get(env.ACCOUNTS.idFromName("acct-1"));
    let response;
    for (let attempt = 1; attempt <= attemptsMax; attempt++) {
      response = await stub.fetch(request.url, { method: request.method, headers: request.headers });
      if (response.status !== 307) return response;
    }
    return response;
  },
};

export class Account {
  constructor(ctx, env) {
    this.ctx = ctx;
  }

  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/balance") {
      return Response.json({ balance: (await this.ctx.storage.get("balance")) ?? 0 });
    }
    const key = request.headers.get("idempotency-key");
    if (key) {
      const earlier = await this.ctx.storage.get(`op:${key}`);
      if (earlier !== undefined) return Response.json({ balance: earlier, replayed: true });
    }
    const amount = Number(url.searchParams.get("amount") ?? "0");
    const balance = ((await this.ctx.storage.get("balance")) ?? 0) + amount;
    await this.ctx.storage.put(key ? { balance, [`op:${key}`]: balance } : { balance });
    await fetch("https://audit.example.com/log", { method: "POST", body: `deposit ${amount}` });
    return Response.json({ balance });
  }
}
