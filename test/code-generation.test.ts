// Code generation from strings is refused as on Workers: eval, new Function, and the async and
// generator function constructors throw EvalError, reached by every path (the globals, a
// function's `constructor`, indirect eval), while `new Function()` with no source and
// `instanceof Function` behave as on workerd. Checked against Miniflare.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Miniflare } from "miniflare";
import { startMiniflare } from "../bench/miniflare-peer.ts";
import { createSandboxFactory } from "../sandbox/index.ts";
import { MiniHost, script } from "../sandbox/testing/mini-host.ts";

const probes = [
  `eval("1 + 1")`,
  `(0, eval)("1 + 1")`,
  `globalThis.eval("1 + 1")`,
  `new Function("return 1 + 1")()`,
  `Function("return 1 + 1")()`,
  `(() => {}).constructor("return 1 + 1")()`,
  `(async () => {}).constructor("return 1")`,
  `(function* () {}).constructor("yield 1")`,
  `(async function* () {}).constructor("yield 1")`,
  `Reflect.construct(Function, ["return 1"])`,
  `String(new Function()())`,
  `String(eval(42))`,
  `String((() => {}) instanceof Function)`,
  `String(Function.prototype.constructor === Function)`,
];

const code = `export default { fetch() {
  const lines = [];
  for (const source of ${JSON.stringify(probes)}) {
    const run = { ${probes.map((p, i) => `${i}: () => ${p}`).join(", ")} }[lines.length];
    try { const value = run(); lines.push(typeof value === "function" ? "function" : String(value)); }
    catch (error) { lines.push(error.name + ": " + error.message); }
  }
  return new Response(lines.join("\\n"));
} }`;

// A roomy CPU budget: cold first requests on a loaded 2-core machine must not hit the 50 ms limit.
const sandbox = createSandboxFactory({ poolSize: 1, limits: { requestCpuMsMax: 1000 } });
let miniflare: Miniflare;
before(async () => {
  miniflare = await startMiniflare(code);
});
after(async () => {
  await miniflare?.dispose();
  sandbox.dispose();
});

test("eval and the function constructors throw EvalError, as on workerd", async () => {
  const ours = new MiniHost(sandbox, script(code)).request("https://w.example/");
  assert.equal(ours.status, 200, ours.body);
  const lines = ours.body.split("\n");
  for (let i = 0; i < 10; i++) assert.match(lines[i]!, /^EvalError: Code generation from strings disallowed for this context$/, probes[i]);
  assert.deepEqual(lines.slice(10), ["undefined", "EvalError: Code generation from strings disallowed for this context", "true", "true"]);
  const theirs = await (await miniflare.dispatchFetch("https://w.example/")).text();
  assert.deepEqual(lines, theirs.split("\n"), `same answers as workerd; theirs: ${theirs}`);
});
