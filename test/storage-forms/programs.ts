// Every argument form of ctx.storage and Workers KV that workerd accepts or refuses, one route
// each, answered as JSON. The same routes run in the world and in Miniflare (workerd); each
// form's answer must be the same. Every storage route uses its own object, every KV route its
// own key prefix, so the routes do not see each other's data.

/** Runs `f`, answering its value (Maps and buffers as plain data) or its error's name and message. */
const helper = `const c = async (f) => { try { const v = await f(); return v instanceof Map ? ["Map", [...v]] : v instanceof ArrayBuffer ? ["AB", [...new Uint8Array(v)]] : v instanceof ReadableStream ? ["RS", await new Response(v).text()] : v === undefined ? "undefined" : v; } catch (e) { return [e.name, e.message]; } };`;

export const storageForms: Record<string, string> = {
  "number-key": `return [await c(() => s.put(1, "one")), await c(() => s.get(1)), await c(() => s.get("1")), await c(() => s.put(true, 5)), await c(() => s.get("true")), await c(() => s.delete(1)), await c(() => s.delete(2))];`,
  "entries-object": `return [await c(() => s.put({ a: 1, b: 2 })), await c(() => s.get(["a", "b", "zz"])), await c(() => s.get([1, "a"])), await c(() => s.get([]))];`,
  "undefined-refused": `return [await c(() => s.put("u", undefined)), await c(() => s.put("nv")), await c(() => s.put({ a: undefined })), await c(() => s.get()), await c(() => s.delete())];`,
  "wrong-put-form": `return [await c(() => s.put({ toString() { return "obj"; } }, 1)), await c(() => s.get("obj"))];`,
  "values-cloned": `await s.put("m", new Map([[1, new Date(0)]])); await s.put("b", new Uint8Array([1, 2])); await s.put("n", null); const m = await s.get("m"); const b = await s.get("b");
    return [m instanceof Map, m.get(1).toISOString(), b.constructor.name, [...b], await c(() => s.get("n")), await c(() => s.put("f", () => 1))[0]];`,
  "delete-forms": `await s.put({ a: 1, b: 2, c: 3 }); return [await c(() => s.delete("a")), await c(() => s.delete("nope")), await c(() => s.delete(["b", "c", "zz"])), await c(() => s.list())];`,
  "list-options": `await s.put({ k1: 1, k2: 2, k3: 3, k4: 4, j1: 5, l: 6 });
    return [await c(() => s.list()), await c(() => s.list({ prefix: "k" })), await c(() => s.list({ start: "k2", end: "k4" })), await c(() => s.list({ startAfter: "k2" })), await c(() => s.list({ reverse: true, limit: 2 })), await c(() => s.list({ prefix: "k", reverse: true })), await c(() => s.list({ limit: "2" })), await c(() => s.list({ bogus: 1 })), await c(() => s.list({ start: "k", end: "k3", limit: 1 }))];`,
  "list-refusals": `return [await c(() => s.list({ start: "a", startAfter: "b" })), await c(() => s.list({ limit: 0 })), await c(() => s.list({ limit: -1 }))];`,
  "transaction": `await s.put({ k1: 1, k2: 2 });
    const v = await c(() => s.transaction(async (t) => { await t.put("t1", 1); const seen = await t.get("t1"); const gone = await t.delete("k1"); const listed = [...(await t.list()).keys()]; const many = await t.get(["t1", "k1", "k2"]); return [seen, gone, listed, [...many]]; }));
    return [v, await c(() => s.get(["t1", "k1"]))];`,
  "transaction-abort": `const thrown = await c(() => s.transaction(async (t) => { await t.put("t2", 2); throw new Error("abort"); }));
    const rolled = await c(() => s.transaction(async (t) => { await t.put("t3", 3); t.rollback(); return "rb"; }));
    return [thrown, await c(() => s.get("t2")), rolled, await c(() => s.get("t3"))];`,
  "delete-all": `await s.put({ a: 1, b: 2 }); return [await c(() => s.deleteAll()), await c(() => s.list())];`,
  "alarms": `return [await c(() => s.getAlarm()), await c(() => s.setAlarm(Date.now() + 60000)), await c(async () => typeof (await s.getAlarm())), await c(() => s.setAlarm(new Date(Date.now() + 1000))), await c(() => s.setAlarm("soon")), await c(() => s.deleteAlarm()), await c(() => s.getAlarm())];`,
  "options-ignored": `await s.put("k", 1); return [await c(() => s.get("k", { allowConcurrency: true })), await c(() => s.put("k", 7, { noCache: true })), await c(() => s.get("k"))];`,
};

