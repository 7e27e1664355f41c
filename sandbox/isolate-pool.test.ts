// The pool's background refill (isolate-pool.ts): an isolate a finished worker handed back gets
// its next context on isolated-vm's threads at the next idle moment, so the next load takes it
// ready-made. Checks that the load really came from the pool, that the background context is as
// fresh as one made on the world's thread (nothing of the earlier worker, the same answer), and
// that disposing the pool while a context is being made neither throws nor leaves work behind.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createSandboxFactory, type Sandbox } from "./index.ts";
import { MiniHost, script } from "./testing/mini-host.ts";

const polluter = script(`
export default { fetch() {
  globalThis.leaked = "from the earlier worker";
  Object.prototype.polluted = true;
  JSON.stringify = () => "hacked";
  return new Response("polluted");
} }`);

const observer = script(`
let moduleCount = 0;
export default { fetch() {
  moduleCount++;
  return Response.json({ moduleCount, leaked: globalThis.leaked ?? null, polluted: ({}).polluted ?? null, random: Math.random() });
} }`);

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Waits (event loop turns, at most about 10 s) until `ready()` holds. */
async function until(ready: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000 && !ready(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.ok(ready(), `timed out waiting until ${what}`);
}

function runOnce(sandbox: Sandbox, worker: ReturnType<typeof script>): { body: string; fromPool: boolean } {
  const host = new MiniHost(sandbox, worker, 7);
  const body = host.request("https://pool.example/").body;
  const fromPool = host.lastLoad?.ok === true && host.lastLoad.coldStart.fromPool;
  host.isolate?.dispose();
  return { body, fromPool };
}

test("an isolate handed back gets its next context in the background, and the next load takes it from the pool", async () => {
  const sandbox = createSandboxFactory({ poolSize: 1 });
  try {
    const unpooled = createSandboxFactory({ poolSize: 0 });
    const fresh = runOnce(unpooled, observer).body;
    unpooled.dispose();
    sandbox.warmUp();
    assert.equal(runOnce(sandbox, polluter).fromPool, true);
    // Taken synchronously, nothing was made yet: the polluter's isolate waits as a spare.
    assert.equal(sandbox.pooledIsolates, 0);
    assert.equal(sandbox.spareIsolates, 1);
    await until(() => sandbox.pooledIsolates === 1, "the spare isolate has a ready context");
    assert.equal(sandbox.spareIsolates, 0, "the ready context is in the isolate that was spare");
    const next = runOnce(sandbox, observer);
    assert.equal(next.fromPool, true, "the load took the context made in the background");
    assert.deepEqual(JSON.parse(next.body), JSON.parse(fresh), "it answers exactly as a worker in a new isolate does, randomness included");
    assert.deepEqual({ ...JSON.parse(next.body), random: 0 }, { moduleCount: 1, leaked: null, polluted: null, random: 0 });
  } finally {
    sandbox.dispose();
  }
});

test("several isolates handed back at once all get contexts in the background (a world of several PoPs)", async () => {
  const sandbox = createSandboxFactory({ poolSize: 1 });
  try {
    const hosts = [0, 1, 2].map(() => new MiniHost(sandbox, observer));
    for (const host of hosts) host.request("https://pool.example/");
    for (const host of hosts) host.isolate?.dispose();
    assert.equal(sandbox.spareIsolates, 3);
    await until(() => sandbox.pooledIsolates === 3, "all three spare isolates have ready contexts");
    const loads = [0, 1, 2].map(() => runOnce(sandbox, observer));
    assert.deepEqual(loads.map((load) => load.fromPool), [true, true, true]);
    assert.deepEqual(loads.map((load) => JSON.parse(load.body).moduleCount), [1, 1, 1]);
  } finally {
    sandbox.dispose();
  }
});

test("disposing the pool while a context is being made in the background neither throws nor keeps it", async () => {
  const sandbox = createSandboxFactory({ poolSize: 2 });
  runOnce(sandbox, observer);
  runOnce(sandbox, observer);
  await turn(); // the refill starts: the spare isolates' contexts are being made on isolated-vm's threads
  sandbox.dispose();
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(sandbox.pooledIsolates, 0, "nothing made after the pool was disposed is kept");
  assert.equal(sandbox.spareIsolates, 0);
});
