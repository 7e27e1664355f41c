/*corpus
{ "requests": [
  { "path": "/", "status": 200, "json": { "size": 11, "type": "text/plain", "slice": "world", "bytes": [104, 101], "file": ["a.txt", 3, "text/csv"], "concat": "hello world!", "fromBlob": "hello world" } }
] }
*/
export default {
  async fetch() {
    const blob = new Blob(["hello", " ", new TextEncoder().encode("world")], { type: "Text/Plain" });
    const file = new File(["a,b"], "a.txt", { type: "text/csv", lastModified: 0 });
    const concat = new Blob([blob, "!"]);
    const bytes = new Uint8Array(await blob.slice(0, 2).arrayBuffer());
    return Response.json({
      size: blob.size,
      type: blob.type,
      slice: await blob.slice(6).text(),
      bytes: [...bytes],
      file: [file.name, file.size, file.type],
      concat: await concat.text(),
      fromBlob: await new Response(blob).text(),
    });
  },
};
