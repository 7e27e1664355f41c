/*corpus
{ "bindings": { "JWT_SECRET": { "type": "var", "value": "corpus-secret" } }, "requests": [
  { "path": "/token?sub=ada", "status": 200, "match": "^eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$" },
  { "path": "/roundtrip?sub=ada", "status": 200, "json": { "valid": true, "sub": "ada", "tampered": false } }
] }
*/
const enc = new TextEncoder();
const b64url = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const b64urlJson = (obj) => b64url(enc.encode(JSON.stringify(obj)));
const fromB64url = (s) => Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));

async function hmacKey(secret) {
  return crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: { name: "SHA-256" } }, false, ["sign", "verify"]);
}

async function sign(payload, secret) {
  const data = `${b64urlJson({ alg: "HS256", typ: "JWT" })}.${b64urlJson(payload)}`;
  const signature = await crypto.subtle.sign({ name: "HMAC" }, await hmacKey(secret), enc.encode(data));
  return `${data}.${b64url(new Uint8Array(signature))}`;
}

async function verify(token, secret) {
  const [header, payload, signature] = token.split(".");
  const ok = await crypto.subtle.verify("HMAC", await hmacKey(secret), fromB64url(signature), enc.encode(`${header}.${payload}`));
  return ok ? JSON.parse(new TextDecoder().decode(fromB64url(payload))) : null;
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const token = await sign({ sub: url.searchParams.get("sub"), iat: Math.floor(Date.now() / 1000) }, env.JWT_SECRET);
    if (url.pathname === "/token") return new Response(token);
    const claims = await verify(token, env.JWT_SECRET);
    const [h, p, s] = token.split(".");
    const forged = `${h}.${b64urlJson({ sub: "admin" })}.${s}`;
    return Response.json({ valid: claims !== null, sub: claims?.sub, tampered: (await verify(forged, env.JWT_SECRET)) !== null });
  },
};
