// A shopping cart. POST /cart/add?item=X adds an item; GET /cart lists the cart.
//
// The cart lives in a module variable: memory of the isolate that happens to serve the request.
// Every client in us-west reaches the us-west PoP (anycast picks the nearest one), so while
// that PoP is up every request meets the same isolate and the cart looks fine.
const cart = [];

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (request.method === "POST" && url.pathname === "/cart/add") {
      cart.push(url.searchParams.get("item") ?? "?");
      return Response.json({ items: cart });
    }
    if (url.pathname === "/cart") return Response.json({ items: cart });
    return new Response("not found", { status: 404 });
  },
};

// Not used yet: a Durable Object class the scenario binds as env.CARTS.
export class Cart {
  constructor(ctx, env) {
    this.ctx = ctx;
  }

  async fetch(request) {
    return new Response("not implemented", { status: 501 });
  }
}
