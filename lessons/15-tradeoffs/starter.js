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
    return new Response(`${store}: not written yet\n`, { status: 501 });
  },
};

export class Prices {
  constructor(ctx, env) {
    this.ctx = ctx;
  }
  async fetch(request) {
    return new Response("not written yet", { status: 501 });
  }
}
