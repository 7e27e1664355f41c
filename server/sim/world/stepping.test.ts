// Checks the stepping API: pending events are listed with a label and whether they may be
// reordered; choosing a reorderable event (the later of two requests in transit to a Durable
// Object) changes which caller the object serves first; a clock-bound event cannot be chosen;
// rewind(n) rebuilds the world and reproduces the trace prefix byte for byte, choices included.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { canonicalJson, hashedView, type TraceEntry } from "../core/trace.ts";
import { counterWorker, fakeDeps, scenarioFrom } from "../testing/scenarios.ts";
import { Stepper } from "./stepping.ts";

const scenario = scenarioFrom({
  worker: counterWorker("do-counter"),
  traffic: ["us-east", "eu-west"].map((from) => ({ atMs: 0, from, method: "POST", url: "https://app.example.com/inc" })),
});

const bytes = (trace: readonly TraceEntry[]) => trace.map((e) => canonicalJson(hashedView(e))).join("\n");

function toTwoArrivals(stepper: Stepper) {
  for (let i = 0; i < 1_000 && stepper.pending().filter((e) => e.kind === "object_arrive").length < 2; i++) assert.ok(stepper.step());
  return stepper.pending().filter((e) => e.kind === "object_arrive");
}

/** Steps to the end, recording the trace length after each step index. */
function stepToEnd(stepper: Stepper, lengths: Map<number, number>): void {
  lengths.set(stepper.stepIndex, stepper.trace.length);
  while (stepper.step()) lengths.set(stepper.stepIndex, stepper.trace.length);
}

test("pending events are listed with labels and reorderability", () => {
  const stepper = new Stepper(scenario, fakeDeps);
  const pending = stepper.pending();
  assert.deepEqual(pending.map((e) => [e.timeMs, e.kind, e.reorderable]), [[0, "client_send", false], [0, "client_send", false], [10_000, "health_check", false]]);
  assert.equal(pending[0]!.label, "r1 leaves the client");
  const arrivals = toTwoArrivals(stepper);
  assert.ok(arrivals.every((e) => e.reorderable && e.label.includes("reaches object")));
});

test("choosing a reorderable event changes the outcome; clock-bound events cannot be chosen", () => {
  const plain = new Stepper(scenario, fakeDeps);
  plain.runUntil(Number.MAX_SAFE_INTEGER);
  const chosen = new Stepper(scenario, fakeDeps);
  const arrivals = toTwoArrivals(chosen);
  const health = chosen.pending().find((e) => e.kind === "health_check")!;
  const refused = chosen.stepChoose(health.id);
  assert.ok(!refused.ok && refused.error.code === "not_reorderable");
  assert.ok(chosen.stepChoose(arrivals[1]!.id).ok);
  chosen.runUntil(Number.MAX_SAFE_INTEGER);
  const bodies = (s: Stepper) => s.result().responses.map((r) => r?.body);
  assert.deepEqual(bodies(plain), ["n=1 memory=1", "n=2 memory=2"]);
  assert.deepEqual(bodies(chosen), ["n=2 memory=2", "n=1 memory=1"]);
});

test("rewind(n) replays to step n with a byte-identical trace prefix, choices included", () => {
  const stepper = new Stepper(scenario, fakeDeps);
  const arrivals = toTwoArrivals(stepper);
  const choiceAt = stepper.stepIndex;
  assert.ok(stepper.stepChoose(arrivals[1]!.id).ok);
  const lengths = new Map<number, number>();
  stepToEnd(stepper, lengths);
  const full = bytes(stepper.trace);
  const fullBodies = stepper.result().responses.map((r) => r?.body);
  for (const n of [0, 3, choiceAt, choiceAt + 1, choiceAt + 7]) {
    stepper.rewind(n);
    assert.equal(stepper.stepIndex, n);
    const prefix = bytes(stepper.trace);
    assert.equal(stepper.trace.length, lengths.get(n) ?? stepper.trace.length);
    assert.equal(prefix, full.slice(0, prefix.length), `prefix at step ${n}`);
  }
  // From the rewound point the run goes on as before: the recorded choice is part of the past.
  stepper.runUntil(Number.MAX_SAFE_INTEGER);
  assert.equal(bytes(stepper.trace), full);
  assert.deepEqual(stepper.result().responses.map((r) => r?.body), fullBodies);
});

test("a command issued between events is replayed at its time by rewind", () => {
  const stepper = new Stepper(scenario, fakeDeps);
  stepper.runUntil(5_000);
  const at = stepper.stepIndex;
  assert.ok(stepper.command({ atMs: 0, kind: "pop_down", pop: "eu-west-pop", forMs: null }).ok);
  stepper.runUntil(Number.MAX_SAFE_INTEGER);
  const full = bytes(stepper.trace);
  assert.ok(stepper.trace.some((e) => e.kind === "fault" && e.t === 5_000));
  stepper.rewind(at);
  assert.ok(stepper.trace.some((e) => e.kind === "fault" && e.t === 5_000), "the command is part of step n's state");
  stepper.runUntil(Number.MAX_SAFE_INTEGER);
  assert.equal(bytes(stepper.trace), full);
});
