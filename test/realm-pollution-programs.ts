// Worker programs for the realm-pollution matrix (test/realm-pollution.test.ts). Each pollution
// replaces builtins in the worker's own isolate the way hostile or careless code does: with
// functions and getters that throw whenever they are used. The ordinary requests that follow
// never use what was polluted, so on workerd they keep working; only a runtime that itself
// calls a polluted builtin fails them. Each pollution also says how the learner's code can see
// that it is still in place (pollution is not undone behind the learner's back).

/**
 * name → [install code, code evaluating to true while the pollution is in place]. Names in
 * `strictlyBeyondWorkerd` hold us to more than workerd does: workerd resolves some of its own
 * internal promises with plain objects (measured with a recording `then` getter on
 * Object.prototype: 18 plain objects for one Durable Object call and one KV put and get), so
 * a throwing `then` getter breaks workerd too; a throwing Promise.prototype.then does as well. Our
 * runtime resolves none and calls neither.
 */
export const strictlyBeyondWorkerd = new Set(["Object.prototype.then getter", "Promise.prototype.then and statics"]);

export const pollutions: Record<string, [string, string]> = {
  "Array.prototype.push": [`Array.prototype.push = thrower("push")`, `Array.prototype.push.name === "polluted"`],
  "JSON.parse/stringify": [`JSON.parse = thrower("parse"); JSON.stringify = thrower("stringify")`, `JSON.stringify.name === "polluted"`],
  "Object.prototype.then getter": [
    // A getter that spares Responses, so the learner's own async handlers can still return them.
    `Object.defineProperty(Object.prototype, "then", { get() { if (this instanceof Response) return undefined; throw new Error("polluted then"); }, configurable: true })`,
    `Object.getOwnPropertyDescriptor(Object.prototype, "then") !== undefined`,
  ],
  "Object.prototype getters (length, constructor, descriptor and record keys)": [
    `for (const key of ["length", "constructor", "get", "set", "value", "writable", "enumerable", "configurable", "0", "kind", "ok", "error", "result", "requestId", "callId", "timerId", "delayMs", "target", "method", "args", "level"]) Object.defineProperty(Object.prototype, key, { __proto__: null, get() { throw new Error("polluted " + key) }, set(v) { throw new Error("polluted set " + key) }, configurable: true })`,
    `Object.getOwnPropertyDescriptor(Object.prototype, "length") !== undefined`,
  ],
  "Array.prototype getters (length, then, constructor, 0)": [
    `for (const key of ["then", "constructor", "0", "1", "2"]) Object.defineProperty(Array.prototype, key, { __proto__: null, get() { throw new Error("polluted " + key) }, set(v) { throw new Error("polluted set " + key) }, configurable: true })`,
    `Object.getOwnPropertyDescriptor(Array.prototype, "then") !== undefined`,
  ],
  "Promise.prototype.then and statics": [
    `Promise.prototype.then = thrower("then"); Promise.prototype.catch = thrower("catch"); Promise.prototype.finally = thrower("finally"); for (const k of ["resolve", "reject", "all", "allSettled", "race", "any"]) Promise[k] = thrower(k)`,
    `Promise.prototype.then.name === "polluted"`,
  ],
  "Function.prototype.call/apply/bind": [
    `Function.prototype.call = thrower("call"); Function.prototype.apply = thrower("apply"); Function.prototype.bind = thrower("bind")`,
    `Object.getOwnPropertyDescriptor(Function.prototype, "call").value.name === "polluted"`,
  ],
  "Symbol.iterator on arrays, maps, sets, strings": [
    `for (const proto of [Array.prototype, Map.prototype, Set.prototype, String.prototype, Object.getPrototypeOf([][Symbol.iterator]())]) { proto[Symbol.iterator] = thrower("iterator"); proto.next = thrower("next"); } Array.prototype.entries = thrower("entries"); Array.prototype.values = thrower("values")`,
    `Array.prototype[Symbol.iterator].name === "polluted"`,
  ],
  "Reflect": [`for (const k of Reflect.ownKeys(Reflect)) if (typeof Reflect[k] === "function") Reflect[k] = thrower(k)`, `Reflect.apply.name === "polluted"`],
  "Object statics": [
    `for (const k of ["keys", "values", "entries", "assign", "create", "defineProperty", "defineProperties", "freeze", "getPrototypeOf", "setPrototypeOf", "getOwnPropertyDescriptor", "getOwnPropertyNames", "fromEntries", "is"]) Object[k] = thrower(k)`,
    `Object.keys.name === "polluted"`,
  ],
  "String.prototype methods": [
    `for (const k of Object.getOwnPropertyNames(String.prototype)) if (k !== "constructor" && k !== "length" && k !== "toString" && k !== "valueOf") String.prototype[k] = thrower(k)`,
    `String.prototype.slice.name === "polluted"`,
  ],
  "Uint8Array.prototype and TypedArray methods": [
    `const TA = Object.getPrototypeOf(Uint8Array.prototype); for (const k of Object.getOwnPropertyNames(TA)) { const d = Object.getOwnPropertyDescriptor(TA, k); if (k !== "constructor" && typeof d.value === "function") { TA[k] = thrower(k); Uint8Array.prototype[k] = thrower(k); } } for (const k of ["buffer", "byteLength", "byteOffset", "length"]) Object.defineProperty(Uint8Array.prototype, k, { get() { throw new Error("polluted " + k) }, configurable: true }); ArrayBuffer.prototype.slice = thrower("slice")`,
    `Uint8Array.prototype.set.name === "polluted"`,
  ],
  "Map, Set and WeakMap methods": [
    `for (const C of [Map, Set, WeakMap, WeakSet]) for (const k of Object.getOwnPropertyNames(C.prototype)) if (k !== "constructor" && typeof Object.getOwnPropertyDescriptor(C.prototype, k).value === "function") C.prototype[k] = thrower(k)`,
    `Map.prototype.get.name === "polluted"`,
  ],
  "Array.prototype methods": [
    `for (const k of Object.getOwnPropertyNames(Array.prototype)) if (k !== "constructor" && k !== "length" && typeof Array.prototype[k] === "function") Array.prototype[k] = thrower(k); Array.isArray = thrower("isArray"); Array.from = thrower("from")`,
    `Array.prototype.map.name === "polluted"`,
  ],
  "Error hooks": [
    `Error.prepareStackTrace = thrower("prepareStackTrace"); Error.captureStackTrace = thrower("captureStackTrace"); Object.defineProperty(Error.prototype, "name", { get() { throw new Error("polluted name") }, configurable: true }); Object.defineProperty(Error.prototype, "message", { get() { throw new Error("polluted message") }, configurable: true }); Error.prototype.toString = thrower("toString")`,
    `Error.prepareStackTrace.name === "polluted"`,
  ],
  "global constructors": [
    `for (const k of ["Array", "Object", "JSON", "Promise", "Map", "Set", "WeakMap", "Uint8Array", "ArrayBuffer", "DataView", "String", "Number", "Error", "TypeError", "RangeError", "Reflect", "Symbol", "Math", "TextEncoder", "TextDecoder", "Headers", "Request", "structuredClone"]) globalThis[k] = thrower(k)`,
    `globalThis.Array.name === "polluted"`,
  ],
  "Number and Math": [
    `for (const k of Object.getOwnPropertyNames(Math)) if (typeof Math[k] === "function") Math[k] = thrower(k); for (const k of ["isFinite", "isInteger", "isNaN", "isSafeInteger", "parseInt", "parseFloat"]) Number[k] = thrower(k); Number.prototype.toString = thrower("toString"); globalThis.isNaN = thrower("isNaN"); globalThis.isFinite = thrower("isFinite")`,
    `Math.floor.name === "polluted"`,
  ],
  "RegExp": [
    `for (const k of ["exec", "test", Symbol.replace, Symbol.split, Symbol.match, Symbol.matchAll, Symbol.search]) RegExp.prototype[k] = thrower(String(k))`,
    `RegExp.prototype.exec.name === "polluted"`,
  ],
};

