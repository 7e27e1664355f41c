// Checks that a session is fully described by (scenario, seed, actions): a live run with requests
// from two regions, a chosen event, an injected and healed fault and a deploy, replayed from its
// recorded actions, gives the same trace byte for byte; replaying only the actions before step s
// to step s gives the trace cut at that step (the start of a new branch). Fake isolates keep it
// fast; the world-process tests run the same engine on real isolates.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { MemoryStorageProvider } from "../sim/durable-objects/memory-storage.ts";
import { canonicalJson, hashedView, type TraceEntry } from "../sim/core/trace.ts";
import { createFakeFactory } from "../sim/testing/fake-isolates.ts";
import { fakePrograms } from "../sim/testing/fake-workers.ts";
import { counterWorker } from "../sim/testing/scenarios.ts";
import { actionsBefore } from "./actions.ts";
import { LiveEngine, type EngineDeps } from "./engine.ts";
import { runSlice } from "./slice.ts";

const deps: EngineDeps = { makeDeps: () => ({ isolates: createFakeFactory(fakePrograms), objectStorage: new MemoryStorageProvider(), dispose() {} }) };
const scenario = { worker: counterWorker("do-counter"), traffic: [] };
const bytes = (trace: readonly TraceEntry[]) => trace.map((e) => canonicalJson(hashedView(e))).join("\n");
const budget = { eventsMax: 1_000, msMax: 1_000, traceEntriesMax: 100_000, clockMs: () => 0 };
const post = (from: string) => ({ type: "request" as const, request: { from, method: "POST" as const, url: "https://app.example.com/inc", headers: {}, body: null } });

function liveRun(): LiveEngine {
  const built = LiveEngine.replay({ scenario, seed: 3, actions: [] }, deps);
  assert.ok(built.ok);
  const engine = built.engine;
  assert.ok(engine.apply(post("us-east")).ok);
  assert.ok(engine.apply(post("eu-west")).ok);
  runSlice(engine, { kind: "until", until: { kind: "trace_kind", traceKind: "anycast" }, eventsMax: 100 }, budget);
  for (let i = 0; i < 200 && engine.world.pending().filter((e) => e.kind === "object_arrive").length < 2; i++) assert.ok(engine.stepOnce());
  const arrivals = engine.world.pending().filter((e) => e.kind === "object_arrive");
  assert.equal(arrivals.length, 2);
  assert.ok(engine.apply({ type: "choose", eventId: arrivals[1]!.id }).ok);
  const fault = engine.apply({ type: "fault", fault: { kind: "slow_region", region: "eu-west", extraMs: 50, forMs: null } });
  assert.ok(fault.ok && fault.value.faultId === "f1");
  runSlice(engine, { kind: "steps", count: 5 }, budget);
  assert.ok(engine.apply({ type: "heal", faultId: "f1" }).ok);
  assert.ok(!engine.apply({ type: "heal", faultId: "f1" }).ok, "a healed fault cannot be healed twice");
  assert.ok(engine.apply({ type: "deploy", deploy: { code: "do-counter" } }).ok);
  assert.ok(engine.apply(post("us-west")).ok);
  const end = runSlice(engine, { kind: "time", toMs: 60_000 }, budget);
  assert.equal(end.stopped, "done");
  return engine;
}

test("replaying the recorded actions reproduces the live trace byte for byte", () => {
  const live = liveRun();
  assert.ok(live.world.trace.some((e) => e.kind === "response" && e.req === "r3"), "the request sent after the deploy was answered");
  const replayed = LiveEngine.replay({ scenario, seed: 3, actions: live.actions }, deps, live.step, live.world.nowMs);
  assert.ok(replayed.ok, JSON.stringify(!replayed.ok && replayed.error));
  assert.equal(bytes(replayed.engine.world.trace), bytes(live.world.trace));
  assert.equal(replayed.engine.world.traceHash(), live.world.traceHash());
  assert.deepEqual(replayed.engine.stepEnds, live.stepEnds);
});

test("replaying the actions before step s to step s gives the trace cut at s", () => {
  const live = liveRun();
  for (const s of [0, 3, 10, Math.floor(live.step / 2)]) {
    const branch = LiveEngine.replay({ scenario, seed: 3, actions: actionsBefore(live.actions, s) }, deps, s);
    assert.ok(branch.ok);
    assert.equal(branch.engine.step, s);
    assert.equal(bytes(branch.engine.world.trace), bytes(live.world.trace.slice(0, live.stepEnds[s])), `step ${s}`);
  }
});

test("a failed event is skipped on replay and its request answered 503 naming the limit", () => {
  const built = LiveEngine.replay({ scenario, seed: 3, actions: [] }, deps);
  assert.ok(built.ok);
  const engine = built.engine;
  engine.apply(post("us-east"));
  runSlice(engine, { kind: "until", until: { kind: "trace_kind", traceKind: "anycast" }, eventsMax: 10 }, budget);
  const arrive = engine.world.pending().find((e) => e.kind === "pop_arrive")!;
  assert.ok(engine.apply({ type: "fail", eventId: arrive.id, limit: "sqlStatementMsMax", message: "a statement ran too long" }).ok);
  runSlice(engine, { kind: "steps", count: 20 }, budget);
  const response = engine.world.trace.find((e) => e.kind === "response");
  assert.equal(response?.kind === "response" && response.status, 503);
  assert.ok(engine.world.trace.some((e) => e.kind === "limit" && e.limit === "sqlStatementMsMax"));
});

test("bad actions are refused with the field's path and not recorded", () => {
  const built = LiveEngine.replay({ scenario, seed: 3, actions: [] }, deps);
  assert.ok(built.ok);
  const bad = built.engine.apply({ type: "request", request: { ...post("mars").request } });
  assert.ok(!bad.ok && bad.error.path === "request.from");
  const fault = built.engine.apply({ type: "fault", fault: { kind: "region_down", region: "mars", forMs: null } });
  assert.ok(!fault.ok && fault.error.path === "fault.region", JSON.stringify(fault));
  assert.equal(built.engine.actions.length, 0);
  const badScenario = LiveEngine.replay({ scenario: { worker: { code: 5 } }, seed: 1, actions: [] }, deps);
  assert.ok(!badScenario.ok && badScenario.error.path === "scenario.worker.code");
});
