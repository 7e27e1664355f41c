/*corpus
{ "requests": [
  { "path": "/search?q=edge+compute&tags=a&tags=b&page=2", "status": 200, "json": { "q": "edge compute", "tags": ["a", "b"], "page": 2, "sorted": "page=2&q=edge+compute&tags=a&tags=b" } },
  { "path": "/search", "status": 400, "json": { "error": "missing q" } }
] }
*/
export default {
  async fetch(request) {
    const { searchParams } = new URL(request.url);
    const q = searchParams.get("q");
    if (!q) return Response.json({ error: "missing q" }, { status: 400 });
    const page = parseInt(searchParams.get("page") ?? "1", 10);
    const sorted = new URLSearchParams(searchParams);
    sorted.sort();
    return Response.json({ q, tags: searchParams.getAll("tags"), page, sorted: sorted.toString() });
  },
};
