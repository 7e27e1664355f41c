/*corpus
{ "bindings": { "SECRET": { "type": "var", "value": "s3cret" } }, "requests": [
  { "path": "/sign?msg=hello", "status": 200, "body": "e5a01537481fa0b2c697f787c7aff885412cf0760d08e08502259b39d2d6ae68" },
  { "path": "/verify?msg=hello&sig=e5a01537481fa0b2c697f787c7aff885412cf0760d08e08502259b39d2d6ae68", "status": 200, "body": "valid" },
  { "path": "/verify?msg=hellO&sig=e5a01537481fa0b2c697f787c7aff885412cf0760d08e08502259b39d2d6ae68", "status": 403, "body": "invalid" }
] }
*/
const encoder = new TextEncoder();

async function key(secret) {
  return crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

const toHex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
const fromHex = (hex) => new Uint8Array(hex.match(/.{2}/g).map((h) => parseInt(h, 16)));

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const msg = url.searchParams.get("msg") ?? "";
    const k = await key(env.SECRET);
    if (url.pathname === "/sign") return new Response(toHex(await crypto.subtle.sign("HMAC", k, encoder.encode(msg))));
    const ok = await crypto.subtle.verify("HMAC", k, fromHex(url.searchParams.get("sig")), encoder.encode(msg));
    return new Response(ok ? "valid" : "invalid", { status: ok ? 200 : 403 });
  },
};
