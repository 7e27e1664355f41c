/*corpus
{ "requests": [
  { "path": "/", "status": 200, "json": { "roundTrip": "the launch code is 0000", "ivBytes": 12, "cipherBytes": 39, "wrongKeyFails": "OperationError" } }
] }
*/
export default {
  async fetch() {
    const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, true, ["encrypt", "decrypt"]);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const plaintext = new TextEncoder().encode("the launch code is 0000");
    const ciphertext = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, plaintext);
    const decrypted = await crypto.subtle.decrypt({ name: "AES-GCM", iv }, key, ciphertext);
    const raw = await crypto.subtle.exportKey("raw", key);
    const other = await crypto.subtle.importKey("raw", new Uint8Array(raw).map((b) => b ^ 1), "AES-GCM", false, ["decrypt"]);
    let wrongKeyFails = "none";
    try {
      await crypto.subtle.decrypt({ name: "AES-GCM", iv }, other, ciphertext);
    } catch (e) {
      wrongKeyFails = e.name;
    }
    return Response.json({ roundTrip: new TextDecoder().decode(decrypted), ivBytes: iv.length, cipherBytes: ciphertext.byteLength, wrongKeyFails });
  },
};
