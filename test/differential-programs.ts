// Worker programs whose status and body must match between the sandbox and the real Workers
// runtime (Miniflare/workerd). Each is deterministic: no time, no randomness.

export const programs: Record<string, string> = {
  "/headers": `const h = new Headers({ "X-B": "2", "x-a": "1" }); h.append("X-A", "3"); h.append("Set-Cookie", "a=1"); h.append("set-cookie", "b=2");
    return Response.json({ entries: [...h], get: h.get("x-a"), has: h.has("X-B"), cookies: h.getSetCookie() });`,
  "/url": `const u = new URL("https://EXAMPLE.com:443/a/../b/./c?x=1&y=a b#frag"); u.searchParams.append("z", "é&"); 
    const r = new URL("../up?q", "https://h.example/one/two/three");
    return Response.json({ href: u.href, host: u.host, port: u.port, path: u.pathname, search: u.search, rel: r.href, idn: new URL("https://münchen.de/").host, params: [...new URLSearchParams("a=1&b=%20x&a=2")], sorted: (() => { const p = new URLSearchParams("c=3&a=1&b=2"); p.sort(); return p.toString(); })() });`,
  "/encoding": `const bytes = new TextEncoder().encode("héllo €𝄞"); const dec = new TextDecoder().decode(bytes);
    let fatal = "none"; try { new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array([0xff])); } catch (e) { fatal = e.name; }
    let bad = "none"; try { atob("*"); } catch (e) { bad = e.name; }
    return Response.json({ bytes: [...bytes], dec, b64: btoa("hello\\u00ff"), unb64: atob(" aGVs bG8= "), fatal, bad });`,
  "/digest": `const out = {}; for (const alg of ["SHA-1", "SHA-256", "SHA-384", "SHA-512"]) {
      const d = await crypto.subtle.digest(alg, new TextEncoder().encode("abc")); out[alg] = [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, "0")).join("");
    } return Response.json(out);`,
  "/json": `return Response.json({ ok: true, n: [1, 2] }, { status: 201, headers: { "x-extra": "y" } });`,
  "/redirect": `return Response.redirect("https://example.com/next", 301);`,
  "/echo": `const text = await req.text(); let second = "none"; try { await req.text(); } catch (e) { second = e.name; }
    return new Response(req.method + " " + text + " " + req.headers.get("content-type") + " " + second, { status: 202, statusText: "Accepted Here" });`,
  "/clone": `const res = new Response("body!", { headers: { a: "1" } }); const copy = res.clone();
    return new Response((await res.text()) + "|" + (await copy.text()) + "|" + res.bodyUsed + "|" + copy.headers.get("a"));`,
  "/bodies": `const fromBuffer = await new Response(new Uint8Array([104, 105]).buffer).text();
    const form = new Response(new URLSearchParams({ a: "1 2", b: "&" }));
    const empty = new Response(null, { status: 204 });
    return Response.json({ fromBuffer, form: await form.text(), formType: form.headers.get("content-type"), emptyStatus: empty.status, emptyBody: await empty.text(), textType: new Response("x").headers.get("content-type") });`,
  "/clone-data": `const src = { d: new Date(0), m: new Map([[1, { s: new Set(["x"]) }]]), bytes: new Uint8Array([1, 2]) }; src.self = src;
    const c = structuredClone(src); let fn = "none"; try { structuredClone(() => 1); } catch (e) { fn = e.name; }
    return Response.json({ date: c.d.toISOString(), map: c.m.get(1).s.has("x"), bytes: [...c.bytes], cycle: c.self === c, fn });`,
  "/errors": `const out = []; for (const f of [() => new Response("x", { status: 99 }), () => Response.redirect("https://e.com/", 200), () => new Request("/relative"), () => new Headers({ "bad name": "x" }), () => new Request("https://e.com/", { method: "GET", body: "x" })]) {
      try { f(); out.push("none"); } catch (e) { out.push(e.name); }
    } return Response.json(out);`,
  "/throws": `throw new Error("deliberate");`,
  "/kv": `await env.KV.put("k", "v1", { metadata: { m: 1 } }); const a = await env.KV.get("k"); const meta = await env.KV.getWithMetadata("k", "json").catch((e) => e.name);
    await env.KV.put("k2", JSON.stringify({ x: 1 })); const j = await env.KV.get("k2", "json"); await env.KV.delete("k"); const gone = await env.KV.get("k");
    const list = await env.KV.list(); return Response.json({ a, j, gone, names: list.keys.map((k) => k.name) });`,
};

export function programModule(): string {
  const entries = Object.entries(programs).map(([path, body]) => `${JSON.stringify(path)}: async (req, env) => { ${body} }`);
  return `const programs = { ${entries.join(",\n")} };
export default { async fetch(req, env) { return programs[new URL(req.url).pathname](req, env); } }`;
}
