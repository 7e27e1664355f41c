// Checks the two counters of lesson 8. A KV read-modify-write counter hit from four regions
// loses updates (each region reads its own stale replica); the same counter in a Durable Object
// loses none, because its requests run one at a time behind the input gate.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { counterWorker, fourRegions, worldOf } from "../testing/scenarios.ts";

// Writes 1.1 s apart stay under KV's 1 write/s/key limit, far inside the 10–60 s replication lag.
const staggered = fourRegions.map((from, i) => ({ atMs: i * 1100, from, method: "POST", url: "https://app.example.com/inc" }));
const together = fourRegions.map((from) => ({ atMs: 0, from, method: "POST", url: "https://app.example.com/inc" }));

test("a KV read-modify-write counter from four regions loses updates", () => {
  const result = worldOf({ seed: 3, worker: counterWorker("kv-counter"), traffic: staggered }).run();
  assert.ok(result.completed);
  const bodies = result.responses.map((r) => r?.body);
  assert.deepEqual(result.responses.map((r) => r?.status), [200, 200, 200, 200]);
  // Every region read no value and wrote 1: three of the four increments are lost.
  assert.deepEqual(bodies, ["1", "1", "1", "1"]);
  const reads = result.trace.filter((e) => e.kind === "kv_read");
  assert.ok(reads.some((e) => e.kind === "kv_read" && e.stale), "some read must be flagged stale");
});

test("the same counter in a Durable Object loses none and runs requests one at a time", () => {
  const result = worldOf({ seed: 3, worker: counterWorker("do-counter"), traffic: together }).run();
  const counts = result.responses.map((r) => /n=(\d+)/.exec(r?.body ?? "")?.[1]).map(Number).sort();
  assert.deepEqual(counts, [1, 2, 3, 4]);
  // One at a time: a dequeue never happens while another request of the object is running.
  let running = 0;
  let maxRunning = 0;
  for (const e of result.trace) {
    if (e.kind === "do_dequeue") maxRunning = Math.max(maxRunning, ++running);
    if (e.kind === "do_done") running--;
  }
  assert.equal(maxRunning, 1);
  assert.equal(result.trace.filter((e) => e.kind === "do_enqueue").length, 4);
});
