// Programs for the RPC differential test: one app worker whose paths each try one RPC feature
// (Durable Object methods and properties, thrown errors, structured-clone arguments, getByName,
// service bindings to a named WorkerEntrypoint, a default WorkerEntrypoint class and a default
// object), and the two workers its service bindings name. Each path answers JSON describing
// what came back (values tagged with their type) or what was thrown (class, name, message).

export const appCode = `
import { DurableObject, WorkerEntrypoint } from "cloudflare:workers";

class Base extends DurableObject {
  inherited() { return "from the base class"; }
}

export class Counter extends Base {
  field = 7;
  async increment(by = 1) {
    const n = ((await this.ctx.storage.get("n")) ?? 0) + by;
    await this.ctx.storage.put("n", n);
    return n;
  }
  get isInitialized() { return true; }
  get count() { return this.ctx.storage.get("n").then((n) => n ?? 0); }
  get broken() { throw new RangeError("getter threw"); }
  echo(value) { return value; }
  nothing() {}
  async later() { await null; return "later"; }
  throwsType() { throw new TypeError("bad thing"); }
  throwsCustom() { class MyError extends Error { constructor(m) { super(m); this.name = "MyError"; } } throw new MyError("custom"); }
  throwsString() { throw "a string"; }
  async rejects() { await null; throw new RangeError("rejected"); }
  returnsClass() { class Point { constructor() { this.x = 1; } } return new Point(); }
  returnsSymbol() { return Symbol("s"); }
  _underscore() { return "underscore"; }
  whoAmI() { return this.ctx.id.name ?? "no name"; }
  async fetch(request) { return new Response("fetch " + new URL(request.url).pathname); }
}

export class Old {
  constructor(state) { this.state = state; }
  hello() { return "old"; }
  async fetch() { return new Response("old fetch"); }
}

class Plain { constructor() { this.a = 1; } }

function describe(value, seen = new Set()) {
  if (value === undefined) return { undefined: true };
  if (typeof value === "bigint") return { bigint: String(value) };
  if (typeof value === "function") return { function: true };
  if (typeof value !== "object" || value === null) return value;
  if (seen.has(value)) return { cycle: true };
  seen.add(value);
  if (value instanceof Date) return { date: value.getTime() };
  if (value instanceof Map) return { map: [...value].map(([k, v]) => [describe(k, seen), describe(v, seen)]) };
  if (value instanceof Set) return { set: [...value].map((v) => describe(v, seen)) };
  if (value instanceof Uint8Array) return { uint8: [...value] };
  if (value instanceof ArrayBuffer) return { arrayBuffer: value.byteLength };
  if (value instanceof RegExp) return { regexp: String(value) };
  if (value instanceof Error) return { error: value.constructor.name, name: value.name, message: value.message };
  if (Array.isArray(value)) return value.map((v) => describe(v, seen));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, describe(v, seen)]));
}

async function report(run) {
  try {
    return Response.json({ value: describe(await run()) });
  } catch (e) {
    return Response.json({ threw: { class: e?.constructor?.name, name: e?.name, message: e?.message } });
  }
}

const nested = () => {
  const o = { list: [1, "two", { three: 3 }], when: new Date(86400000), bytes: new Uint8Array([1, 2, 3]), tags: new Set(["a"]), big: 12345678901234567890n, re: /x+/gi };
  o.self = o;
  return o;
};

const cases = {
  "/inc": (env) => env.COUNTER.getByName("A").increment(),
  "/inc5": (env) => env.COUNTER.getByName("A").increment(5),
  "/count": (env) => env.COUNTER.getByName("A").count,
  "/initialized": (env) => env.COUNTER.getByName("A").isInitialized,
  "/broken": (env) => env.COUNTER.getByName("A").broken,
  "/field": (env) => env.COUNTER.getByName("A").field,
  "/inherited": (env) => env.COUNTER.getByName("A").inherited(),
  "/nothing": (env) => env.COUNTER.getByName("A").nothing(),
  "/later": (env) => env.COUNTER.getByName("A").later(),
  "/underscore": (env) => env.COUNTER.getByName("A")._underscore(),
  "/missing": (env) => env.COUNTER.getByName("A").nope(),
  "/missing-prop": (env) => env.COUNTER.getByName("A").nope,
  "/reserved": (env) => env.COUNTER.getByName("A").alarm(),
  "/throws-type": (env) => env.COUNTER.getByName("A").throwsType(),
  "/throws-custom": (env) => env.COUNTER.getByName("A").throwsCustom(),
  "/throws-string": (env) => env.COUNTER.getByName("A").throwsString(),
  "/rejects": (env) => env.COUNTER.getByName("A").rejects(),
  "/echo-date": (env) => env.COUNTER.getByName("A").echo(new Date(5)),
  "/echo-map": (env) => env.COUNTER.getByName("A").echo(new Map([[1, { a: new Uint8Array([1, 2]) }], ["k", [null, true]]])),
  "/echo-nested": (env) => env.COUNTER.getByName("A").echo(nested()),
  "/echo-error": (env) => env.COUNTER.getByName("A").echo(new TypeError("as a value")),
  "/echo-args": async (env) => { const s = env.COUNTER.getByName("A"); return [await s.echo(), await s.echo(undefined), await s.echo(null), await s.echo(-0), await s.echo("text")]; },
  "/echo-symbol": (env) => env.COUNTER.getByName("A").echo(Symbol("s")),
  "/echo-class": (env) => env.COUNTER.getByName("A").echo(new Plain()),
  "/echo-weakmap": (env) => env.COUNTER.getByName("A").echo(new WeakMap()),
  "/returns-class": (env) => env.COUNTER.getByName("A").returnsClass(),
  "/returns-symbol": (env) => env.COUNTER.getByName("A").returnsSymbol(),
  "/who": (env) => env.COUNTER.getByName("B").whoAmI(),
  "/by-id": (env) => env.COUNTER.get(env.COUNTER.idFromName("A")).increment(0),
  "/stub-shape": (env) => { const s = env.COUNTER.getByName("A"); return [typeof s.increment, typeof s.then, typeof s.fetch, s.name, Object.keys(s), String(s)]; },
  "/stub-fetch": async (env) => (await env.COUNTER.getByName("A").fetch("https://do/path")).text(),
  "/old-rpc": (env) => env.OLD.getByName("x").hello(),
  "/old-fetch": async (env) => (await env.OLD.getByName("x").fetch("https://do/")).text(),
  "/svc-add": (env) => env.SVC.add(2, 3),
  "/svc-env": (env) => env.SVC.greeting(),
  "/svc-throws": (env) => env.SVC.fails(),
  "/svc-missing": (env) => env.SVC.nope(),
  "/svc-fetch": async (env) => (await env.SVC.fetch("https://svc/q?x=1")).text(),
  "/svc-echo": (env) => env.SVC.echo({ when: new Date(7), m: new Map([["k", new Uint8Array([9])]]) }),
  "/default-class": (env) => env.DEF.hello("world"),
  "/default-class-fetch": async (env) => (await env.DEF.fetch("https://def/p")).text(),
  "/default-object": (env) => env.OBJ.greet({ who: "you" }),
  "/default-object-two-args": (env) => env.OBJ.greet("a", "b"),
  "/default-object-fetch": async (env) => (await env.OBJ.fetch("https://obj/z")).text(),
};

export default {
  async fetch(request, env) {
    const run = cases[new URL(request.url).pathname];
    if (run === undefined) return new Response("no case", { status: 404 });
    return report(() => run(env));
  },
};
`;

export const apiCode = `
import { WorkerEntrypoint } from "cloudflare:workers";
export class Api extends WorkerEntrypoint {
  add(a, b) { return a + b; }
  greeting() { return "hello from " + this.env.WHO; }
  fails() { throw new TypeError("service failed"); }
  echo(v) { return v; }
  fetch(request) { return new Response("api fetch " + new URL(request.url).pathname + new URL(request.url).search); }
}
export default class extends WorkerEntrypoint {
  hello(name) { return "hello " + name; }
  fetch(request) { return new Response("default class fetch " + new URL(request.url).pathname); }
}
`;

export const plainCode = `
export default {
  fetch(request) { return new Response("object fetch " + new URL(request.url).pathname); },
  greet(arg, env, ctx) { return { arg, env: typeof env, ctx: typeof ctx, who: env.WHO }; },
};
`;

/** The app's paths, one per case, in the order they are written. */
export const rpcPaths: string[] = [...appCode.matchAll(/^  "(\/[^"]+)":/gm)].map((m) => m[1]!);
