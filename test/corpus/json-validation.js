/*corpus
{ "requests": [
  { "method": "POST", "path": "/orders", "requestHeaders": { "content-type": "application/json" }, "requestBody": "{\"sku\":\"A-1\",\"qty\":2,\"email\":\"a@b.co\"}", "status": 201, "json": { "order": { "sku": "A-1", "qty": 2, "email": "a@b.co" }, "total": 19.98 } },
  { "method": "POST", "path": "/orders", "requestHeaders": { "content-type": "application/json" }, "requestBody": "{\"sku\":\"\",\"qty\":0}", "status": 422, "json": { "errors": ["sku: required", "qty: must be a positive integer", "email: invalid"] } },
  { "method": "POST", "path": "/orders", "requestHeaders": { "content-type": "text/plain" }, "requestBody": "hi", "status": 415, "json": { "errors": ["expected application/json"] } },
  { "path": "/orders", "status": 405, "headers": { "allow": "POST" } }
] }
*/
const PRICES = { "A-1": 9.99 };

function validate(body) {
  const errors = [];
  if (typeof body.sku !== "string" || body.sku.length === 0) errors.push("sku: required");
  if (!Number.isInteger(body.qty) || body.qty <= 0) errors.push("qty: must be a positive integer");
  if (typeof body.email !== "string" || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(body.email)) errors.push("email: invalid");
  return errors;
}

export default {
  async fetch(request) {
    if (request.method !== "POST") return new Response(null, { status: 405, headers: { Allow: "POST" } });
    if (!request.headers.get("content-type")?.includes("application/json")) return Response.json({ errors: ["expected application/json"] }, { status: 415 });
    const body = await request.json();
    const errors = validate(body);
    if (errors.length) return Response.json({ errors }, { status: 422 });
    const total = Math.round(PRICES[body.sku] * body.qty * 100) / 100;
    return Response.json({ order: body, total }, { status: 201 });
  },
};
