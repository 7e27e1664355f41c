/*corpus
{ "requests": [
  { "path": "/", "status": 200, "json": { "ua": "Cloudflare-Workers", "cores": 1, "self": true, "fixed": "abcdef", "tooShort": "TypeError: FixedLengthStream did not see all expected bytes before close().", "identity": [1, 2, 3], "md5": "35d3c269d1f7474967b6c317ad12ea47", "reportError": "function", "queueMicrotask": "ran" } }
] }
*/
export default {
  async fetch() {
    const { readable, writable } = new FixedLengthStream(6);
    const writer = writable.getWriter();
    writer.write(new TextEncoder().encode("abc"));
    writer.write(new TextEncoder().encode("def"));
    writer.close();
    const fixed = await new Response(readable).text();
    const short = new FixedLengthStream(10);
    const shortWriter = short.writable.getWriter();
    shortWriter.write(new Uint8Array(3)).catch(() => {});
    shortWriter.close().catch(() => {});
    const tooShort = await new Response(short.readable).text().then(() => "read", (e) => `${e.name}: ${e.message}`);
    const identity = new IdentityTransformStream();
    const w = identity.writable.getWriter();
    w.write(new Uint8Array([1, 2, 3]));
    w.close();
    const md5 = [...new Uint8Array(await crypto.subtle.digest("MD5", new TextEncoder().encode("hello etag")))].map((b) => b.toString(16).padStart(2, "0")).join("");
    let micro = "pending";
    queueMicrotask(() => (micro = "ran"));
    await null;
    return Response.json({
      ua: navigator.userAgent,
      cores: navigator.hardwareConcurrency,
      self: self === globalThis,
      fixed,
      tooShort,
      identity: [...new Uint8Array(await new Response(identity.readable).arrayBuffer())],
      md5,
      reportError: typeof reportError,
      queueMicrotask: micro,
    });
  },
};
