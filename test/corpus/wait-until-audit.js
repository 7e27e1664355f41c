/*corpus
{ "bindings": { "AUDIT": { "type": "kv" } }, "requests": [
  { "path": "/action?what=deploy", "status": 202, "body": "accepted" },
  { "path": "/action?what=rollback", "status": 202, "body": "accepted" },
  { "path": "/log", "status": 200, "json": ["deploy", "rollback"] }
] }
*/
async function audit(env, what) {
  const log = (await env.AUDIT.get("log", "json")) ?? [];
  log.push(what);
  await env.AUDIT.put("log", JSON.stringify(log));
}

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === "/log") return Response.json((await env.AUDIT.get("log", "json")) ?? []);
    ctx.waitUntil(audit(env, url.searchParams.get("what")));
    return new Response("accepted", { status: 202 });
  },
};
