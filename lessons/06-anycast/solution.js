// A shopping cart that survives failover. The cart lives in a Durable Object (one instance in
// the world, with its own storage), so whichever PoP anycast picks, every request meets the
// same cart. The worker at the PoP only forwards to it.
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname !== "/cart" && url.pathname !== "/cart/add") return new Response("not found", { status: 404 });
    const stub = env.CARTS.get(env.CARTS.idFromName("cart-of-user-1"));
    return stub.fetch(request.url, { method: request.method });
  },
};

export class Cart {
  constructor(ctx, env) {
    this.ctx = ctx;
  }

  async fetch(request) {
    const url = new URL(request.url);
    const items = (await this.ctx.storage.get("items")) ?? [];
    if (request.method === "POST" && url.pathname === "/cart/add") {
      items.push(url.searchParams.get("item") ?? "?");
      await this.ctx.storage.put("items", items);
    }
    return Response.json({ items });
  }
}
