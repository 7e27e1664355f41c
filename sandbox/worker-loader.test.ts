// Loading workers into real isolates: both module styles, clear errors for bad code, and the
// measured cold-start phases with the warm pool and the code cache.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { createSandboxFactory } from "./index.ts";
import { MiniHost, script } from "./testing/mini-host.ts";

const sandbox = createSandboxFactory({ poolSize: 2 });
after(() => sandbox.dispose());
const noSync = () => ({ ok: false as const, error: { name: "Error", message: "none" } });
const load = (code: string, bindings = {}) => sandbox.load(script(code, bindings), { seed: 1, nowMs: 0, sync: noSync });

test("a module worker answers a request", () => {
  const host = new MiniHost(sandbox, script(`export default { fetch(req) { return new Response("hi " + new URL(req.url).pathname) } }`));
  const result = host.request("https://example.com/there");
  assert.equal(result.status, 200);
  assert.equal(result.body, "hi /there");
});

test("both Durable Object class styles load and validate against their bindings", () => {
  const modern = load(
    `import { DurableObject } from "cloudflare:workers";
     export class Counter extends DurableObject { fetch() { return new Response(String(this.ctx !== undefined)) } }
     export default { fetch() { return new Response("ok") } }`,
    { COUNTER: { type: "durable_object", className: "Counter" } },
  );
  assert.equal(modern.ok, true, JSON.stringify(!modern.ok && modern.error));
  const legacy = load(
    `export class Counter { constructor(state, env) { this.state = state } async fetch() { return new Response("legacy") } }
     export default { fetch() { return new Response("ok") } }`,
    { COUNTER: { type: "durable_object", className: "Counter" } },
  );
  assert.equal(legacy.ok, true);
  const missing = load(`export default { fetch() { return new Response("ok") } }`, { COUNTER: { type: "durable_object", className: "Counter" } });
  assert.equal(missing.ok, false);
  assert.match(!missing.ok ? missing.error.message : "", /does not export a class by that name/);
});

test("an import other than cloudflare:workers names the specifier", () => {
  const result = load(`import x from "node:fs"; export default { fetch() { return new Response(x) } }`);
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.error.code, "module_not_found");
  assert.match(!result.ok ? result.error.message : "", /"node:fs"/);
});

test("a syntax error reports the line and column in the user's file", () => {
  const result = load(`export default {\n  fetch(req) {\n    return new Response("x"))\n  }\n}`);
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.equal(result.error.code, "compile_error");
  assert.match(result.error.message, /SyntaxError/);
  assert.equal(result.error.line, 3);
  assert.ok(result.error.column !== null && result.error.column > 0);
});

test("a throw during module init is an init_exception with its line", () => {
  const result = load(`const x = 1;\nthrow new Error("boom at init");\nexport default { fetch() {} }`);
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.error.code, "init_exception");
  assert.match(!result.ok ? result.error.message : "", /boom at init/);
});

test("a worker without a fetch handler is refused with a clear message", () => {
  const result = load(`export default {}`);
  assert.equal(!result.ok && result.error.code, "invalid_worker");
  assert.match(!result.ok ? result.error.message : "", /no fetch handler/);
});

test("cold start phases are measured, the pool is used, and the code cache hits the second time", () => {
  sandbox.warmUp();
  const code = `export default { fetch() { return new Response("cached") } } // ${Math.random()}`;
  const first = load(code);
  const second = load(code);
  assert.ok(first.ok && second.ok);
  assert.equal(first.coldStart.fromPool, true);
  assert.equal(first.coldStart.codeCache, "miss");
  assert.equal(second.coldStart.codeCache, "hit");
  for (const phase of Object.values(first.coldStart.phases)) assert.ok(phase >= 0 && phase < 5000);
  first.isolate.dispose();
  second.isolate.dispose();
});

test("without a pool, a cold start creates the isolate and evaluates the prelude", () => {
  const cold = createSandboxFactory({ poolSize: 0, codeCache: false });
  const result = cold.load(script(`export default { fetch() { return new Response("x") } }`), { seed: 1, nowMs: 0, sync: noSync });
  assert.ok(result.ok);
  assert.equal(result.coldStart.fromPool, false);
  assert.equal(result.coldStart.codeCache, "off");
  assert.ok(result.coldStart.phases.createIsolateMs > 0);
  result.isolate.dispose();
});
