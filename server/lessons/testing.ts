// Builds hand-made runs for the unit tests of lesson checks: each request becomes the trace
// entries the world would write for it (request, anycast, response), plus any extra entries.

import type { TraceEntry } from "../sim/core/trace.ts";
import type { RunResponse, RunResult } from "../sim/world/result.ts";

export interface FakeRequest {
  from: string;
  method?: string;
  url: string;
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  atMs?: number;
  ms?: number;
  /** The PoP anycast chose; defaults to the client's region's PoP. Null: no PoP reachable. */
  pop?: string | null;
  servedBy?: string | null;
  version?: string | null;
  /** No response at all (the run stopped before it was answered). */
  unanswered?: boolean;
}

export function fakeRun(requests: FakeRequest[], extra: TraceEntry[] = [], seed = 1): RunResult {
  const trace: TraceEntry[] = [{ kind: "start", t: 0, seed, options: {} }];
  const responses: (RunResponse | null)[] = [];
  requests.forEach((r, i) => {
    const req = `r${i + 1}`;
    const t = r.atMs ?? 0;
    const pop = r.pop === undefined ? `${r.from}-pop` : r.pop;
    trace.push({ kind: "request", t, req, traffic: i, from: r.from, method: r.method ?? "GET", url: r.url });
    trace.push({ kind: "anycast", t, req, from: r.from, pop });
    if (r.unanswered) {
      responses[i] = null;
      return;
    }
    const servedBy = r.servedBy === undefined ? (pop === null ? null : pop.replace(/-pop$/, "")) : r.servedBy;
    const finishedAtMs = t + (r.ms ?? 10);
    trace.push({ kind: "response", t: finishedAtMs, req, status: r.status ?? 200, servedBy, version: r.version ?? "v1" });
    responses[i] = { status: r.status ?? 200, headers: r.headers ?? {}, body: r.body ?? "", servedBy, startedAtMs: t, finishedAtMs };
  });
  trace.push(...extra);
  trace.sort((a, b) => a.t - b.t);
  return { seed, responses, trace, traceHash: "0".repeat(64), completed: true, stats: { events: trace.length, endMs: trace[trace.length - 1]!.t, routeCacheHits: 0, routeCacheMisses: 0 } };
}
