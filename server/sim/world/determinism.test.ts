// Checks determinism (DESIGN.md rule 1): the same scenario and seed give a byte-identical trace
// and the same traceHash; another seed changes an interleaving where jitter lets messages race
// (which region's request reaches the Durable Object first), and the trace hash with it.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { canonicalJson, hashedView, traceHash } from "../core/trace.ts";
import { counterWorker, fourRegions, worldOf } from "../testing/scenarios.ts";

// Every region pair 50 ms apart with 20% jitter: the three remote requests race to the object.
const racing = {
  world: {
    jitterPercent: 20,
    latency: fourRegions.flatMap((from, i) => fourRegions.slice(i + 1).map((to) => ({ from, to, ms: 50 }))),
  },
  worker: counterWorker("do-counter"),
  traffic: fourRegions.map((from) => ({ atMs: 0, from, method: "POST", url: "https://app.example.com/inc" })),
};

test("the same scenario and seed twice give the same trace bytes and traceHash", () => {
  const a = worldOf(racing, 11).run();
  const b = worldOf(racing, 11).run();
  assert.equal(a.traceHash, b.traceHash);
  assert.equal(a.trace.map((e) => canonicalJson(hashedView(e))).join("\n"), b.trace.map((e) => canonicalJson(hashedView(e))).join("\n"));
  assert.deepEqual(a.responses, b.responses);
});

test("a result's trace hash, computed on first read, is the hash of its trace and survives JSON", () => {
  const result = worldOf(racing, 11).run();
  const copy = JSON.parse(JSON.stringify(result)) as { traceHash: string };
  assert.match(copy.traceHash, /^[0-9a-f]{64}$/);
  assert.equal(copy.traceHash, traceHash(result.trace));
  assert.equal(result.traceHash, copy.traceHash);
});

test("different seeds change which request the object serves first", () => {
  const orders = new Set<string>();
  const hashes = new Set<string>();
  for (let seed = 1; seed <= 12; seed++) {
    const result = worldOf(racing, seed).run();
    orders.add(result.responses.map((r) => r?.body).join("|"));
    hashes.add(result.traceHash);
  }
  assert.ok(orders.size >= 2, `expected at least two interleavings, got ${[...orders].join(" / ")}`);
  assert.ok(hashes.size >= 2);
});

test("the trace starts with the seed and options, and the hash ignores measured fields", () => {
  const result = worldOf(racing, 5).run();
  const first = result.trace[0]!;
  assert.equal(first.kind, "start");
  assert.equal(first.kind === "start" && first.seed, 5);
  const start = result.trace.find((e) => e.kind === "isolate_start")!;
  assert.ok("measured" in start && start.measured, "a cold start carries its measured phases");
  assert.ok(!("measured" in hashedView(start)));
});
