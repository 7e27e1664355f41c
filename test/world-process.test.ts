// The supervised world process: scenarios run there with real isolates; when the process dies
// (killed, or aborted as V8 would on an unrecoverable isolate), in-flight calls fail with a clear
// error, a new process starts, and the next call succeeds.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { WorldSupervisor } from "../server/world/supervisor.ts";

const world = new WorldSupervisor();
after(() => world.close());

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

test("a scenario runs in the world process and answers each request from its nearest region", async () => {
  const result = await world.request<Run>({ type: "run_scenario", scenario });
  assert.deepEqual(result.responses.map((r) => [r.status, r.body, r.servedBy]), [[200, "hi from /a", "us-west"], [200, "hi from /b", "eu-west"]]);
  const again = await world.request<Run>({ type: "run_scenario", scenario });
  assert.equal(again.traceHash, result.traceHash, "same scenario and seed, same trace");
});

test("an invalid scenario is the user's error and names the field", async () => {
  await assert.rejects(world.request({ type: "run_scenario", scenario: { ...scenario, traffic: [{ atMs: -1 }] } }), (error: Error & { code?: string }) => {
    assert.equal(error.code, "invalid_scenario");
    assert.match(error.message, /traffic\[0\]/);
    return true;
  });
});

test("killing the world process fails the in-flight call clearly, and the next call works", async () => {
  await world.request({ type: "ping" });
  const pid = world.pid!;
  const inFlight = world.request({ type: "run_scenario", scenario });
  process.kill(pid, "SIGKILL");
  await assert.rejects(inFlight, (error: Error & { code?: string }) => error.code === "world_process_died" && /restarted/.test(error.message));
  const result = await world.request<Run>({ type: "run_scenario", scenario });
  assert.equal(result.responses[0]!.status, 200);
  assert.notEqual(world.pid, pid);
});

test("an aborted world process (as V8 aborts on a catastrophic isolate error) is survived", async () => {
  const restartsBefore = world.restarts;
  await assert.rejects(world.request({ type: "crash" }), (error: Error & { code?: string }) => error.code === "world_process_died");
  const pong = await world.request<{ pid: number }>({ type: "ping" });
  assert.ok(pong.pid > 0);
  assert.equal(world.restarts, restartsBefore + 1);
});
