// Isolate reuse (isolate-pool.ts): a finished worker's isolate gets a fresh context for the next
// load. Each test checks that the isolate really was reused (the pool's spare count) and that
// nothing of the earlier worker is visible in the later one: globals, module state, polluted
// builtins, its randomness; and that an isolate a limit ended, or one being profiled, is not reused.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { createSandboxFactory, instrumentsOf } from "./index.ts";
import { MiniHost, script } from "./testing/mini-host.ts";

// poolSize 1 keeps reuse on; the tests take the ready isolate first, so later loads reuse.
const sandbox = createSandboxFactory({ poolSize: 1, limits: { requestCpuMsMax: 200 } });
after(() => sandbox.dispose());

const polluter = script(`
let moduleCount = 0;
export default { fetch() {
  moduleCount++;
  globalThis.leaked = "from run 1";
  Object.prototype.polluted = true;
  Array.prototype.push = () => 0;
  JSON.stringify = () => "hacked";
  return new Response(String(moduleCount));
} }`);

const observer = script(`
let moduleCount = 0;
export default { fetch() {
  moduleCount++;
  const list = []; list.push(1);
  return Response.json({ moduleCount, leaked: globalThis.leaked ?? null, polluted: ({}).polluted ?? null, pushed: list.length, random: Math.random() });
} }`);

/** Runs `worker` once in a new MiniHost and hands its isolate back, as the world does when a run ends. */
function runOnce(worker: ReturnType<typeof script>, seed = 1): string {
  const host = new MiniHost(sandbox, worker, seed);
  const body = host.request("https://reuse.example/").body;
  host.isolate?.dispose();
  return body;
}

test("a global, module state and polluted builtins of one run are absent in the next run in the same isolate", () => {
  const fresh = runOnce(observer, 7);
  assert.equal(runOnce(polluter), "1");
  assert.equal(sandbox.spareIsolates > 0, true, "the polluter's isolate was handed back for reuse");
  const spare = sandbox.spareIsolates;
  const after = runOnce(observer, 7);
  assert.equal(sandbox.spareIsolates, spare, "the observer ran in a reused isolate (taken, then handed back)");
  assert.deepEqual(JSON.parse(after), JSON.parse(fresh), "a reused isolate answers exactly as a fresh one, randomness included");
  assert.deepEqual({ ...JSON.parse(after), random: 0 }, { moduleCount: 1, leaked: null, polluted: null, pushed: 1, random: 0 });
});

test("a second load of the same worker starts from its module's initial state", () => {
  assert.equal(runOnce(polluter), "1");
  assert.equal(runOnce(polluter), "1");
});

test("an isolate that a limit ended is disposed, not reused", () => {
  runOnce(observer);
  const before = sandbox.spareIsolates;
  const host = new MiniHost(sandbox, script(`export default { fetch() { for (;;) {} } }`));
  const result = host.request("https://spin.example/");
  assert.equal(result.end?.type, "cpu_limit");
  host.isolate?.dispose();
  assert.equal(sandbox.spareIsolates, before - 1, "the spinning worker took a spare isolate and did not give it back");
});

test("an isolate being profiled is not reused (the profile would see the next worker)", () => {
  runOnce(observer);
  const before = sandbox.spareIsolates;
  const host = new MiniHost(sandbox, observer);
  host.request("https://profiled.example/");
  const instruments = instrumentsOf(host.isolate!)!;
  assert.equal(instruments.startCpuProfile().ok, true);
  host.isolate!.dispose();
  assert.equal(sandbox.spareIsolates, before - 1);
  assert.equal(instruments.heapStats(), null, "the instruments of a finished worker see nothing");
});

test("a finished worker's instruments see nothing once its isolate hosts another context", () => {
  const host = new MiniHost(sandbox, observer);
  host.request("https://first.example/");
  const instruments = instrumentsOf(host.isolate!)!;
  host.isolate!.dispose();
  runOnce(polluter);
  assert.equal(instruments.heapStats(), null);
  assert.equal(instruments.startCpuProfile().ok, false);
});
