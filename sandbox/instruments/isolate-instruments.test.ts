// The instruments on a real isolate running a leaking worker: the heap climbs across requests,
// two snapshots name what grew and the retainer path finds the leaking Map by its global name,
// and a CPU profile of the request finds the hot function at its line. None of it is reachable
// from the worker's own code.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { createSandboxFactory, instrumentsOf } from "../index.ts";
import { MiniHost, script } from "../testing/mini-host.ts";
import { summarizeCpuProfile } from "./cpu-profile-summary.ts";
import { diffHeapSummaries, formatRetainerPath, summarizeHeapSnapshot } from "./heap-snapshot-summary.ts";

const sandbox = createSandboxFactory({ poolSize: 0, inspector: true, limits: { requestCpuMsMax: 1000 } });
after(() => sandbox.dispose());

const leakyWorker = `const cache = new Map();
globalThis.cache = cache;
class Entry { constructor(n) { this.payload = new Array(200).fill(n); } }
function hotLoop(n) {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.sqrt(i) * Math.sin(i);
  return sum;
}
export default { async fetch(req) {
  const url = new URL(req.url);
  if (url.pathname === "/hot") return new Response(String(hotLoop(200000)));
  if (url.pathname === "/probe") return new Response(typeof inspector + typeof HeapProfiler + typeof globalThis.__inspector);
  for (let i = 0; i < 200; i++) cache.set(cache.size, new Entry(i));
  return new Response(String(cache.size));
} }`;

test("the heap climbs, the snapshot diff names Entry and the path names the global Map", async () => {
  const host = new MiniHost(sandbox, script(leakyWorker));
  const first = host.request("https://w.example/leak");
  assert.equal(first.status, 200, JSON.stringify(first));
  const instruments = instrumentsOf(host.isolate!)!;
  assert.ok(instruments, "the sandbox registered instruments for its isolate");
  const before = await instruments.takeHeapSnapshot();
  assert.ok(before.ok, before.ok ? "" : before.message);
  const used: number[] = [];
  for (let i = 0; i < 10; i++) {
    host.request("https://w.example/leak");
    used.push(instruments.heapStats()!.usedBytes);
  }
  assert.ok(used[9]! > used[0]! + 500_000, `heap climbs: ${used.join(", ")}`);
  const afterSnapshot = await instruments.takeHeapSnapshot();
  assert.ok(afterSnapshot.ok && before.ok);
  const diff = diffHeapSummaries(before.value.file, afterSnapshot.value.file);
  const entry = diff.find((row) => row.className === "Entry");
  assert.equal(entry?.countDelta, 2000, "ten requests added 2,000 Entry objects");
  const summary = summarizeHeapSnapshot(afterSnapshot.value.file);
  assert.equal(summary.largest?.className, "Map");
  assert.match(formatRetainerPath(summary.largest!.path!), /^globalThis → cache \(Map\)/);
  assert.equal(host.request("https://w.example/probe").body, "undefinedundefinedundefined", "the worker cannot see the inspector");
});

test("a CPU profile of a request finds the hot function at its line", async () => {
  const host = new MiniHost(sandbox, script(leakyWorker));
  host.request("https://w.example/leak");
  const instruments = instrumentsOf(host.isolate!)!;
  assert.ok(instruments.startCpuProfile().ok);
  assert.equal(instruments.startCpuProfile().ok, false, "one profile at a time");
  for (let i = 0; i < 3; i++) host.request("https://w.example/hot");
  const stopped = await instruments.stopCpuProfile();
  assert.ok(stopped.ok, stopped.ok ? "" : stopped.message);
  const summary = summarizeCpuProfile(stopped.value);
  const hot = summary.functions.find((f) => f.name === "hotLoop");
  assert.ok(hot, `hotLoop in ${summary.functions.slice(0, 5).map((f) => f.name).join(", ")}`);
  assert.equal(hot.line, 4);
  assert.ok(hot.selfMs > 0 && summary.samplingIntervalUs > 0);
});

test("without the inspector a snapshot is refused with a way forward", async () => {
  const plain = createSandboxFactory({ poolSize: 0 });
  try {
    const host = new MiniHost(plain, script(leakyWorker));
    host.request("https://w.example/leak");
    const refused = await instrumentsOf(host.isolate!)!.takeHeapSnapshot();
    assert.equal(refused.ok, false);
    assert.equal(!refused.ok && refused.code, "inspector_off");
  } finally {
    plain.dispose();
  }
});
