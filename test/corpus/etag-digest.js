/*corpus
{ "requests": [
  { "path": "/doc", "status": 200, "body": "{\"title\":\"Edge\",\"body\":\"compute at the edge\"}", "headers": { "etag": "\"62fe9b1b93a1de79\"" } },
  { "path": "/doc", "requestHeaders": { "if-none-match": "\"62fe9b1b93a1de79\"" }, "status": 304, "body": "" }
] }
*/
const doc = JSON.stringify({ title: "Edge", body: "compute at the edge" });

async function etagOf(text) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
  return `"${hex.slice(0, 16)}"`;
}

export default {
  async fetch(request) {
    const etag = await etagOf(doc);
    if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers: { ETag: etag } });
    return new Response(doc, { headers: { ETag: etag, "Content-Type": "application/json" } });
  },
};
