/*corpus
{ "requests": [
  { "path": "/", "status": 200, "body": "home" },
  { "path": "/about", "status": 200, "body": "about us" },
  { "path": "/users/42", "status": 200, "json": { "id": 42, "name": "user-42" } },
  { "path": "/missing", "status": 404, "body": "Not found: /missing" },
  { "method": "DELETE", "path": "/", "status": 405, "body": "Method Not Allowed", "headers": { "allow": "GET, HEAD" } }
] }
*/
function notFound(url) {
  return new Response(`Not found: ${url.pathname}`, { status: 404 });
}

export default {
  async fetch(request) {
    if (request.method !== "GET" && request.method !== "HEAD") {
      return new Response("Method Not Allowed", { status: 405, headers: { Allow: "GET, HEAD" } });
    }
    const url = new URL(request.url);
    switch (url.pathname) {
      case "/":
        return new Response("home");
      case "/about":
        return new Response("about us");
    }
    const match = url.pathname.match(/^\/users\/(\d+)$/);
    if (match) {
      const id = Number(match[1]);
      return Response.json({ id, name: `user-${id}` });
    }
    return notFound(url);
  },
};
