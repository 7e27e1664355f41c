// Isolation: learner code cannot reach the host (no Node globals, no host objects through env,
// request or builtins, no dynamic import), and one isolate's pollution never shows in another.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { createSandboxFactory } from "../sandbox/index.ts";
import { MiniHost, script } from "../sandbox/testing/mini-host.ts";

const sandbox = createSandboxFactory({ poolSize: 1 });
after(() => sandbox.dispose());

function run(code: string, bindings = {}) {
  return new MiniHost(sandbox, script(`export default { async fetch(req, env, ctx) { ${code} } }`, bindings)).request("https://t.example/");
}

test("no Node global is reachable", () => {
  const result = run(`return Response.json({ process: typeof process, require: typeof require, Buffer: typeof Buffer, global: typeof global, module: typeof module });`);
  assert.deepEqual(JSON.parse(result.body), { process: "undefined", require: "undefined", Buffer: "undefined", global: "undefined", module: "undefined" });
});

test("Function-constructor tricks through env, request and builtins are refused (EvalError), as on Workers", () => {
  const result = run(
    `const found = [];
     for (const f of [env.KV.get, req.text, console.log, setTimeout, fetch, crypto.subtle.digest, Response.json]) {
       try {
         const g = f.constructor("return this")();
         found.push(typeof g.process, typeof g.require, Object.getOwnPropertyNames(g).filter((n) => /host|ivm|isolated|prelude/i.test(n)).join(","));
       } catch (error) {
         found.push(error.name);
       }
     }
     return Response.json(found);`,
    { KV: { type: "kv" } },
  );
  const found = JSON.parse(result.body) as string[];
  assert.deepEqual(found, Array(7).fill("EvalError"), "code generation from strings is refused on every path");
});

test("dynamic import of anything is refused", () => {
  const result = run(`try { await import("node:fs"); return new Response("imported"); } catch (e) { return new Response("refused: " + e.message); }`);
  assert.match(result.body, /^refused: /);
});

test("eval-style code strings are refused by timers", () => {
  const result = run(`try { setTimeout("1+1", 1); return new Response("accepted"); } catch (e) { return new Response(e.name); }`);
  assert.equal(result.body, "TypeError");
});

test("polluting builtins in one isolate leaves another isolate untouched", () => {
  const tenantA = new MiniHost(sandbox, script(`export default { fetch() {
    Array.prototype.map = () => ["polluted"]; Object.prototype.isAdmin = true; globalThis.shared = "from A"; JSON.stringify = () => "hacked";
    return new Response([1].map((x) => x + 1).join());
  } }`));
  const tenantB = new MiniHost(sandbox, script(`export default { fetch() {
    return Response.json({ map: [1].map((x) => x + 1), isAdmin: ({}).isAdmin ?? null, shared: globalThis.shared ?? null });
  } }`));
  assert.equal(tenantA.request("https://a.example/").body, "polluted");
  const fromB = tenantB.request("https://b.example/");
  assert.deepEqual(JSON.parse(fromB.body), { map: [2], isAdmin: null, shared: null });
});

test("user patches of builtins do not break the runtime's own paths", () => {
  const result = run(`Array.prototype.push = () => { throw new Error("patched push") };
    JSON.stringify = () => "patched"; Function.prototype.call = () => "patched call";
    await env.KV.put("k", "v", { metadata: { a: 1 } });
    return new Response("still " + (await env.KV.get("k")), { headers: { "x-a": "1" } });`, { KV: { type: "kv" } });
  assert.equal(result.status, 200, result.body);
  assert.equal(result.body, "still v");
});
