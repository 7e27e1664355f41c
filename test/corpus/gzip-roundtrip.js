/*corpus
{ "requests": [
  { "path": "/", "status": 200, "json": { "gzipMagic": [31, 139], "smaller": true, "roundTrip": true, "deflate": true, "raw": true, "badFormat": "TypeError" } }
] }
*/
const text = "edge compute ".repeat(200);

async function through(bytes, transform) {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(transform)).arrayBuffer());
}

export default {
  async fetch() {
    const input = new TextEncoder().encode(text);
    const gz = await through(input, new CompressionStream("gzip"));
    const back = new TextDecoder().decode(await through(gz, new DecompressionStream("gzip")));
    const deflated = await through(input, new CompressionStream("deflate"));
    const inflated = new TextDecoder().decode(await through(deflated, new DecompressionStream("deflate")));
    const raw = new TextDecoder().decode(await through(await through(input, new CompressionStream("deflate-raw")), new DecompressionStream("deflate-raw")));
    let badFormat = "none";
    try {
      new CompressionStream("brotli");
    } catch (e) {
      badFormat = e.name;
    }
    return Response.json({ gzipMagic: [gz[0], gz[1]], smaller: gz.length < input.length / 10, roundTrip: back === text, deflate: inflated === text, raw: raw === text, badFormat });
  },
};
