// V8 instruments: what the CPU profiler costs a request (with / without, same worker, same run),
// how long a heap snapshot takes and how large it is for a 10 MB and a 100 MB heap, and the
// runtimes compared (isolate, worker thread, process) as this machine measures them.
import { createSandboxFactory, instrumentsOf } from "../sandbox/index.ts";
import { compareRuntimes } from "../sandbox/instruments/runtimes-compared.ts";
import { MiniHost, script } from "../sandbox/testing/mini-host.ts";
import { fixed, median, msSince, printFigures } from "./stats.ts";

const busyWorker = `function work(n) { let s = 0; for (let i = 0; i < n; i++) s += Math.sqrt(i); return s; }
export default { fetch() { return new Response(String(work(20000))); } }`;

function timeRequests(host: MiniHost, count: number): number {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    host.request("https://b.example/");
    times.push(msSince(started));
  }
  return median(times);
}

async function profilerOverhead(requests: number): Promise<{ withoutMs: number; withMs: number }> {
  const sandbox = createSandboxFactory({ poolSize: 0 });
  const host = new MiniHost(sandbox, script(busyWorker));
  timeRequests(host, 50);
  const withoutMs = timeRequests(host, requests);
  const instruments = instrumentsOf(host.isolate!)!;
  instruments.startCpuProfile();
  const withMs = timeRequests(host, requests);
  await instruments.stopCpuProfile();
  sandbox.dispose();
  return { withoutMs, withMs };
}

async function snapshotCost(heapMb: number): Promise<{ ms: number; mb: number; nodes: number }> {
  const sandbox = createSandboxFactory({ poolSize: 0, inspector: true, limits: { isolateMemoryMbMax: 512, startupCpuMsMax: 5000 } });
  // Small objects, as a leaking cache holds them: a snapshot's cost grows with their count.
  const host = new MiniHost(sandbox, script(`const keep = []; for (let i = 0; i < ${heapMb} * 1024 * 1024 / 200; i++) keep.push({ i, text: "entry " + i });
globalThis.keep = keep; export default { fetch() { return new Response(String(keep.length)); } }`));
  host.request("https://b.example/");
  const taken = await instrumentsOf(host.isolate!)!.takeHeapSnapshot();
  sandbox.dispose();
  if (!taken.ok) throw new Error(taken.message);
  return { ms: taken.value.ms, mb: taken.value.bytes / 1024 / 1024, nodes: taken.value.file.snapshot.node_count ?? 0 };
}

export async function runInstrumentBenchmarks(quick: boolean): Promise<void> {
  const overhead = await profilerOverhead(quick ? 200 : 1000);
  const small = await snapshotCost(10);
  const large = quick ? null : await snapshotCost(100);
  printFigures("V8 instruments", [
    { name: "request without profiler", value: `${fixed(overhead.withoutMs, 3)} ms` },
    { name: "request with profiler", value: `${fixed(overhead.withMs, 3)} ms`, note: `ratio ${fixed(overhead.withMs / overhead.withoutMs, 2)}x` },
    { name: "heap snapshot, 10 MB heap", value: `${fixed(small.ms, 0)} ms`, note: `${fixed(small.mb, 1)} MB of JSON, ${small.nodes} nodes` },
    ...(large ? [{ name: "heap snapshot, 100 MB heap", value: `${fixed(large.ms, 0)} ms`, note: `${fixed(large.mb, 1)} MB of JSON, ${large.nodes} nodes` }] : []),
  ]);
  const runtimes = await compareRuntimes({ repeats: quick ? 3 : 7 });
  printFigures(`Runtimes compared (this machine: ${runtimes.cores} cores)`, runtimes.costs.map((c) => ({
    name: c.runtime,
    value: `start ${fixed(c.startMs, 2)} ms`,
    note: `${fixed(c.memoryMb, 2)} MB, round trip ${fixed(c.roundTripUs, 1)} µs`,
  })));
  printFigures("Worker threads vs processes (tasks/s)", runtimes.scaling.map((r) => ({ name: `${r.kind} on ${r.workers} × ${r.runtime === "process" ? "process" : "worker thread"}`, value: fixed(r.tasksPerSecond, 0) })));
}
