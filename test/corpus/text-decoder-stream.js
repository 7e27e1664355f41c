/*corpus
{ "requests": [
  { "path": "/", "status": 200, "json": { "chunked": "héllo €𝄞", "stream": "héllo €𝄞", "encodeInto": { "read": 5, "written": 6 }, "bom": "x" } }
] }
*/
export default {
  async fetch() {
    const bytes = new TextEncoder().encode("héllo €𝄞");
    const decoder = new TextDecoder();
    let chunked = "";
    for (let i = 0; i < bytes.length; i += 3) chunked += decoder.decode(bytes.subarray(i, i + 3), { stream: true });
    chunked += decoder.decode();
    const source = new ReadableStream({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 2) controller.enqueue(bytes.slice(i, i + 2));
        controller.close();
      },
    });
    let stream = "";
    for await (const part of source.pipeThrough(new TextDecoderStream())) stream += part;
    const target = new Uint8Array(6);
    const { read, written } = new TextEncoder().encodeInto("héllo", target);
    const bom = new TextDecoder().decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x78]));
    return Response.json({ chunked, stream, encodeInto: { read, written }, bom });
  },
};
