/*corpus
{ "bindings": { "API_KEY": { "type": "var", "value": "k-123456" } }, "requests": [
  { "path": "/secret", "requestHeaders": { "authorization": "Bearer k-123456" }, "status": 200, "json": { "secret": 42 } },
  { "path": "/secret", "requestHeaders": { "authorization": "Bearer k-654321" }, "status": 401, "body": "unauthorized" },
  { "path": "/secret", "requestHeaders": { "authorization": "Bearer short" }, "status": 401, "body": "unauthorized" },
  { "path": "/secret", "status": 401, "body": "unauthorized" }
] }
*/
const encoder = new TextEncoder();

function safeEqual(a, b) {
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  if (left.byteLength !== right.byteLength) return false;
  return crypto.subtle.timingSafeEqual(left, right);
}

export default {
  async fetch(request, env) {
    const header = request.headers.get("Authorization") ?? "";
    const token = header.startsWith("Bearer ") ? header.slice(7) : "";
    if (!safeEqual(token, env.API_KEY)) return new Response("unauthorized", { status: 401 });
    return Response.json({ secret: 42 });
  },
};