export const kvForms: Record<string, string> = {
  "put-value-types": `await kv.put("vt:s", "text"); await kv.put("vt:ab", new Uint8Array([104, 105]).buffer); await kv.put("vt:u8", new Uint8Array([1, 2, 3])); await kv.put("vt:dv", new DataView(new Uint8Array([65, 66]).buffer)); await kv.put("vt:sub", new Uint8Array([1, 2, 3, 4]).subarray(1, 3));
    return [await kv.get("vt:s"), await c(() => kv.get("vt:ab", "arrayBuffer")), await c(() => kv.get("vt:u8", "arrayBuffer")), await kv.get("vt:dv"), await c(() => kv.get("vt:sub", { type: "arrayBuffer" }))];`,
  "put-stream": `await kv.put("st:req", req.body); await kv.put("st:res", new Response("streamed").body); return [await kv.get("st:req"), await kv.get("st:res")];`,
  "put-coerced": `await kv.put("co:n", 42); await kv.put("co:nl", null); await kv.put(7, "seven"); return [await kv.get("co:n"), await kv.get("co:nl"), await kv.get(7), await kv.get("7"), await c(() => kv.put("co:o", { a: 1 })), await c(() => kv.put("co:sym", Symbol("x")))];`,
  "get-types": `await kv.put("gt:j", JSON.stringify({ x: [1] }));
    return [await c(() => kv.get("gt:j", "json")), await c(() => kv.get("gt:j", { type: "json" })), await c(() => kv.get("gt:j", "text")), await c(() => kv.get("gt:j", "stream")), await c(() => kv.get("gt:j", { type: "stream" })), await c(() => kv.get("gt:nope")), await c(() => kv.get("gt:nope", "stream")), await c(() => kv.put("gt:t", "x").then(() => kv.get("gt:t", "json")))];`,
  "get-refusals": `return [await c(() => kv.get("x", "xml")), await c(() => kv.get("x", { type: "blob" })), await c(() => kv.get("x", { cacheTtl: 10 }))];`,
  "cache-ttl": `await kv.put("ct:a", "v"); return [await c(() => kv.get("ct:a", { cacheTtl: 60 })), await c(() => kv.get("ct:a", { type: "text", cacheTtl: "120" })), await c(() => kv.get("ct:a", { cacheTtl: 30 }))];`,
  "get-with-metadata": `await kv.put("md:j", JSON.stringify({ x: 1 }), { metadata: { m: 1 } }); await kv.put("md:s", "plain");
    const streamed = await kv.getWithMetadata("md:j", { type: "stream" });
    return [await c(() => kv.getWithMetadata("md:j", "json")), await c(() => kv.getWithMetadata("md:s")), await c(() => kv.getWithMetadata("md:nope")), [await new Response(streamed.value).text(), streamed.metadata]];`,
  "bulk-get": `await kv.put("bg:a", "1"); await kv.put("bg:j", "{\\"y\\":2}", { metadata: { z: 3 } });
    return [await c(() => kv.get(["bg:a", "bg:nope"])), await c(() => kv.get(["bg:j"], "json")), await c(() => kv.getWithMetadata(["bg:j", "bg:nope"], "json")), await c(() => kv.get(["bg:a"], "stream")), await c(() => kv.get(Array.from({ length: 101 }, (_, i) => "bg:" + i)))];`,
  "list-forms": `for (const k of ["ls:p:1", "ls:p:2", "ls:p:3", "ls:q:1"]) await kv.put(k, "v", k === "ls:p:2" ? { metadata: { t: 2 } } : undefined);
    const a = await kv.list({ prefix: "ls:p:", limit: 2 }); const b = await kv.list({ prefix: "ls:p:", limit: 2, cursor: a.cursor });
    return [await c(() => kv.list({ prefix: "ls:" })), [a.keys.map((k) => k.name), a.list_complete, typeof a.cursor, b.keys.map((k) => k.name), b.list_complete, b.cursor ?? null], (await kv.list({ prefix: "ls:", limit: 0 })).keys.length, (await kv.list({ prefix: "ls:", limit: "1" })).keys.length, await c(() => kv.list({ limit: 1001 }))];`,
  "put-options": `return [await c(() => kv.put("po:a", "v", { expirationTtl: 30 })), await c(() => kv.put("po:a", "v", { expirationTtl: "120" })), await c(() => kv.put("po:a", "v", { expiration: -5 })), await c(() => kv.put("po:a", "v", "opts")), await c(() => kv.put("po:a", "v", { metadata: { ok: true } }).then(() => kv.getWithMetadata("po:a")))];`,
  "delete-forms": `await kv.put("dl:a", "1"); await kv.put("8", "eight"); return [await c(() => kv.delete("dl:a")), await c(() => kv.delete("dl:nope")), await kv.get("dl:a"), await c(() => kv.delete(8)), await kv.get("8")];`,
};

export function formsWorker(): string {
  const storageRoutes = Object.entries(storageForms).map(([name, body]) => `    if (route === ${JSON.stringify(name)}) return Response.json(await (async () => { ${body} })());`).join("\n");
  const kvRoutes = Object.entries(kvForms).map(([name, body]) => `    if (route === ${JSON.stringify(name)}) return Response.json(await (async () => { ${body} })());`).join("\n");
  return `import { DurableObject } from "cloudflare:workers";
${helper}
export class Forms extends DurableObject {
  async alarm() {}
  async fetch(req) {
    const s = this.ctx.storage; const route = new URL(req.url).pathname.slice("/storage/".length);
${storageRoutes}
    return new Response("no route", { status: 404 });
  }
}
export default { async fetch(req, env) {
  const url = new URL(req.url);
  if (url.pathname.startsWith("/storage/")) return env.FORMS.get(env.FORMS.idFromName(url.pathname)).fetch(req);
  const kv = env.KV; const route = url.pathname.slice("/kv/".length);
${kvRoutes}
  return new Response("no route", { status: 404 });
} };`;
}

export const formPaths = [...Object.keys(storageForms).map((n) => `/storage/${n}`), ...Object.keys(kvForms).map((n) => `/kv/${n}`)];
