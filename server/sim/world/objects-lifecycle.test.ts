// Checks lesson 11: an object idle for 10 s hibernates and keeps its memory (the next request
// sees the in-memory hit count go on); idle for 30 min it is evicted, loses its memory (the
// count restarts) but keeps its storage (the stored counter goes on). An alarm set through
// storage runs at its time, queued behind the input gate like a request.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { counterWorker, worldOf } from "../testing/scenarios.ts";

const inc = (atMs: number) => ({ atMs, from: "us-east", method: "POST", url: "https://app.example.com/inc" });

test("hibernation keeps memory; eviction loses memory but not storage", () => {
  const evictAfterMs = 31 * 60 * 1000;
  const result = worldOf({ worker: counterWorker("do-counter"), traffic: [inc(0), inc(15_000), inc(15_000 + evictAfterMs)] }).run();
  assert.deepEqual(result.responses.map((r) => r?.body), ["n=1 memory=1", "n=2 memory=2", "n=3 memory=1"]);
  const states = result.trace.flatMap((e) => (e.kind === "do_state" ? [`${e.state}:${e.reason}`] : []));
  assert.deepEqual(states, ["active:start", "hibernated:idle", "active:wake", "hibernated:idle", "evicted:idle", "active:restore", "hibernated:idle", "evicted:idle"]);
});

test("an evict_object fault drops memory at once, keeping storage", () => {
  const result = worldOf({
    worker: counterWorker("do-counter"),
    traffic: [inc(0), inc(1_000), inc(3_000)],
    faults: [{ atMs: 2_000, kind: "evict_object", className: "Counter", name: "global" }],
  }).run();
  assert.deepEqual(result.responses.map((r) => r?.body), ["n=1 memory=1", "n=2 memory=2", "n=3 memory=1"]);
  assert.ok(result.trace.some((e) => e.kind === "do_state" && e.state === "evicted" && e.reason === "fault"));
});

test("an alarm runs at its time through the object's queue", () => {
  const result = worldOf({ worker: counterWorker("do-counter"), traffic: [{ atMs: 0, from: "us-east", method: "POST", url: "https://app.example.com/o/global/alarm" }] }).run();
  assert.equal(result.responses[0]?.body, "n=1 memory=1");
  const alarm = result.trace.filter((e) => (e.kind === "do_enqueue" || e.kind === "do_dequeue" || e.kind === "do_done") && e.req === "a1");
  assert.deepEqual(alarm.map((e) => [e.kind, e.t]), [["do_enqueue", 5_000], ["do_dequeue", 5_000], ["do_done", 5_000]]);
  assert.ok(result.trace.some((e) => e.kind === "deliver" && e.event === "object_alarm" && e.t === 5_000));
});
