// Cache API cases whose outcome must match workerd's (Miniflare): what put refuses and with
// which message, what it keeps, and what match and delete answer. One worker runs every case in
// order and answers a JSON object by case name; a Response is shown as status, headers (without
// `date`, which is each runtime's own clock) and body; an error as "Name: message".

export const cacheCases: Record<string, string> = {
  "put-max-age": `c.put("https://x.example/a", new Response("A", { headers: { "cache-control": "max-age=60", "x-a": "1" } }))`,
  "match-max-age": `c.match("https://x.example/a")`,
  "put-no-store": `c.put("https://x.example/b", new Response("B", { headers: { "cache-control": "no-store" } }))`,
  "match-no-store": `c.match("https://x.example/b")`,
  "put-post": `c.put(new Request("https://x.example/c", { method: "POST" }), new Response("C"))`,
  "put-206": `c.put("https://x.example/d", new Response("D", { status: 206 }))`,
  "put-vary-star": `c.put("https://x.example/e", new Response("E", { headers: { vary: "Accept, *" } }))`,
  "put-set-cookie": `c.put("https://x.example/f", new Response("F", { headers: { "set-cookie": "a=1", "cache-control": "max-age=60" } }))`,
  "match-set-cookie": `c.match("https://x.example/f")`,
  "put-no-lifetime": `c.put("https://x.example/g", new Response("G"))`,
  "match-no-lifetime": `c.match("https://x.example/g")`,
  "match-post": `c.match(new Request("https://x.example/a", { method: "POST" }))`,
  "match-post-ignore-method": `c.match(new Request("https://x.example/a", { method: "POST" }), { ignoreMethod: true })`,
  "match-ignore-search": `c.match("https://x.example/a", { ignoreSearch: true })`,
  "delete-post": `c.delete(new Request("https://x.example/a", { method: "POST" }))`,
  "delete": `c.delete("https://x.example/a")`,
  "delete-again": `c.delete("https://x.example/a")`,
  "match-deleted": `c.match("https://x.example/a")`,
  "put-used-body": `(async () => { const r = new Response("U"); await r.text(); return c.put("https://x.example/u", r); })()`,
  "put-private": `c.put("https://x.example/p", new Response("P", { headers: { "cache-control": "private, max-age=60" } }))`,
  "match-private": `c.match("https://x.example/p")`,
  "put-500": `c.put("https://x.example/s", new Response("S", { status: 500, headers: { "cache-control": "max-age=60" } }))`,
  "match-500": `c.match("https://x.example/s")`,
  "put-private-set-cookie": `c.put("https://x.example/q", new Response("Q", { headers: { "set-cookie": "a=1", "cache-control": "private=Set-Cookie, max-age=60" } }))`,
  "match-private-set-cookie": `c.match("https://x.example/q")`,
  "put-authorization": `c.put(new Request("https://x.example/auth", { headers: { authorization: "x" } }), new Response("Z", { headers: { "cache-control": "max-age=60" } }))`,
  "match-authorization": `c.match("https://x.example/auth")`,
  "put-expires": `c.put("https://x.example/exp", new Response("X", { headers: { expires: "Wed, 21 Oct 2099 07:28:00 GMT" } }))`,
  "match-expires": `c.match("https://x.example/exp")`,
  "put-s-maxage": `c.put("https://x.example/sm", new Response("X", { headers: { "cache-control": "s-maxage=10, max-age=0" } }))`,
  "match-s-maxage": `c.match("https://x.example/sm")`,
  "put-no-cache": `c.put("https://x.example/nc", new Response("X", { headers: { "cache-control": "no-cache, max-age=100" } }))`,
  "match-no-cache": `c.match("https://x.example/nc")`,
  "put-404": `c.put("https://x.example/404", new Response("X", { status: 404, headers: { "cache-control": "max-age=100" } }))`,
  "match-404": `c.match("https://x.example/404")`,
  "put-etag": `c.put("https://x.example/etag", new Response("E", { headers: { "cache-control": "max-age=100", etag: '"v1"' } }))`,
  "match-if-none-match": `c.match(new Request("https://x.example/etag", { headers: { "if-none-match": '"v1"' } }))`,
  "put-ranged": `c.put("https://x.example/r", new Response("0123456789", { headers: { "cache-control": "max-age=100" } }))`,
  "match-range": `c.match(new Request("https://x.example/r", { headers: { range: "bytes=2-5" } }))`,
  "match-range-open": `c.match(new Request("https://x.example/r", { headers: { range: "bytes=7-" } }))`,
  "match-range-suffix": `c.match(new Request("https://x.example/r", { headers: { range: "bytes=-3" } }))`,
  "match-range-past-end": `c.match(new Request("https://x.example/r", { headers: { range: "bytes=20-30" } }))`,
  "match-range-not-bytes": `c.match(new Request("https://x.example/r", { headers: { range: "items=0-1" } }))`,
  "put-not-a-response": `c.put("https://x.example/z", "str")`,
  "put-relative-url": `c.put("/rel", new Response("x"))`,
  "named-is-apart": `(async () => { await c.put("https://x.example/n", new Response("N", { headers: { "cache-control": "max-age=60" } })); return (await caches.open("other")).match("https://x.example/n"); })()`,
  "named-sees-its-own": `(async () => { const o = await caches.open("mine"); await o.put("https://x.example/n", new Response("M", { headers: { "cache-control": "max-age=60" } })); return o.match("https://x.example/n"); })()`,
  "types": `Object.prototype.toString.call(c) + " " + Object.prototype.toString.call(caches) + " " + (caches.default === caches.default) + " " + typeof caches.open`,
};

export function cacheWorker(): string {
  const steps = Object.entries(cacheCases).map(([name, expr]) => `  out[${JSON.stringify(name)}] = await show(() => ${expr});`).join("\n");
  return `async function show(run) {
  try {
    const value = await run();
    if (value instanceof Response) return { status: value.status, headers: [...value.headers].filter(([n]) => n !== "date"), body: await value.text() };
    return value === undefined ? "undefined" : value;
  } catch (e) { return e.name + ": " + e.message; }
}
export default { async fetch() {
  const c = caches.default; const out = {};
${steps}
  return Response.json(out);
} };`;
}
