// Checks faults: a partition holds KV replication to the cut-off region until it heals (then
// the write arrives); a fault sent as a command during a run (validated like the scenario's)
// applies at once; a slow region adds its extra latency to every message through it.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { parseFaultCommand } from "../scenario.ts";
import { counterWorker, worldOf } from "../testing/scenarios.ts";

const write = { atMs: 100, from: "us-west", method: "PUT", url: "https://app.example.com/k", body: "v" };

test("a partition holds replication until it heals", () => {
  const result = worldOf({
    world: { jitterPercent: 0 },
    worker: counterWorker("kv-rw"),
    faults: [{ atMs: 0, kind: "partition", regions: ["ap-south"], forMs: 100_000 }],
    traffic: [write],
  }).run();
  const toFar = result.trace.find((e) => e.kind === "kv_replicate" && e.region === "ap-south");
  assert.ok(toFar && toFar.t >= 100_000 && toFar.t < 101_000, `replicated at ${toFar?.t}`);
  const toNear = result.trace.find((e) => e.kind === "kv_replicate" && e.region === "us-east");
  assert.ok(toNear && toNear.t < 20_000);
});

test("a fault command applies now; bad commands name the field", () => {
  const world = worldOf({ worker: { name: "app", code: "hello", routes: ["app.example.com/*"] }, traffic: [{ atMs: 20_000, from: "us-west", url: "https://app.example.com/" }] });
  world.runUntil(5_000);
  const bad = parseFaultCommand({ kind: "pop_down", pop: "moon" }, world.scenario);
  assert.ok(!bad.ok && bad.error.message === 'command.pop: unknown PoP "moon"');
  const command = parseFaultCommand({ kind: "pop_down", pop: "us-west" }, world.scenario);
  assert.ok(command.ok);
  assert.ok(world.command(command.value).ok);
  const result = world.run();
  assert.ok(result.trace.some((e) => e.kind === "fault" && e.t === 5_000 && e.fault === "pop_down" && e.active));
  assert.equal(result.responses[0]?.servedBy, "us-east", "withdrawn at the 10 s health check");
});

test("a slow region adds latency to messages through it", () => {
  const traffic = [{ atMs: 0, from: "us-west", method: "POST", url: "https://app.example.com/inc" }];
  const base = { world: { jitterPercent: 0 }, worker: counterWorker("kv-counter"), traffic };
  const fast = worldOf(base).run();
  const slow = worldOf({ ...base, faults: [{ atMs: 0, kind: "slow_region", region: "us-east", extraMs: 200 }] }).run();
  // The write goes to the central store in us-east and back: 2 × 200 ms more.
  assert.equal(slow.responses[0]!.finishedAtMs - fast.responses[0]!.finishedAtMs, 400);
});
