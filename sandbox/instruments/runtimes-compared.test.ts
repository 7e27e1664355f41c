// The runtimes comparison measures real isolates, worker threads and processes: on any machine
// an isolate starts faster, costs less memory and answers a message faster than a worker thread,
// and a worker thread than a process (orders of magnitude apart here, so noise cannot flip them).
import assert from "node:assert/strict";
import { test } from "node:test";
import { compareRuntimes } from "./runtimes-compared.ts";

test("isolate < worker thread < process in start time, memory and round trip", { timeout: 120_000 }, async () => {
  const result = await compareRuntimes({ repeats: 1, tasks: 4, scalingWorkers: [1, 2] });
  const [isolate, thread, child] = result.costs;
  assert.deepEqual(result.costs.map((c) => c.runtime), ["isolate", "worker_thread", "process"]);
  assert.ok(isolate!.startMs < thread!.startMs && thread!.startMs < child!.startMs, JSON.stringify(result.costs));
  assert.ok(isolate!.roundTripUs < thread!.roundTripUs && thread!.roundTripUs < child!.roundTripUs);
  assert.ok(isolate!.memoryMb < child!.memoryMb);
  assert.equal(result.scaling.length, 2 * 2 * 2, "cpu and io, threads and processes, 1 and 2 workers");
  assert.ok(result.scaling.every((row) => row.tasksPerSecond > 0));
  assert.ok(result.cores >= 1);
});
