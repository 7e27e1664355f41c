/*corpus
{ "requests": [
  { "path": "/old-blog/post-1", "status": 301, "headers": { "location": "https://corpus.example/blog/post-1" } },
  { "path": "/docs", "status": 302, "headers": { "location": "https://developers.example/docs?from=corpus" } },
  { "path": "/blog/post-1", "status": 200, "body": "post-1" }
] }
*/
const redirectMap = new Map([["/docs", "https://developers.example/docs?from=corpus"]]);

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname.startsWith("/old-blog/")) {
      url.pathname = url.pathname.replace("/old-blog/", "/blog/");
      return Response.redirect(url.toString(), 301);
    }
    const target = redirectMap.get(url.pathname);
    if (target) return Response.redirect(target, 302);
    return new Response(url.pathname.split("/").pop());
  },
};
