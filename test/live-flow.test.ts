// The full live flow against a real server, real WebSocket clients and real world processes:
// hello → load a scenario → deploy → requests from two regions → play → pause → step → choose a
// reorderable event → seek back → act there (a new branch, the client is told) → continue. The
// session's final trace hash equals a headless run (the same engine, in this process, with real
// isolates) given the same (scenario, seed, actions); a reload with the token resumes at the same
// step with the same trace hash.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { createSandboxFactory } from "../sandbox/index.ts";
import type { StartedServer } from "../server/main.ts";
import { traceHash } from "../server/sim/core/trace.ts";
import { LiveEngine } from "../server/sessions/engine.ts";
import { decodeShare } from "../server/sessions/share.ts";
import { SqliteStorageProvider } from "../server/store/sqlite-object-storage.ts";
import { LiveClient, startTestServer } from "./live-client.ts";

let server: StartedServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

export const counterScenario = {
  name: "live-counter",
  seed: 11,
  world: { regions: ["us-east", "eu-west", "ap-south"] },
  worker: {
    code: `export class Counter { constructor(state) { this.state = state } async fetch() { const n = ((await this.state.storage.get("n")) ?? 0) + 1; await this.state.storage.put("n", n); return new Response(String(n)) } }
export default { async fetch(req, env) { const id = env.COUNTER.idFromName("global"); return env.COUNTER.get(id).fetch(req) } }`,
    bindings: { COUNTER: { type: "durable_object", className: "Counter" } },
    routes: ["app.example.com/*"],
  },
  traffic: [{ atMs: 0, from: "us-east", method: "POST", url: "https://app.example.com/inc" }],
};

const v2 = counterScenario.worker.code.replace("return new Response(String(n))", `return new Response("v2:" + n)`);

