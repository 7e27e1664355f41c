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
  "/streams": `const b = new Response("pass through"); const c = new Response(b.body); const before = b.bodyUsed; const t = await c.text();
    const s = new ReadableStream({ start(ctl) { ctl.enqueue(new TextEncoder().encode("a")); ctl.enqueue(new Uint8Array([98])); ctl.close(); } });
    const st = await new Response(s).text();
    const { readable, writable } = new TransformStream({ transform(chunk, ctl) { ctl.enqueue(chunk.toUpperCase()); } });
    const w = writable.getWriter(); w.write("x1").catch(() => {}); w.write("x2").catch(() => {}); w.close().catch(() => {});
    const upper = []; for await (const chunk of readable) upper.push(chunk);
    const notBytes = await new Response(new ReadableStream({ start(ctl) { ctl.enqueue("str"); ctl.close(); } })).text().catch((e) => e.name + ": " + e.message);
    const teed = new Response("tee me"); const copy = teed.clone();
    const reader = new Response("xy").body.getReader(); const first = await reader.read(); const second = await reader.read();
    const sink = []; await new Response("to sink").body.pipeTo(new WritableStream({ write(chunk) { sink.push(chunk.length); } }));
    return Response.json({ before, after: b.bodyUsed, t, st, upper, notBytes, tee: [await teed.text(), await copy.text()], reads: [first.done, first.value.length, second.done], sink, isRS: req.body === null && new Response("x").body instanceof ReadableStream, types: [typeof WritableStream, typeof TransformStream, typeof ByteLengthQueuingStrategy, typeof CountQueuingStrategy] });`,
  "/stream-response": `const { readable, writable } = new TransformStream(); const writer = writable.getWriter(); const enc = new TextEncoder();
    (async () => { for (const part of ["one ", "two ", "three"]) { await writer.write(enc.encode(part)); } await writer.close(); })();
    return new Response(readable, { headers: { "content-type": "text/plain" } });`,
  "/text-streams": `const enc = new Response(new Response("héllo wörld €").body.pipeThrough(new TextDecoderStream()).pipeThrough(new TextEncoderStream()));
    const split = new ReadableStream({ start(ctl) { const bytes = new TextEncoder().encode("€uro"); ctl.enqueue(bytes.slice(0, 2)); ctl.enqueue(bytes.slice(2)); ctl.close(); } });
    const parts = []; for await (const text of split.pipeThrough(new TextDecoderStream())) parts.push(text);
    const d = new TextDecoderStream("utf-8", { fatal: true });
    return Response.json({ enc: await enc.text(), parts: parts.join(""), encoding: new TextEncoderStream().encoding, d: [d.encoding, d.fatal, d.ignoreBOM] });`,
  "/forms": `const form = new FormData(); form.append("a", "1"); form.append("f", new Blob(["hello"], { type: "text/plain" }), "h.txt"); form.set("b", "x\\ny"); form.append("a", "2");
    const r = new Request("https://e.com/", { method: "POST", body: form }); const ct = r.headers.get("content-type"); const parsed = await r.formData(); const f = parsed.get("f");
    const url = await new Response("a=1&b=2+3&c=%20", { headers: { "content-type": "application/x-www-form-urlencoded" } }).formData();
    const badType = await new Response("x").formData().catch((e) => e.name + ": " + e.message);
    const d = new FormData(); d.append("k", "1"); d.append("k", "2"); d.append("j", "3"); d.set("k", "4"); d.delete("j");
    const each = []; d.forEach((v, k) => each.push(k + "=" + v));
    return Response.json({ multipart: ct.startsWith("multipart/form-data; boundary="), entries: [...parsed].map(([k, v]) => [k, typeof v === "string" ? v : "file:" + v.name]), all: parsed.getAll("a"), b: parsed.get("b"), file: [f.name, f.type, f.size, await f.text(), f instanceof File, f instanceof Blob], url: [...url], badType, each, has: [d.has("k"), d.has("j")], missing: d.get("nope"), tag: String(d) });`,
  "/blob": `const blob = new Blob(["ab", new Uint8Array([99]), new Blob(["d"])], { type: "Text/Plain" });
    const file = new File(["x", "yz"], "n.txt", { type: "text/plain", lastModified: 5 });
    const res = new Response(blob);
    return Response.json({ blob: [blob.size, blob.type, await blob.text(), await blob.slice(1, -1).text(), await blob.slice(-2).text(), blob.slice(0, 1, "a/b").type], bytes: [...new Uint8Array(await blob.arrayBuffer())],
      file: [file.name, file.size, file.lastModified, file.type, String(file), file instanceof Blob], body: [await res.text(), res.headers.get("content-type")], streamed: await new Response(blob.stream()).text(), fromResponse: await (await new Response("zz").blob()).text(), badType: new Blob([], { type: "bad\\u00e9" }).type });`,
  "/abort": `const c = new AbortController(); const seen = []; c.signal.addEventListener("abort", (e) => seen.push(e.type)); c.signal.onabort = () => seen.push("on");
    c.abort(); c.abort("again"); const custom = AbortSignal.abort("why"); let thrown; try { custom.throwIfAborted(); } catch (e) { thrown = e; }
    const t = AbortSignal.timeout(10); const before = t.aborted; await new Promise((r) => setTimeout(r, 20));
    const any = AbortSignal.any([new AbortController().signal, custom]); let ctor = "none"; try { new AbortSignal(); } catch (e) { ctor = e.name; }
    const fetchAbort = await fetch("https://example.com/", { signal: AbortSignal.abort() }).then(() => "resolved", (e) => e.name);
    const reqSignal = new Request("https://e.com/", { signal: custom }).signal.aborted;
    return Response.json({ seen, aborted: c.signal.aborted, reason: [c.signal.reason.name, c.signal.reason.message, c.signal.reason instanceof DOMException], custom: custom.reason, thrown, before, after: t.aborted, treason: [t.reason.name, t.reason.message], any: [any.aborted, any.reason], ctor, fetchAbort, reqSignal, defaultSignal: new Request("https://e.com/").signal.aborted, tag: String(c.signal) });`,
  "/events": `const target = new EventTarget(); const got = []; const listener = (e) => got.push([e.type, e.detail ?? null, e instanceof Event]);
    target.addEventListener("ping", listener, { once: true }); target.dispatchEvent(new CustomEvent("ping", { detail: 7 })); target.dispatchEvent(new CustomEvent("ping", { detail: 8 }));
    target.addEventListener("x", listener); target.addEventListener("x", listener); target.dispatchEvent(new Event("x")); target.removeEventListener("x", listener); target.dispatchEvent(new Event("x"));
    const ev = new Event("y", { cancelable: true }); const notCancelled = target.dispatchEvent(ev); target.addEventListener("z", (e) => e.preventDefault()); const z = new Event("z", { cancelable: true });
    return Response.json({ got, notCancelled, zResult: target.dispatchEvent(z), prevented: z.defaultPrevented, bubbles: ev.bubbles, type: ev.type });`,
  "/urlpattern": `const p = new URLPattern({ pathname: "/users/:id/posts/:post?" }); const m = p.exec("https://e.com/users/42/posts");
    const p2 = new URLPattern("https://*.example.com/books/:id(\\\\d+)"); const p3 = new URLPattern({ pathname: "/files/*" });
    let bad = "none"; try { new URLPattern({ pathname: "/(" }); } catch (e) { bad = e.name; }
    return Response.json({ test: p.test("https://e.com/users/7/posts/9"), groups: m.pathname.groups, no: p.test("https://e.com/x"), p2: p2.exec("https://a.example.com/books/12").pathname.groups, p2no: p2.test("https://a.example.com/books/ab"), host: p2.hostname, wild: p3.exec("https://e.com/files/a/b.txt").pathname.groups, bad, base: new URLPattern("/api/:v", "https://e.com").test("https://e.com/api/1") });`,
  "/crypto": `const enc = new TextEncoder();
const key = await crypto.subtle.importKey("raw", enc.encode("secret"), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
const sig = await crypto.subtle.sign("HMAC", key, enc.encode("msg"));
const hex = [...new Uint8Array(sig)].map((b) => b.toString(16).padStart(2, "0")).join("");
const ok = await crypto.subtle.verify("HMAC", key, sig, enc.encode("msg"));
const bad = await crypto.subtle.verify("HMAC", key, sig, enc.encode("msh"));
const errs = {};
const tryit = async (n, f) => { try { await f(); errs[n] = "none"; } catch (e) { errs[n] = e.name + ": " + e.message; } };
await tryit("tse", () => crypto.subtle.timingSafeEqual(new Uint8Array(2), new Uint8Array(3)));
await tryit("export", () => crypto.subtle.exportKey("raw", key));
await tryit("usage", () => crypto.subtle.importKey("raw", enc.encode("k"), { name: "HMAC", hash: "SHA-256" }, false, ["encrypt"]));
await tryit("alg", () => crypto.subtle.importKey("raw", enc.encode("k"), { name: "FOO" }, false, ["sign"]));
await tryit("aeslen", () => crypto.subtle.importKey("raw", new Uint8Array(5), "AES-GCM", false, ["encrypt"]));
await tryit("signusage", async () => { const k = await crypto.subtle.importKey("raw", enc.encode("k"), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]); await crypto.subtle.sign("HMAC", k, enc.encode("x")); });
await tryit("nohash", () => crypto.subtle.importKey("raw", enc.encode("k"), { name: "HMAC" }, false, ["sign"]));
const aes = await crypto.subtle.importKey("raw", new Uint8Array(32).fill(7), "AES-GCM", true, ["encrypt", "decrypt"]);
const iv = new Uint8Array(12).fill(1);
const ct = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: enc.encode("ad") }, aes, enc.encode("plain text"));
const ctHex = [...new Uint8Array(ct)].map((b) => b.toString(16).padStart(2, "0")).join("");
const pt = new TextDecoder().decode(await crypto.subtle.decrypt({ name: "AES-GCM", iv, additionalData: enc.encode("ad") }, aes, ct));
await tryit("tamper", async () => { const t = new Uint8Array(ct); t[0] ^= 1; await crypto.subtle.decrypt({ name: "AES-GCM", iv, additionalData: enc.encode("ad") }, aes, t); });
await tryit("tag96", async () => { errs.tag96ct = (await crypto.subtle.encrypt({ name: "AES-GCM", iv, tagLength: 96 }, aes, enc.encode("x"))).byteLength; });
const jwk = await crypto.subtle.exportKey("jwk", aes);
const raw = new Uint8Array(await crypto.subtle.exportKey("raw", aes)).length;
const hk = await crypto.subtle.importKey("jwk", { kty: "oct", k: "c2VjcmV0", alg: "HS256" }, { name: "HMAC", hash: "SHA-256" }, true, ["sign"]);
const hkSig = [...new Uint8Array(await crypto.subtle.sign({ name: "HMAC" }, hk, enc.encode("msg")))].map((b) => b.toString(16).padStart(2, "0")).join("");
const gen = await crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-512" }, true, ["sign"]);
const genAes = await crypto.subtle.generateKey({ name: "AES-GCM", length: 128 }, false, ["encrypt"]);
return Response.json({ hex, ok, bad, errs, key: [key.type, key.extractable, key.algorithm, key.usages, String(key), key instanceof CryptoKey], ctHex, pt, jwk, raw, hkSig, same: hkSig === hex, gen: [gen.algorithm, new Uint8Array(await crypto.subtle.exportKey("raw", gen)).length], genAes: genAes.algorithm, tse: [crypto.subtle.timingSafeEqual(new Uint8Array([1,2]), new Uint8Array([1,2])), crypto.subtle.timingSafeEqual(new Uint8Array([1,2]).buffer, new Uint8Array([1,3]))] });`,
  "/cf": `const made = new Request("https://e.com/");
    return Response.json({ type: typeof req.cf, colo: typeof req.cf.colo, copied: new Request(req).cf === req.cf, made: made.cf === undefined || typeof made.cf === "object" });`,
  "/kv": `await env.KV.put("k", "v1", { metadata: { m: 1 } }); const a = await env.KV.get("k"); const meta = await env.KV.getWithMetadata("k", "json").catch((e) => e.name);
    await env.KV.put("k2", JSON.stringify({ x: 1 })); const j = await env.KV.get("k2", "json"); await env.KV.delete("k"); const gone = await env.KV.get("k");
    const list = await env.KV.list(); return Response.json({ a, j, gone, names: list.keys.map((k) => k.name) });`,
};

export function programModule(): string {
  const entries = Object.entries(programs).map(([path, body]) => `${JSON.stringify(path)}: async (req, env) => { ${body} }`);
  return `const programs = { ${entries.join(",\n")} };
export default { async fetch(req, env) { return programs[new URL(req.url).pathname](req, env); } }`;
}
