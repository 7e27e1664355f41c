// Isolates, worker threads and processes, measured on this machine by the server itself (never
// by learner code): how long each takes to start, what it costs in memory, and how long a
// message round trip takes; then CPU-bound and I/O-bound work spread over 1, 2 and 4 worker
// threads versus 1, 2 and 4 processes (what Node's cluster module forks). Medians of repeats.
import { fork, type ChildProcess } from "node:child_process";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import ivm from "isolated-vm";

const childScript = fileURLToPath(new URL("./runtime-child.mjs", import.meta.url));

export interface RuntimeCost {
  runtime: "isolate" | "worker_thread" | "process";
  startMs: number;
  memoryMb: number;
  roundTripUs: number;
}

export interface ScalingRow {
  kind: "cpu" | "io";
  runtime: "worker_thread" | "process";
  workers: number;
  tasksPerSecond: number;
}

export interface RuntimesCompared {
  cores: number;
  costs: RuntimeCost[];
  scaling: ScalingRow[];
  /** The design documents' figures, shown beside the measured ones. */
  designFigures: { isolateMb: number; isolateStartMs: string; containerMb: string };
}

interface Child {
  send(message: unknown): void;
  next(type: string): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/** `scalingWorkers: []` skips the scaling table (the costs alone take a second or two). */
export async function compareRuntimes(options: { repeats?: number; tasks?: number; scalingWorkers?: number[] } = {}): Promise<RuntimesCompared> {
  const repeats = options.repeats ?? 5;
  const costs = [measureIsolate(repeats), await measureChild("worker_thread", repeats), await measureChild("process", repeats)];
  const scaling: ScalingRow[] = [];
  for (const kind of ["cpu", "io"] as const) {
    for (const runtime of ["worker_thread", "process"] as const) {
      for (const workers of options.scalingWorkers ?? [1, 2, 4]) scaling.push({ kind, runtime, workers, tasksPerSecond: await throughput(kind, runtime, workers, options.tasks ?? (kind === "cpu" ? 16 : 160)) });
    }
  }
  return { cores: cpus().length, costs, scaling, designFigures: { isolateMb: 2, isolateStartMs: "a few ms (often < 5)", containerMb: "hundreds of MB, seconds to start" } };
}

function measureIsolate(repeats: number): RuntimeCost {
  const starts: number[] = [];
  const trips: number[] = [];
  const before = process.memoryUsage().rss;
  const kept: ivm.Isolate[] = [];
  for (let i = 0; i < Math.max(repeats, 20); i++) {
    const started = performance.now();
    const isolate = new ivm.Isolate({ memoryLimit: 32 });
    const context = isolate.createContextSync();
    starts.push(performance.now() - started);
    const echo = context.evalSync("(n) => n", { reference: true }) as ivm.Reference<(n: number) => number>;
    const tripStart = performance.now();
    for (let k = 0; k < 100; k++) echo.applySync(undefined, [k]);
    trips.push(((performance.now() - tripStart) / 100) * 1000);
    kept.push(isolate);
  }
  const memoryMb = (process.memoryUsage().rss - before) / kept.length / 1024 / 1024;
  for (const isolate of kept) isolate.dispose();
  return { runtime: "isolate", startMs: median(starts), memoryMb: Math.max(0, memoryMb), roundTripUs: median(trips) };
}

async function measureChild(runtime: "worker_thread" | "process", repeats: number): Promise<RuntimeCost> {
  const starts: number[] = [];
  const trips: number[] = [];
  const memory: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const child = startChild(runtime);
    const ready = await child.next("ready");
    starts.push(performance.now() - started);
    // A thread shares our process, so its cost is our growth; a process reports its own.
    memory.push(runtime === "process" ? ready.rssBytes! : process.memoryUsage().rss - rssBefore);
    const tripStart = performance.now();
    for (let n = 0; n < 50; n++) {
      child.send({ type: "echo", n });
      await child.next("echo");
    }
    trips.push(((performance.now() - tripStart) / 50) * 1000);
    await child.stop();
  }
  return { runtime, startMs: median(starts), memoryMb: median(memory) / 1024 / 1024, roundTripUs: median(trips) };
}

async function throughput(kind: "cpu" | "io", runtime: "worker_thread" | "process", workers: number, tasks: number): Promise<number> {
  const children = Array.from({ length: workers }, () => startChild(runtime));
  await Promise.all(children.map((c) => c.next("ready")));
  const started = performance.now();
  const share = Math.ceil(tasks / workers);
  await Promise.all(children.map((c) => { c.send({ type: kind, tasks: share, file: childScript }); return c.next("done"); }));
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(children.map((c) => c.stop()));
  return (share * workers) / seconds;
}

function startChild(runtime: "worker_thread" | "process"): Child {
  const inbox: Record<string, number>[] = [];
  const waiters: { type: string; resolve: (m: Record<string, number>) => void }[] = [];
  const deliver = (message: Record<string, number> & { type?: unknown }) => {
    const index = waiters.findIndex((w) => w.type === message.type);
    if (index >= 0) waiters.splice(index, 1)[0]!.resolve(message);
    else inbox.push(message);
  };
  const next = (type: string) => new Promise<Record<string, number>>((resolve) => {
    const index = inbox.findIndex((m) => (m as { type?: unknown }).type === type);
    if (index >= 0) resolve(inbox.splice(index, 1)[0]!);
    else waiters.push({ type, resolve });
  });
  if (runtime === "worker_thread") {
    // Plain Node in the child (no TypeScript loader), as a real deployment would run it.
    const worker = new Worker(childScript, { execArgv: [] });
    worker.on("message", deliver);
    return { send: (m) => worker.postMessage(m), next, stop: async () => { await worker.terminate(); } };
  }
  const child: ChildProcess = fork(childScript, [], { execArgv: [], stdio: ["ignore", "ignore", "inherit", "ipc"] });
  child.on("message", (m) => deliver(m as Record<string, number>));
  return {
    send: (m) => child.send(m as object),
    next,
    stop: () => new Promise<void>((resolve) => { child.once("exit", () => resolve()); child.kill(); }),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
