/*corpus
{ "requests": [
  { "path": "/", "status": 200, "json": { "header": [0, 0, 0, 5], "length": 5, "payload": "hello", "rest": [33], "done": true } }
] }
*/
// A length-prefixed frame read with a BYOB reader, as binary protocol parsers do.
function frameStream() {
  const bytes = new Uint8Array([0, 0, 0, 5, ...new TextEncoder().encode("hello"), 33]);
  let offset = 0;
  return new ReadableStream({
    type: "bytes",
    pull(controller) {
      const request = controller.byobRequest;
      if (offset >= bytes.length) {
        controller.close();
        request?.respond(0);
        return;
      }
      const view = request.view;
      const n = Math.min(view.byteLength, bytes.length - offset, 3);
      view.set(bytes.subarray(offset, offset + n));
      offset += n;
      request.respond(n);
    },
  });
}

async function readExactly(reader, n) {
  let buffer = new Uint8Array(n);
  let filled = 0;
  while (filled < n) {
    const { value, done } = await reader.read(new Uint8Array(buffer.buffer, filled, n - filled));
    if (done) throw new Error("stream ended early");
    buffer = new Uint8Array(value.buffer);
    filled += value.byteLength;
  }
  return buffer;
}

export default {
  async fetch() {
    const reader = frameStream().getReader({ mode: "byob" });
    const header = await readExactly(reader, 4);
    const length = new DataView(header.buffer).getUint32(0);
    const payload = new TextDecoder().decode(await readExactly(reader, length));
    const rest = await reader.read(new Uint8Array(8));
    const end = await reader.read(new Uint8Array(8));
    return Response.json({ header: [...header], length, payload, rest: [...rest.value], done: end.done });
  },
};
