// Modern JavaScript as on Workers: builtins Node 20's V8 lacks (Object.groupBy, Map.groupBy,
// Promise.withResolvers, Promise.try, Array.fromAsync, the Set methods, iterator helpers,
// Uint8Array base64/hex) come from core-js, loaded on first use. The same program runs in
// Miniflare (workerd), where they are native; the answers must be identical.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Miniflare } from "miniflare";
import { startMiniflare } from "../bench/miniflare-peer.ts";
import { createSandboxFactory } from "../sandbox/index.ts";
import { MiniHost, script } from "../sandbox/testing/mini-host.ts";

const code = `export default { async fetch() {
  const out = [];
  out.push(typeof Object.groupBy, typeof Iterator);
  out.push(JSON.stringify(Object.groupBy([1, 2, 3, 4], (n) => (n % 2 ? "odd" : "even"))));
  out.push(JSON.stringify([...Map.groupBy([1, 2, 3], (n) => n > 1)]));
  const { promise, resolve } = Promise.withResolvers(); resolve(7); out.push(await promise);
  out.push(await Promise.try(() => 8));
  out.push(JSON.stringify(await Array.fromAsync((async function* () { yield 1; yield 2; })())));
  const a = new Set([1, 2, 3]), b = new Set([2, 3, 4]);
  out.push([...a.union(b)].join(), [...a.intersection(b)].join(), [...a.difference(b)].join(), [...a.symmetricDifference(b)].join(), a.isSubsetOf(b), new Set([2]).isSupersetOf(new Set()), a.isDisjointFrom(new Set([9])));
  out.push([1, 2, 3, 4].values().map((n) => n * 10).filter((n) => n > 10).take(2).toArray().join());
  out.push([5, 6, 7].values().drop(1).reduce((s, n) => s + n, 0), Iterator.from([1, 2]).some((n) => n === 2));
  out.push(new Uint8Array([0, 127, 255]).toBase64(), new Uint8Array([0, 127, 255]).toHex(), [...Uint8Array.fromBase64("AH//")].join(), [...Uint8Array.fromHex("00ff")].join());
  return new Response(out.join("\\n"));
} }`;

const sandbox = createSandboxFactory({ poolSize: 1, limits: { requestCpuMsMax: 1000 } });
let miniflare: Miniflare;
before(async () => {
  miniflare = await startMiniflare(code, { compatibilityDate: "2025-09-01" });
});
after(async () => {
  await miniflare?.dispose();
  sandbox.dispose();
});

test("the modern builtins answer as workerd's", async () => {
  const ours = new MiniHost(sandbox, script(code)).request("https://w.example/");
  assert.equal(ours.status, 200, ours.body);
  const theirs = await (await miniflare.dispatchFetch("https://w.example/")).text();
  assert.equal(ours.body, theirs);
  assert.match(ours.body, /^function\nfunction\n/);
});
