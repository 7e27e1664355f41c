// Node.js modules under nodejs_compat: one worker, one route per module's common calls, whose
// JSON answer must be the same in the sandbox and in workerd (Miniflare). Deterministic: no
// random values are printed, only their shapes.

export const nodeImports = `import { Buffer } from "node:buffer";
import * as nodeBuffer from "node:buffer";
import crypto, { createHash, createHmac, timingSafeEqual, randomUUID, randomBytes } from "node:crypto";
import EventEmitter, { once } from "node:events";
import util, { promisify, format, inspect, types } from "node:util";
import { AsyncLocalStorage } from "node:async_hooks";
import { Readable, Writable, Transform, PassThrough, pipeline } from "node:stream";
import { pipeline as pipelinePromise } from "node:stream/promises";
import path from "node:path";
import { basename, extname } from "path";
import * as url from "node:url";
import assert from "node:assert";
import strictAssert from "node:assert/strict";
import processModule from "node:process";
import { StringDecoder } from "node:string_decoder";
const als = new AsyncLocalStorage();
`;

const caught = `const caught = (f) => { try { f(); return "no error"; } catch (e) { return [e.name, e.code ?? null, e.message]; } };`;

export const nodePrograms: Record<string, string> = {
  "/buffer": `const b = Buffer.from("héllo wörld");
    return Response.json({ len: b.length, hex: b.toString("hex"), b64: b.toString("base64"), b64url: [Buffer.from([251, 255, 191]).toString("base64url"), Buffer.from("-_8", "base64url").length], utf8: Buffer.from("aGk=", "base64").toString(), latin1: Buffer.from("ÿ", "latin1")[0],
      concat: Buffer.concat([Buffer.from("a"), Buffer.from("bc")]).toString(), slice: b.subarray(1, 4).toString("hex"), eq: Buffer.from("x").equals(Buffer.from("x")), cmp: Buffer.compare(Buffer.from("a"), Buffer.from("b")),
      alloc: [...Buffer.alloc(3, 1)], isBuf: [Buffer.isBuffer(b), Buffer.isBuffer(new Uint8Array(1))], byteLength: Buffer.byteLength("€"), json: Buffer.from("hi").toJSON(), u32: Buffer.from([1, 2, 3, 4]).readUInt32BE(0),
      write: (() => { const w = Buffer.alloc(4); w.writeUInt16LE(513, 0); return [...w]; })(), indexOf: b.indexOf("l"), includes: b.includes("wör"), fill: Buffer.alloc(4).fill("ab").toString(), fromHex: Buffer.from("414243", "hex").toString(), instanceU8: b instanceof Uint8Array, k: typeof nodeBuffer.kMaxLength, str: String(Buffer.from("ok")) });`,
  "/buffer-errors": `${caught}
    return Response.json([undefined, null, {}, 5, true, 5n, () => 1, function named() {}, Symbol("s")].map((v) => caught(() => Buffer.from(v))));`,
  "/crypto": `${caught}
    const h = createHash("sha256"); h.update("a"); h.update(Buffer.from("b"));
    return Response.json({ sha256: h.digest("hex"), md5: createHash("md5").update("abc").digest("hex"), sha1b64: createHash("sha1").update("abc").digest("base64"), sha512len: createHash("sha512").update("").digest().length,
      hmac: createHmac("sha256", "secret").update("message").digest("hex"), hmacBuf: createHmac("sha1", Buffer.from("k")).update("v").digest("base64"),
      tse: [timingSafeEqual(Buffer.from("abc"), Buffer.from("abc")), timingSafeEqual(new Uint8Array([1]), new Uint8Array([2]))], tseLen: caught(() => timingSafeEqual(Buffer.from("a"), Buffer.from("ab"))), badHash: caught(() => createHash("nope")),
      uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(randomUUID()), bytes: [randomBytes(8).length, Buffer.isBuffer(randomBytes(2))], webcrypto: typeof crypto.webcrypto.subtle.digest, subtle: typeof crypto.subtle.digest, def: typeof crypto.createHash,
      copy: (() => { const a = createHash("sha256").update("x"); const c = a.copy(); return [a.digest("hex") === c.digest("hex")]; })(), digestTwice: caught(() => { const d = createHash("sha256"); d.digest(); d.digest(); })[0] });`,
  "/events": `const e = new EventEmitter(); const log = [];
    e.on("a", (x) => log.push("on:" + x)); e.once("a", (x) => log.push("once:" + x)); e.prependListener("a", () => log.push("first"));
    e.emit("a", 1); e.emit("a", 2); const counts = [e.listenerCount("a"), e.eventNames()];
    class Sub extends EventEmitter {} const s = new Sub(); setTimeout(() => s.emit("ready", 42), 1); const [v] = await once(s, "ready");
    let err; e.on("error", (x) => (err = x.message)); e.emit("error", new Error("boom"));
    const f = () => {}; e.on("b", f); e.off("b", f);
    return Response.json({ log, counts, v, err, removed: e.listenerCount("b"), isEE: s instanceof EventEmitter, named: typeof EventEmitter.EventEmitter, max: EventEmitter.defaultMaxListeners, ret: e.emit("none") });`,
  "/util": `const later = promisify((a, cb) => setTimeout(() => cb(null, a * 2), 1));
    return Response.json({ p: await later(21), f: [format("%s is %d years", "Bob", 42), format("%j", { a: 1 }), format("a", "b", 3), format("%%s %s", "x"), format("%i", 42.9), format("no args %s")],
      i: [inspect({ a: 1, b: "two", c: [1, 2, 3], d: { e: { f: { g: 1 } } } }), inspect("str"), inspect([1, "a", null, undefined]), inspect(new Map([["k", 1]])), inspect(new Set([1])), inspect(null), inspect(42), inspect({})],
      t: [types.isDate(new Date()), types.isRegExp(/x/), types.isPromise(Promise.resolve()), types.isMap(new Map()), util.types.isUint8Array(new Uint8Array())], deep: util.isDeepStrictEqual({ a: [1] }, { a: [1] }), deep2: util.isDeepStrictEqual({ a: 1 }, { a: "1" }),
      inherits: (() => { function A() {} function B() {} util.inherits(B, A); return new B() instanceof A; })(), te: typeof util.TextEncoder });`,
  "/async-hooks": `const inner = async () => { await env.KV.get("nothing"); return als.getStore(); };
    const viaCall = await als.run({ id: "call" }, inner);
    const viaTimer = await als.run("timer", () => new Promise((r) => setTimeout(() => r(als.getStore()), 1)));
    const sync = als.run(5, () => als.getStore());
    const outside = als.getStore();
    const nested = als.run("outer", () => als.run("inner", () => als.getStore()));
    const exited = als.run("x", () => als.exit(() => als.getStore()));
    const bound = als.run("bound", () => AsyncLocalStorage.bind(() => als.getStore()));
    return Response.json({ viaCall, viaTimer, sync, outside: outside ?? null, nested, exited: exited ?? null, bound: bound() });`,
  "/stream": `const chunks = []; for await (const c of Readable.from(["a", "b", "c"])) chunks.push(c);
    const upper = new Transform({ transform(chunk, enc, cb) { cb(null, chunk.toString().toUpperCase()); } });
    const out = []; const sink = new Writable({ write(chunk, enc, cb) { out.push(chunk.toString()); cb(); } });
    await pipelinePromise(Readable.from(["x", "y"]), upper, sink);
    const pt = new PassThrough(); const got = []; pt.on("data", (d) => got.push(d.toString())); const ended = new Promise((r) => pt.on("end", r)); pt.write("p1"); pt.end("p2"); await ended;
    const cbResult = await new Promise((resolve) => pipeline(Readable.from(["q"]), new PassThrough(), (err) => resolve(err ?? "done")));
    const r = new Readable({ read() {} }); r.push("z"); r.push(null); const read = []; for await (const c of r) read.push(c.toString());
    return Response.json({ chunks, out, got, cbResult, read, isEE: sink instanceof EventEmitter });`,
  "/path-url": `return Response.json({ join: path.join("/a/b", "../c", "./d.txt"), resolve: path.resolve("/x", "y", "..", "z"), base: [basename("/a/b.txt"), basename("/a/b.txt", ".txt"), extname("f.tar.gz")], dir: path.dirname("/a/b/c"), norm: path.normalize("/a//b/../c/"), rel: path.relative("/a/b", "/a/c/d"), parse: path.parse("/home/u/file.txt"), sep: path.sep, abs: [path.isAbsolute("/x"), path.isAbsolute("x")], fmt: path.format({ dir: "/d", base: "f.js" }), posix: path.posix.join("a", "b"),
      url: [new url.URL("https://e.com/a?b=1").searchParams.get("b"), typeof url.URLSearchParams, url.format(new URL("https://e.com:8080/p?q#h"))] });`,
  "/assert": `${caught}
    const messages = [caught(() => assert.strictEqual(1, 2)), caught(() => assert.equal(1, "1")), caught(() => assert.deepStrictEqual({ a: 1 }, { a: 2 })), caught(() => assert.deepEqual({ a: 1 }, { a: "1" })), caught(() => assert.ok(0)), caught(() => assert(false)), caught(() => assert.notStrictEqual(1, 1)), caught(() => assert.notEqual(1, "1"))];
    return Response.json({ ok: caught(() => assert(true)), fail: caught(() => assert(false, "nope")), eq: caught(() => assert.equal(1, "1")), seq: caught(() => assert.strictEqual(1, 1)), seqFail: caught(() => assert.strictEqual(1, 2, "custom"))[2], deep: caught(() => assert.deepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })), deepFail: caught(() => assert.deepStrictEqual({ a: 1 }, { a: 2 }))[0],
      throws: caught(() => assert.throws(() => { throw new TypeError("t"); }, TypeError)), throwsMissing: caught(() => assert.throws(() => {}))[2], strict: caught(() => strictAssert.equal(1, "1"))[0], notEq: caught(() => assert.notStrictEqual(1, 2)), match: caught(() => assert.match("abc", /b/)),
      rejects: await assert.rejects(Promise.reject(new Error("r")), /r/).then(() => "ok"), code: caught(() => assert.ok(0))[1], messages, isErr: (() => { try { assert.fail("f"); } catch (e) { return [e instanceof assert.AssertionError, e.message]; } })() });`,
  "/process": `let ticked = false; processModule.nextTick(() => (ticked = true)); await Promise.resolve(); await Promise.resolve();
    const d = new StringDecoder("utf8"); const euro = Buffer.from("€");
    return Response.json({ same: processModule === process, env: typeof process.env, ticked, decoded: [d.write(euro.subarray(0, 1)), d.write(euro.subarray(1)), d.end()], platform: typeof process.platform, global: globalThis.global === globalThis, buf: globalThis.Buffer === Buffer });`,
};

export function nodeProgramModule(): string {
  const routes = Object.entries(nodePrograms).map(([path, body]) => `    if (route === ${JSON.stringify(path)}) { ${body} }`).join("\n");
  return `${nodeImports}export default { async fetch(req, env) {
    const route = new URL(req.url).pathname;
${routes}
    return new Response("no route", { status: 404 });
  } };`;
}
