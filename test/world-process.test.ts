// The supervised world processes (the pool): scenarios run there with real isolates; when a
// process dies (killed, or aborted as V8 would on an unrecoverable isolate), in-flight calls fail
// with a clear error, a new process starts, and the next call succeeds. However fast the deaths
// come, the pool restarts with a backoff and never closes for everyone (16 §2).
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { WorldPool } from "../server/world/pool.ts";

const dir = mkdtempSync(join(tmpdir(), "edge-pool-"));
const pool = new WorldPool({ size: 1, runtimeDir: join(dir, "run"), sessionsDir: join(dir, "sessions"), restartBackoffMsMax: 1_000 });
after(() => pool.close());

const scenario = {
  name: "hello",
  seed: 3,
  world: { regions: ["us-west", "eu-west"] },
  worker: { code: `export default { fetch(req) { return new Response("hi from " + new URL(req.url).pathname) } }`, routes: ["app.example.com/*"] },
  traffic: [
    { atMs: 0, from: "us-west", method: "GET", url: "https://app.example.com/a" },
    { atMs: 0, from: "eu-west", method: "GET", url: "https://app.example.com/b" },
  ],
};

interface Run { responses: { status: number; body: string; servedBy: string }[]; traceHash: string }
const runMs = 60_000;

async function pidOf(): Promise<number> {
  return (await pool.request<{ pid: number }>({ type: "ping" }, runMs)).pid;
}

test("a scenario runs in the world process and answers each request from its nearest region", async () => {
  const result = await pool.request<Run>({ type: "run_scenario", scenario }, runMs);
  assert.deepEqual(result.responses.map((r) => [r.status, r.body, r.servedBy]), [[200, "hi from /a", "us-west"], [200, "hi from /b", "eu-west"]]);
  const again = await pool.request<Run>({ type: "run_scenario", scenario }, runMs);
  assert.equal(again.traceHash, result.traceHash, "same scenario and seed, same trace");
});

test("commands sent together each get their own answer, in order, with an asynchronous one (a heap snapshot) among them", async () => {
  // The gateway keeps the next command waiting in the process (inFlightCommandsMax) and matches
  // answers to commands by order: the process must run them in turn and answer in turn, even
  // when one of them waits for V8's inspector.
  const spec = { scenario, seed: 3, actions: [] };
  const [snapshot, ping, run, refused] = await Promise.all([
    pool.request<{ step: number; nodeCount: number }>({ type: "instrument_snapshot", spec, toStep: 4, worker: null, fileStem: join(dir, "together") }, runMs),
    pool.request<{ pid: number }>({ type: "ping" }, runMs),
    pool.request<Run>({ type: "run_scenario", scenario }, runMs),
    pool.request({ type: "run_scenario", scenario: { ...scenario, seed: "x" } }, runMs).then(() => null, (error: unknown) => error as { code?: string }),
  ]);
  assert.ok(snapshot.step === 4 && snapshot.nodeCount > 1000, JSON.stringify(snapshot).slice(0, 200));
  assert.equal(typeof ping.pid, "number");
  assert.equal(run.responses.length, 2);
  assert.equal(refused?.code, "invalid_scenario");
});

test("an invalid scenario is the user's error and names the field", async () => {
  await assert.rejects(pool.request({ type: "run_scenario", scenario: { ...scenario, traffic: [{ atMs: -1 }] } }, runMs), (error: Error & { code?: string }) => {
    assert.equal(error.code, "invalid_scenario");
    assert.match(error.message, /traffic\[0\]/);
    return true;
  });
});

test("an aborted world process (as V8 aborts on a catastrophic isolate error) fails only its call", async () => {
  const restartsBefore = pool.restarts;
  await assert.rejects(pool.request({ type: "crash" }, runMs), (error: Error & { code?: string }) => error.code === "world_process_died");
  assert.ok((await pidOf()) > 0);
  assert.equal(pool.restarts, restartsBefore + 1);
});

test("killing the world process fails the in-flight call clearly, and the next call works", async () => {
  const pid = await pidOf();
  const inFlight = pool.request({ type: "run_scenario", scenario }, runMs);
  process.kill(pid, "SIGKILL");
  await assert.rejects(inFlight, (error: Error & { code?: string }) => error.code === "world_process_died" && /restarted/.test(error.message));
  const result = await pool.request<Run>({ type: "run_scenario", scenario }, runMs);
  assert.equal(result.responses[0]!.status, 200);
  assert.notEqual(await pidOf(), pid);
});

test("ten deaths within a few seconds: the pool restarts with a growing backoff and never closes", async () => {
  const restartsBefore = pool.restarts;
  const startedMs = Date.now();
  // Each new process is killed as soon as it exists (booting or not): ten deaths, fast.
  for (let killed = 0; killed < 10; ) {
    const target = pool.processes[0];
    if (target?.pid !== undefined) {
      process.kill(target.pid, "SIGKILL");
      await target.exited;
      killed++;
    } else await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const pong = await pool.request<{ pid: number }>({ type: "ping" }, runMs);
  assert.ok(pong.pid > 0, "the next call is answered by a fresh process");
  assert.equal(pool.restarts, restartsBefore + 10);
  assert.ok(pool.recentRestarts >= 10 && pool.recentDeaths >= 10, `${pool.recentRestarts} restarts, ${pool.recentDeaths} deaths in the last minute`);
  // From the fourth death in a minute the restart waits 100, 200, 400, 800 ms, then the cap.
  assert.ok(Date.now() - startedMs >= 100 + 200 + 400 + 800, `backoff applied (${Date.now() - startedMs} ms)`);
  const result = await pool.request<Run>({ type: "run_scenario", scenario }, runMs);
  assert.equal(result.responses[1]!.body, "hi from /b");
});
