// Sandbox figures: cold start p50 by phase (pool or not, code cache or not) and warm hello-world
// latency and throughput through the full delivery contract (deliver + drain, real isolate).
import { createSandboxFactory, type Sandbox } from "../sandbox/index.ts";
import type { ColdStartPhases } from "../server/sim/isolate-port.ts";
import { MiniHost, script } from "../sandbox/testing/mini-host.ts";
import { helloWorker } from "./miniflare-peer.ts";
import { median, msSince } from "./stats.ts";

const noSync = () => ({ ok: false as const, error: { name: "Error", message: "none" } });

export interface ColdStartFigures {
  label: string;
  totalMsMedian: number;
  phasesMsMedian: ColdStartPhases;
  firstRequestMsMedian: number;
}

/** Loads the same worker `runs` times; the pool (if any) is refilled outside the timed part. */
export function measureColdStarts(label: string, options: { poolSize: number; codeCache: boolean }, runs: number): ColdStartFigures {
  const sandbox: Sandbox = createSandboxFactory(options);
  const totals: number[] = [];
  const firsts: number[] = [];
  const phases: Record<keyof ColdStartPhases, number[]> = { createIsolateMs: [], loadCodeMs: [], bindingsMs: [], moduleInitMs: [] };
  const worker = script(helloWorker);
  // One load first, so "with code cache" measures cache hits.
  sandbox.load(worker, { seed: 1, nowMs: 0, sync: noSync }).ok;
  for (let i = 0; i < runs; i++) {
    sandbox.warmUp();
    const started = process.hrtime.bigint();
    const loaded = sandbox.load(worker, { seed: 1, nowMs: 0, sync: noSync });
    totals.push(msSince(started));
    if (!loaded.ok) throw new Error(loaded.error.message);
    for (const key of Object.keys(phases) as (keyof ColdStartPhases)[]) phases[key].push(loaded.coldStart.phases[key]);
    const first = process.hrtime.bigint();
    loaded.isolate.deliver({ kind: "fetch", requestId: "r", request: { method: "GET", url: "https://b.example/", headers: [], body: null } }, 0);
    firsts.push(msSince(first));
    loaded.isolate.dispose();
  }
  sandbox.dispose();
  const phasesMsMedian = Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, median(v)])) as unknown as ColdStartPhases;
  return { label, totalMsMedian: median(totals), phasesMsMedian, firstRequestMsMedian: median(firsts) };
}

export interface WarmFigures {
  latencyMsMedian: number;
  requestsPerSecond: number;
}

export function measureWarmHello(requests: number): WarmFigures {
  const sandbox = createSandboxFactory({ poolSize: 1 });
  const host = new MiniHost(sandbox, script(helloWorker));
  for (let i = 0; i < 200; i++) host.request("https://b.example/");
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < requests; i++) {
    const t = process.hrtime.bigint();
    host.request("https://b.example/");
    latencies.push(msSince(t));
  }
  const totalMs = msSince(started);
  host.isolate?.dispose();
  sandbox.dispose();
  return { latencyMsMedian: median(latencies), requestsPerSecond: (requests / totalMs) * 1000 };
}
