/*corpus
{ "bindings": { "TODOS": { "type": "kv" } }, "requests": [
  { "method": "POST", "path": "/todos", "requestBody": "{\"title\":\"write tests\"}", "requestHeaders": { "content-type": "application/json" }, "status": 201, "json": { "id": "1", "title": "write tests", "done": false } },
  { "method": "POST", "path": "/todos", "requestBody": "{\"title\":\"ship\"}", "requestHeaders": { "content-type": "application/json" }, "status": 201, "json": { "id": "2", "title": "ship", "done": false } },
  { "method": "PATCH", "path": "/todos/1", "requestBody": "{\"done\":true}", "status": 200, "json": { "id": "1", "title": "write tests", "done": true } },
  { "path": "/todos", "status": 200, "json": [{ "id": "1", "title": "write tests", "done": true }, { "id": "2", "title": "ship", "done": false }] },
  { "method": "DELETE", "path": "/todos/2", "status": 204, "body": "" },
  { "path": "/todos/2", "status": 404, "json": { "error": "todo 2 not found" } },
  { "method": "POST", "path": "/todos", "requestBody": "not json", "status": 400, "json": { "error": "invalid JSON body" } }
] }
*/
const json = (data, status = 200) => Response.json(data, { status });

async function nextId(env) {
  const current = Number((await env.TODOS.get("meta:next-id")) ?? "0") + 1;
  await env.TODOS.put("meta:next-id", String(current));
  return String(current);
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const [, resource, id] = url.pathname.split("/");
    if (resource !== "todos") return json({ error: "not found" }, 404);
    if (!id && request.method === "GET") {
      const { keys } = await env.TODOS.list({ prefix: "todo:" });
      const todos = await Promise.all(keys.map((k) => env.TODOS.get(k.name, "json")));
      return json(todos);
    }
    if (!id && request.method === "POST") {
      let body;
      try {
        body = await request.json();
      } catch {
        return json({ error: "invalid JSON body" }, 400);
      }
      const todo = { id: await nextId(env), title: body.title, done: false };
      await env.TODOS.put(`todo:${todo.id}`, JSON.stringify(todo));
      return json(todo, 201);
    }
    const todo = await env.TODOS.get(`todo:${id}`, { type: "json" });
    if (!todo) return json({ error: `todo ${id} not found` }, 404);
    if (request.method === "PATCH") {
      const updated = { ...todo, ...(await request.json()) };
      await env.TODOS.put(`todo:${id}`, JSON.stringify(updated));
      return json(updated);
    }
    if (request.method === "DELETE") {
      await env.TODOS.delete(`todo:${id}`);
      return new Response(null, { status: 204 });
    }
    return json(todo);
  },
};
