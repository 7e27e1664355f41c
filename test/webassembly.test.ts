// WebAssembly as on Workers, checked against Miniflare: compiling bytes at run time is refused
// with workerd's CompileError (it is code generation), validate() still answers, and memories
// can be made and grown. Then what workerd does not bound locally but the playground must: the
// pages of an isolate's memories live outside the V8 heap, so a worker that grows memory past
// the isolate's 128 MB gets V8's RangeError instead of making the host pay, and the isolate
// serves the next request.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Miniflare } from "miniflare";
import { startMiniflare } from "../bench/miniflare-peer.ts";
import { createSandboxFactory } from "../sandbox/index.ts";
import { MiniHost, script } from "../sandbox/testing/mini-host.ts";

const oneMemoryModule = [0, 97, 115, 109, 1, 0, 0, 0, 5, 3, 1, 0, 1];
const bytes = `new Uint8Array(${JSON.stringify(oneMemoryModule)})`;
const probes = [
  `new WebAssembly.Module(${bytes})`,
  `await WebAssembly.compile(${bytes})`,
  `await WebAssembly.instantiate(${bytes})`,
  `WebAssembly.validate(${bytes})`,
  `typeof WebAssembly.compileStreaming`,
  `typeof WebAssembly.instantiateStreaming`,
  `new WebAssembly.Memory({ initial: 1, maximum: 100000 }).buffer.byteLength`,
  `(() => { const m = new WebAssembly.Memory({ initial: 1 }); return m.grow(15) + " " + m.buffer.byteLength })()`,
  `new WebAssembly.Memory({ initial: 2 }) instanceof WebAssembly.Memory`,
];

const probeWorker = `export default { async fetch() {
  const out = [];
  ${probes.map((p) => `try { out.push(String(${p})) } catch (e) { out.push(e.name + ": " + e.message) }`).join("\n  ")}
  return new Response(out.join("\\n"));
} }`;

const growerWorker = `const kept = [];
export default { fetch(req) {
  if (new URL(req.url).pathname === "/ok") return new Response("ok " + kept.length);
  try {
    for (let i = 0; i < 100; i++) { const m = new WebAssembly.Memory({ initial: 1 }); m.grow(159); kept.push(m); }
    return new Response("grew " + kept.length);
  } catch (e) { return new Response(e.name + ": " + e.message + " after " + kept.length, { status: 507 }); }
} }`;

const sandbox = createSandboxFactory({ poolSize: 1, limits: { requestCpuMsMax: 2000 } });
let miniflare: Miniflare;
before(async () => {
  miniflare = await startMiniflare(probeWorker);
});
after(async () => {
  await miniflare?.dispose();
  sandbox.dispose();
});

test("compiling WebAssembly at run time is refused as on workerd; memories work", async () => {
  const ours = new MiniHost(sandbox, script(probeWorker)).request("https://w.example/");
  assert.equal(ours.status, 200, ours.body);
  const theirs = await (await miniflare.dispatchFetch("https://w.example/")).text();
  assert.deepEqual(ours.body.split("\n"), theirs.split("\n"), `same answers as workerd; ours:\n${ours.body}\ntheirs:\n${theirs}`);
  assert.match(ours.body, /^CompileError: WebAssembly.Module\(\): Wasm code generation disallowed by embedder$/m);
});

test("memory grown past the isolate's 128 MB is refused before the host allocates it; the isolate serves on", () => {
  const host = new MiniHost(sandbox, script(growerWorker));
  const grown = host.request("https://w.example/grow");
  // Each memory is 160 pages (10 MiB): the twelfth would pass 128 MiB.
  assert.equal(grown.status, 507, grown.body);
  assert.equal(grown.body, "RangeError: WebAssembly.Memory.grow(): Maximum memory size exceeded after 12");
  assert.equal(host.request("https://w.example/ok").body, "ok 12");
});

test("a size that answers one number to the count and another to V8 cannot pass the bound", () => {
  const sneaky = `export default { fetch() {
    const out = [];
    const shifting = () => { let calls = 0; return { valueOf() { return calls++ === 0 ? 1 : 65536 } } };
    try { const m = new WebAssembly.Memory({ initial: shifting() }); out.push("made " + m.buffer.byteLength) } catch (e) { out.push(e.name) }
    try { const m = new WebAssembly.Memory({ initial: 1 }); m.grow(shifting()); out.push("grew " + m.buffer.byteLength) } catch (e) { out.push(e.name) }
    Reflect.construct = () => { throw new Error("replaced") };
    try { out.push("after Reflect " + new WebAssembly.Memory({ initial: 1 }).buffer.byteLength) } catch (e) { out.push(e.message) }
    return new Response(out.join("\\n"));
  } }`;
  const answer = new MiniHost(sandbox, script(sneaky)).request("https://w.example/");
  assert.equal(answer.body, ["made 65536", "grew 131072", "after Reflect 65536"].join("\n"));
});
