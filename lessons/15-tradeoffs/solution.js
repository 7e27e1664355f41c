// One feature, a product's price, served from three stores so they can be measured side by
// side: GET /kv from Workers KV, GET /do from a Durable Object, GET /origin from the origin
// database (db.example.com). Each answers { store, price }.
export default {
  async fetch(request, env) {
    const store = new URL(request.url).pathname.slice(1);
    if (store === "kv") {
      const price = Number((await env.PRICES.get("widget")) ?? "0");
      return Response.json({ store, price });
    }
    if (store === "do") {
      const answer = await env.PRICE_OBJECT.get(env.PRICE_OBJECT.idFromName("prices")).fetch(request);
      return Response.json({ store, price: (await answer.json()).price });
    }
    if (store === "origin") {
      const answer = await fetch("https://db.example.com/price/widget");
      return Response.json({ store, price: (await answer.json()).price });
    }
    return new Response("unknown store\n", { status: 404 });
  },
};

export class Prices {
  constructor(ctx, env) {
    this.ctx = ctx;
  }
  async fetch(request) {
    return Response.json({ price: (await this.ctx.storage.get("widget")) ?? 0 });
  }
}