/** The same engine the world process runs, here, with real isolates and SQLite. */
function headlessHash(spec: { scenario: unknown; seed: number; actions: unknown[] }, toStep: number, nowMs: number): string {
  const dir = mkdtempSync(join(tmpdir(), "edge-headless-"));
  const sandbox = createSandboxFactory();
  try {
    const built = LiveEngine.replay(spec as never, { makeDeps: () => {
      const storage = new SqliteStorageProvider({ dir: mkdtempSync(join(dir, "g")) });
      return { isolates: sandbox, objectStorage: storage, dispose: () => storage.closeAll() };
    } }, toStep, nowMs);
    assert.ok(built.ok, JSON.stringify(!built.ok && built.error));
    const hash = built.engine.world.traceHash();
    built.engine.dispose();
    return hash;
  } finally {
    sandbox.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

test("the live flow ends with the trace hash of a headless run given the same actions, and a reload resumes it", async () => {
  const client = await LiveClient.connect(server.url);
  const loaded = await client.ok({ type: "load_scenario", scenario: counterScenario });
  assert.ok(loaded.type === "scenario_loaded" && loaded.scenario.regions.length === 3);
  const deployed = await client.ok({ type: "deploy", deploy: { code: v2, rollout: { stepMs: 5, pops: ["ap-south", "eu-west", "us-east"] } } });
  assert.ok(deployed.type === "deployed" && deployed.version === "v2", JSON.stringify(deployed));
  const sent = await client.ok({ type: "send_request", request: { from: "eu-west", method: "POST", url: "https://app.example.com/inc" } });
  assert.ok(sent.type === "request_sent" && sent.req === "r2");
  await client.ok({ type: "send_request", request: { from: "ap-south", method: "POST", url: "https://app.example.com/inc" } });

  const playFrom = client.messages.length;
  await client.ok({ type: "play", speed: 2 });
  await client.waitFor((m) => m.type === "trace" && m.entries.some((e) => e.kind === "request"), 60_000, playFrom);
  await client.ok({ type: "pause" });
  assert.equal(client.lastState()!.playing, false);
  // Step until two requests wait at the object: then the later one may be run first.
  let choice: number | undefined;
  for (let i = 0; i < 300 && choice === undefined; i++) {
    await client.ok({ type: "step" });
    const pending = client.lastPending()!;
    const arrivals = pending.events.filter((e) => e.kind === "object_arrive" && e.reorderable);
    if (arrivals.length >= 2) choice = arrivals[1]!.id;
  }
  assert.ok(choice !== undefined, "two requests reached the object's queue");
  const chosen = await client.ok({ type: "choose", eventId: choice });
  assert.equal(chosen.type, "stepped");
  const notReorderable = client.lastPending()!.events.find((e) => !e.reorderable && e.kind === "health_check");
  if (notReorderable) {
    const refused = await client.call({ type: "choose", eventId: notReorderable.id });
    assert.ok(refused.type === "error" && refused.code === "not_reorderable" && refused.blame === "user", JSON.stringify(refused));
  }
  await client.ok({ type: "step_until", until: { kind: "response" } });
  const head = client.lastState()!.step;

  // Seek back: a view from the trace, the world untouched.
  const back = Math.max(1, Math.floor(head / 2));
  const view = await client.ok({ type: "seek", step: back });
  assert.ok(view.type === "view" && view.step === back && view.offset === client.stepEnds[back]);
  assert.equal(client.lastState()!.step, head, "seeking back does not touch the world");
  // Acting there starts a new branch; the client is told where the trace was cut.
  const branchMessage = client.waitFor((m) => m.type === "branch");
  await client.ok({ type: "send_request", request: { from: "us-east", method: "POST", url: "https://app.example.com/inc" } });
  const branch = await branchMessage;
  assert.ok(branch.type === "branch" && branch.step === back && branch.branch === 1, `${JSON.stringify(branch)} back=${back}`);
  const branchPlayFrom = client.messages.length;
  await client.ok({ type: "play", speed: "max" });
  await client.waitFor((m) => m.type === "state" && !m.state.playing && m.state.atRest, 120_000, branchPlayFrom).catch(() => undefined);
  await client.ok({ type: "pause" });
  const state = client.lastState()!;
  assert.equal(client.trace.length, state.traceLength, "the client holds the whole trace");
  const liveHash = traceHash(client.trace);

  const share = await client.ok({ type: "share" });
  assert.equal(share.type, "share_link");
  const project = decodeShare(share.type === "share_link" ? share.fragment : "");
  assert.ok(project.ok);
  assert.equal(headlessHash(project.value, state.step, state.nowMs), liveHash, "headless replay of the same actions gives the same trace");
  assert.ok(client.trace.some((e) => e.kind === "response" && e.status === 200), "requests were answered");
  await client.close();

  // Reload: the same token resumes the same world at the same step, with the same trace.
  const again = await LiveClient.connect(server.url, { token: client.token });
  const welcome = again.messages.find((m) => m.type === "welcome");
  assert.ok(welcome?.type === "welcome" && welcome.resumed && welcome.state.step === state.step);
  await again.waitFor(() => again.trace.length === state.traceLength, 10_000).catch(() => undefined);
  assert.equal(traceHash(again.trace), liveHash);
  const more = await again.ok({ type: "step" });
  assert.ok(more.type === "stepped" && more.step >= state.step);
  await again.close();
});

test("a pause while playing at max lands between slices: the client holds every entry to that step, in the order a headless run makes them", async () => {
  // At max the next slice is sent before the last one is applied (play.ts): the pause and the
  // step after it must still see the slices applied in order, with nothing lost or doubled.
  const client = await LiveClient.connect(server.url);
  const traffic = Array.from({ length: 400 }, (_, i) => ({ atMs: i * 3, from: ["us-east", "eu-west", "ap-south"][i % 3]!, method: "POST", url: "https://app.example.com/inc" }));
  await client.ok({ type: "load_scenario", scenario: { ...counterScenario, traffic } });
  await client.ok({ type: "play", speed: "max" });
  await client.waitFor(() => client.trace.length > 1_500, 60_000);
  await client.ok({ type: "pause" });
  const stepped = await client.ok({ type: "step" });
  assert.ok(stepped.type === "stepped" && stepped.ran === 1, JSON.stringify(stepped));
  const caughtUp = () => client.stepEnds.length > stepped.step && client.trace.length >= client.stepEnds[stepped.step]!;
  if (!caughtUp()) await client.waitFor(caughtUp, 10_000);
  const share = await client.ok({ type: "share" });
  assert.ok(share.type === "share_link");
  const project = decodeShare(share.fragment);
  assert.ok(project.ok);
  const end = client.stepEnds[stepped.step]!;
  assert.equal(client.trace.length, end, "the client's trace ends at the step's end");
  assert.ok(stepped.step > 100 && stepped.step < 3_000, `paused mid-run at step ${stepped.step}`);
  assert.equal(project.value.step, stepped.step);
  assert.equal(headlessHash(project.value, stepped.step, project.value.nowMs), traceHash(client.trace), "the same entries as a headless run to that step");
  await client.close();
});

test("step_until in the past stops at the first recorded step that meets it, without running or branching", async () => {
  const client = await LiveClient.connect(server.url);
  const traffic = [0, 40, 80].map((atMs, i) => ({ atMs, from: ["us-east", "eu-west", "ap-south"][i]!, method: "POST", url: "https://app.example.com/inc" }));
  await client.ok({ type: "load_scenario", scenario: { ...counterScenario, traffic } });
  const atR1 = await client.ok({ type: "step_until", until: { kind: "response", req: "r1" } });
  const atR3 = await client.ok({ type: "step_until", until: { kind: "response", req: "r3" } });
  assert.ok(atR1.type === "stepped" && atR3.type === "stepped" && atR1.step < atR3.step);
  const head = client.lastState()!;
  const traceLength = client.trace.length;
  await client.ok({ type: "seek", step: 0 });
  const back = await client.ok({ type: "step_until", until: { kind: "response", req: "r1" } });
  assert.ok(back.type === "stepped", JSON.stringify(back));
  assert.deepEqual([back.step, back.ran, back.stopped], [atR1.step, 0, "condition"], "the recorded step where r1 was answered");
  const view = [...client.messages].reverse().find((m) => m.type === "view");
  assert.ok(view?.type === "view" && view.step === atR1.step, "the client got the view of that step");
  // Nothing ran, nothing was cut: the head, the branch count and the trace are as they were.
  const state = await client.ok({ type: "step_until", until: { kind: "response", req: "r3" } });
  assert.ok(state.type === "stepped" && state.step === atR3.step && state.ran === 0);
  assert.equal(client.trace.length, traceLength);
  assert.equal(client.lastState()!.branch, head.branch);
  // Past the recorded future, the condition runs the world from its head as before.
  await client.ok({ type: "send_request", request: { from: "us-east", method: "POST", url: "https://app.example.com/inc" } });
  const r4 = await client.ok({ type: "step_until", until: { kind: "response", req: "r4" } });
  assert.ok(r4.type === "stepped" && r4.ran > 0 && r4.step > atR3.step, JSON.stringify(r4));
  await client.close();
});
