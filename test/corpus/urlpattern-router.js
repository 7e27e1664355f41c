/*corpus
{ "requests": [
  { "path": "/api/v1/users/7/posts/99", "status": 200, "json": { "route": "post", "user": "7", "post": "99" } },
  { "path": "/api/v1/users/7", "status": 200, "json": { "route": "user", "user": "7" } },
  { "path": "/static/css/site.css", "status": 200, "json": { "route": "static", "file": "css/site.css" } },
  { "path": "/api/v2/users/7", "status": 404, "body": "no route" }
] }
*/
const routes = [
  { name: "post", pattern: new URLPattern({ pathname: "/api/v1/users/:user/posts/:post" }) },
  { name: "user", pattern: new URLPattern({ pathname: "/api/v1/users/:user(\\d+)" }) },
  { name: "static", pattern: new URLPattern({ pathname: "/static/*" }) },
];

export default {
  async fetch(request) {
    for (const { name, pattern } of routes) {
      const match = pattern.exec(request.url);
      if (!match) continue;
      const groups = match.pathname.groups;
      if (name === "static") return Response.json({ route: name, file: groups[0] });
      return Response.json({ route: name, ...groups });
    }
    return new Response("no route", { status: 404 });
  },
};
