/*corpus
{ "requests": [
  { "path": "/hash?password=correct%20horse&salt=salt-ada", "status": 200, "body": "e93d580c2d7a19786f177d589d22c9da30ae728888b5da6a7db647dd1d8d6ebc" },
  { "path": "/derive", "status": 200, "json": { "hkdf": "88dcbbcf2297edf6f961b80ee8ebc635", "aesRoundTrip": "tenant data", "keyAlgorithm": { "name": "AES-GCM", "length": 256 }, "hmacLength": 32, "baseAlgorithm": { "name": "PBKDF2" }, "extractable": false } }
] }
*/
const enc = new TextEncoder();
const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");

async function hashPassword(password, salt) {
  const base = await crypto.subtle.importKey("raw", enc.encode(password), { name: "PBKDF2" }, false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", salt: enc.encode(salt), iterations: 1000, hash: "SHA-256" }, base, 256);
  return hex(bits);
}

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/hash") return new Response(await hashPassword(url.searchParams.get("password"), url.searchParams.get("salt")));
    const master = await crypto.subtle.importKey("raw", enc.encode("master-key"), "HKDF", false, ["deriveBits", "deriveKey"]);
    const hkdf = hex(await crypto.subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt: enc.encode("salt"), info: enc.encode("tenant:42") }, master, 128));
    const base = await crypto.subtle.importKey("raw", enc.encode("pw"), "PBKDF2", false, ["deriveKey"]);
    const aes = await crypto.subtle.deriveKey({ name: "PBKDF2", salt: enc.encode("s"), iterations: 10, hash: "SHA-256" }, base, { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
    const iv = new Uint8Array(12);
    const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, aes, enc.encode("tenant data"));
    const opened = new TextDecoder().decode(await crypto.subtle.decrypt({ name: "AES-GCM", iv }, aes, sealed));
    const hmac = await crypto.subtle.deriveKey({ name: "HKDF", hash: "SHA-256", salt: new Uint8Array(), info: enc.encode("mac") }, master, { name: "HMAC", hash: "SHA-256", length: 256 }, false, ["sign"]);
    const mac = await crypto.subtle.sign("HMAC", hmac, enc.encode("x"));
    return Response.json({ hkdf, aesRoundTrip: opened, keyAlgorithm: aes.algorithm, hmacLength: mac.byteLength, baseAlgorithm: base.algorithm, extractable: base.extractable });
  },
};
