// Measurements the V8 lessons need, made by the server in real isolates (never by learner code):
// request timing of two workers interleaved in one run (so machine noise hits both alike), and
// heap growth across many requests measured after full collections (a heap snapshot collects
// garbage first), with what grew and the path that keeps it.
import { createSandboxFactory } from "../index.ts";
import { MiniHost, script } from "../testing/mini-host.ts";
import { diffHeapSummaries, formatRetainerPath, retainerPathOfGrowth, summarizeHeapSnapshot } from "./heap-snapshot-summary.ts";
import { instrumentsOf } from "./isolate-instruments.ts";

export interface SpeedComparison {
  baselineMs: number;
  candidateMs: number;
  /** baseline ÷ candidate: above 1 means the candidate is faster. */
  ratio: number;
  /** Spread of the per-round ratios (max ÷ min), to show how noisy the machine was. */
  ratioSpread: number;
  sameAnswer: boolean;
}

export function compareSpeed(baselineCode: string, candidateCode: string, url: string, rounds = 7, requestsPerRound = 15): SpeedComparison {
  const sandbox = createSandboxFactory({ poolSize: 0, limits: { requestCpuMsMax: 2000 } });
  try {
    const baseline = new MiniHost(sandbox, script(baselineCode));
    const candidate = new MiniHost(sandbox, script(candidateCode));
    const sameAnswer = baseline.request(url).body === candidate.request(url).body;
    for (let i = 0; i < 5; i++) { baseline.request(url); candidate.request(url); }
    const ratios: number[] = [];
    const a: number[] = [];
    const b: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const ta = medianRequestMs(baseline, url, requestsPerRound);
      const tb = medianRequestMs(candidate, url, requestsPerRound);
      a.push(ta);
      b.push(tb);
      ratios.push(ta / tb);
    }
    return { baselineMs: median(a), candidateMs: median(b), ratio: median(ratios), ratioSpread: Math.max(...ratios) / Math.min(...ratios), sameAnswer };
  } finally {
    sandbox.dispose();
  }
}

export interface HeapGrowth {
  /** Heap retained after a collection, after the warm-up requests and after all of them. */
  startBytes: number;
  endBytes: number;
  growthBytes: number;
  requests: number;
  /** The class that grew most, and the path from globalThis that keeps its largest instance. */
  grewMost: { className: string; countDelta: number; bytesDelta: number; path: string | null } | null;
  failedRequests: number;
}

export async function measureHeapGrowth(code: string, urlFor: (i: number) => string, requests = 1000, warmUp = 100): Promise<HeapGrowth> {
  // CPU limits are not what this lab is about: a loaded machine must not turn a request into 503.
  const sandbox = createSandboxFactory({ poolSize: 0, inspector: true, limits: { requestCpuMsMax: 2000 } });
  try {
    const host = new MiniHost(sandbox, script(code));
    let failedRequests = 0;
    const send = (i: number) => { if (host.request(urlFor(i)).status >= 500) failedRequests++; };
    for (let i = 0; i < warmUp; i++) send(i);
    const before = await instrumentsOf(host.isolate!)!.takeHeapSnapshot();
    for (let i = warmUp; i < requests; i++) send(i);
    const instruments = host.isolate && instrumentsOf(host.isolate);
    const after = instruments ? await instruments.takeHeapSnapshot() : null;
    if (!before.ok || after === null || !after.ok) throw new Error(`heap snapshot failed: ${!before.ok ? before.message : after && !after.ok ? after.message : "the isolate ended"}`);
    const startBytes = summarizeHeapSnapshot(before.value.file, 1).totalBytes;
    const endBytes = summarizeHeapSnapshot(after.value.file, 1).totalBytes;
    const top = diffHeapSummaries(before.value.file, after.value.file, 5).find((row) => !row.className.startsWith("("));
    const path = top ? retainerPathOfGrowth(before.value.file, after.value.file, top.className) : null;
    return {
      startBytes, endBytes, growthBytes: endBytes - startBytes, requests, failedRequests,
      grewMost: top ? { className: top.className, countDelta: top.countDelta, bytesDelta: top.selfBytesDelta, path: path ? formatRetainerPath(path.path) : null } : null,
    };
  } finally {
    sandbox.dispose();
  }
}

function medianRequestMs(host: MiniHost, url: string, count: number): number {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    host.request(url);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(times);
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