/**
 * A worker with a Durable Object. Routes are compared with ===, so the ordinary requests call
 * nothing a pollution touched: "/pollute" installs the pollution in this isolate and in the
 * object's; "/ok", "/kv" and "/do" are ordinary; "/throw" throws; "/visible" reports whether the
 * learner still sees the pollution.
 */
export function pollutionWorker(name: string): string {
  const [install, visible] = pollutions[name]!;
  return `
const thrower = (what) => { const polluted = function polluted() { throw new Error("polluted " + what); }; return polluted; };
let installed = false;
const pollute = () => { if (installed) return; installed = true; ${install}; };
const visible = () => ${visible};
let served = 0;
export default {
  async fetch(request, env) {
    const url = request.url;
    served++;
    if (url === "https://app.example.com/pollute") {
      const stub = env.OBJ.get(env.OBJ.idFromName("one"));
      const inner = await stub.fetch("https://object.example/pollute");
      pollute();
      return new Response("polluted " + inner.status);
    }
    if (url === "https://app.example.com/ok") return new Response("ok " + served, { headers: { "x-kind": "ok" } });
    if (url === "https://app.example.com/kv") {
      await env.KV.put("k", "v" + served);
      const got = await env.KV.get("k");
      return new Response("kv " + got);
    }
    if (url === "https://app.example.com/do") {
      const stub = env.OBJ.get(env.OBJ.idFromName("one"));
      const inner = await stub.fetch("https://object.example/count", { method: "POST", body: "x" });
      const text = await inner.text();
      return new Response("do " + text, { status: inner.status });
    }
    if (url === "https://app.example.com/cache") {
      const key = "https://app.example.com/cached";
      await caches.default.put(key, new Response("c" + served, { headers: { "cache-control": "max-age=60" } }));
      const hit = await caches.default.match(key);
      return new Response("cache " + (hit ? hit.headers.get("cf-cache-status") + " " + (await hit.text()) : "miss"));
    }
    if (url === "https://app.example.com/throw") throw new TypeError("thrown on purpose");
    if (url === "https://app.example.com/visible") return new Response("visible " + visible());
    return new Response("no route", { status: 404 });
  },
};
export class Counter {
  constructor(ctx) { this.ctx = ctx; }
  async fetch(request) {
    if (request.url === "https://object.example/pollute") { pollute(); return new Response("object polluted"); }
    const body = await request.text();
    const n = ((await this.ctx.storage.get("n")) ?? 0) + 1;
    await this.ctx.storage.put("n", n);
    return new Response(body + n);
  }
}`;
}

/** The requests sent after "/pollute", in order, with what each must answer. */
export const ordinarySteps: [path: string, status: number, body: RegExp][] = [
  ["/ok", 200, /^ok \d+$/],
  ["/kv", 200, /^kv v\d+$/],
  ["/do", 200, /^do x\d+$/],
  ["/cache", 200, /^cache HIT c\d+$/],
  ["/throw", 500, /thrown on purpose|./],
  ["/ok", 200, /^ok \d+$/],
  ["/visible", 200, /^visible true$/],
];
