// The API worker. The platform's router sends it example.com/api/* (a route) and every request
// for api.workers.dev (its workers.dev name). The router passes the path unchanged, so the
// same endpoint arrives as /api/users/ID on the route and as /users/ID on workers.dev: the
// worker accepts both.
const users = { 7: { id: 7, name: "Grace Hopper" } };

export default {
  async fetch(request) {
    const path = new URL(request.url).pathname;
    const m = /^(?:\/api)?\/users\/(\d+)$/.exec(path);
    if (m) {
      const user = users[m[1]];
      return user ? Response.json(user) : Response.json({ error: "no such user" }, { status: 404 });
    }
    return Response.json({ error: `the API has no ${path}` }, { status: 404 });
  },
};
