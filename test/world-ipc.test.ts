// The channel between the gateway and a world process (16 §3), with a real world process: a
// flood of commands is answered in full, one at a time, never more than ipcQueuedCommandsMax
// waiting (the rest refused naming that limit); a command too large, or nested too deeply for
// Node to serialize, is refused with ipcMessageBytesMax before it reaches the channel; and the
// process keeps serving afterwards (before framing, the nested one threw inside the send and
// left the process wedged on a command it never received).
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ipcLimits } from "../server/world/ipc-protocol.ts";
import { WorldPool } from "../server/world/pool.ts";
import type { WorldProcessHandle } from "../server/world/world-process-handle.ts";

const dir = mkdtempSync(join(tmpdir(), "edge-ipc-"));
const bytesMax = 256 * 1024;
const pool = new WorldPool({ size: 1, runtimeDir: join(dir, "run"), sessionsDir: join(dir, "sessions"), ipcMessageBytesMax: bytesMax });
let proc: WorldProcessHandle;
before(async () => {
  await pool.request({ type: "ping" }, 60_000);
  proc = pool.processes[0]!;
});
after(() => pool.close());

test("a flood of commands: each answered, at most ipcQueuedCommandsMax waiting, the rest refused by name", async () => {
  const flood = Array.from({ length: ipcLimits.ipcQueuedCommandsMax + 200 }, () => proc.send<{ pid: number }>({ type: "ping" }, 60_000).then((v) => v.pid, (e: Error & { code?: string; limit?: string }) => `${e.code}:${e.limit}`));
  const answers = await Promise.all(flood);
  const pids = answers.filter((a) => typeof a === "number");
  const refused = answers.filter((a) => a === "server_busy:ipcQueuedCommandsMax");
  assert.equal(pids.length + refused.length, answers.length, `every command answered: ${[...new Set(answers)].join(", ")}`);
  assert.ok(pids.length >= ipcLimits.ipcQueuedCommandsMax, `${pids.length} answered`);
  assert.ok(refused.length >= 1 && refused.length <= 200, `${refused.length} refused`);
  assert.ok(pids.every((p) => p === proc.pid), "the same process answered them all");
  assert.equal(pool.restarts, 0);
});

test("a command over ipcMessageBytesMax is refused with that name; the process stays in service", async () => {
  const scenario = { name: "big", worker: { code: `export default { fetch() { return new Response("${"x".repeat(bytesMax)}") } }` } };
  await assert.rejects(proc.send({ type: "run_scenario", scenario }, 60_000), (e: Error & { code?: string; limit?: string }) => {
    assert.equal(e.code, "message_too_large");
    assert.equal(e.limit, "ipcMessageBytesMax");
    assert.match(e.message, /ipcMessageBytesMax/);
    return true;
  });
  assert.equal((await proc.send<{ pid: number }>({ type: "ping" }, 60_000)).pid, proc.pid);
});

test("a value nested too deeply to serialize is refused, not thrown inside the channel", async () => {
  let deep: unknown = [];
  for (let i = 0; i < 100_000; i++) deep = [deep];
  await assert.rejects(proc.send({ type: "run_scenario", scenario: { deep } }, 60_000), (e: Error & { code?: string; limit?: string }) => e.code === "message_too_large" && /nested too deeply/.test(e.message));
  assert.equal((await proc.send<{ pid: number }>({ type: "ping" }, 60_000)).pid, proc.pid, "the next command is answered");
  assert.equal(pool.restarts, 0);
});

test("an answer over ipcMessageBytesMax is refused by the world process with that name", async () => {
  const body = "y".repeat(100 * 1024);
  const scenario = {
    name: "big-answer", world: { regions: ["us-east"] },
    worker: { code: `export default { fetch() { return new Response("y".repeat(${body.length}).repeat(3)) } }`, routes: ["b.example.com/*"] },
    traffic: [{ atMs: 0, from: "us-east", url: "https://b.example.com/" }],
  };
  await assert.rejects(proc.send({ type: "run_scenario", scenario }, 60_000), (e: Error & { code?: string; limit?: string }) => e.code === "message_too_large" && e.limit === "ipcMessageBytesMax" && /answer/.test(e.message));
  assert.equal((await proc.send<{ pid: number }>({ type: "ping" }, 60_000)).pid, proc.pid);
});
