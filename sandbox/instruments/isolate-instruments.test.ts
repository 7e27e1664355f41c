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

// hotLoop is called from a promise reaction, never from fetch itself: V8 inlines a hot function
// into its caller, and the profile would then show the time under the caller's name.
const leakyWorker = `const cache = new Map();
globalThis.cache = cache;
class Entry { constructor(n) { this.payload = new Array(200).fill(n); } }
function hotLoop(n) {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += (i * 1 + 1) % 8;
    sum += (i * 2 + 2) % 9;
    sum += (i * 3 + 3) % 10;
    sum += (i * 4 + 4) % 11;
    sum += (i * 5 + 5) % 12;
    sum += (i * 6 + 6) % 13;
    sum += (i * 7 + 7) % 14;
    sum += (i * 8 + 8) % 15;
    sum += (i * 9 + 9) % 16;
    sum += (i * 10 + 10) % 17;
    sum += (i * 11 + 11) % 18;
    sum += (i * 12 + 12) % 19;
    sum += (i * 13 + 13) % 20;
    sum += (i * 14 + 14) % 21;
    sum += (i * 15 + 15) % 22;
    sum += (i * 16 + 16) % 23;
    sum += (i * 17 + 17) % 24;
    sum += (i * 18 + 18) % 25;
    sum += (i * 19 + 19) % 26;
    sum += (i * 20 + 20) % 27;
    sum += (i * 21 + 21) % 28;
    sum += (i * 22 + 22) % 29;
    sum += (i * 23 + 23) % 30;
    sum += (i * 24 + 24) % 31;
    sum += (i * 25 + 25) % 32;
    sum += (i * 26 + 26) % 33;
    sum += (i * 27 + 27) % 34;
    sum += (i * 28 + 28) % 35;
    sum += (i * 29 + 29) % 36;
    sum += (i * 30 + 30) % 37;
    sum += (i * 31 + 31) % 38;
    sum += (i * 32 + 32) % 39;
    sum += (i * 33 + 33) % 40;
    sum += (i * 34 + 34) % 41;
    sum += (i * 35 + 35) % 42;
    sum += (i * 36 + 36) % 43;
    sum += (i * 37 + 37) % 44;
    sum += (i * 38 + 38) % 45;
    sum += (i * 39 + 39) % 46;
    sum += (i * 40 + 40) % 47;
    sum += (i * 41 + 41) % 48;
    sum += (i * 42 + 42) % 49;
    sum += (i * 43 + 43) % 50;
    sum += (i * 44 + 44) % 51;
    sum += (i * 45 + 45) % 52;
    sum += (i * 46 + 46) % 53;
    sum += (i * 47 + 47) % 54;
    sum += (i * 48 + 48) % 55;
    sum += (i * 49 + 49) % 56;
    sum += (i * 50 + 50) % 57;
    sum += (i * 51 + 51) % 58;
    sum += (i * 52 + 52) % 59;
    sum += (i * 53 + 53) % 60;
    sum += (i * 54 + 54) % 61;
    sum += (i * 55 + 55) % 62;
    sum += (i * 56 + 56) % 63;
    sum += (i * 57 + 57) % 64;
    sum += (i * 58 + 58) % 65;
    sum += (i * 59 + 59) % 66;
  }
  return sum;
}
export default { async fetch(req) {
  const url = new URL(req.url);
  if (url.pathname === "/hot") return new Response(String(await Promise.resolve(100000).then(hotLoop)));
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
  for (let i = 0; i < 10; i++) host.request("https://w.example/hot");
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
