// The result of a run as the CLI, lessons and tests read it: one response per traffic entry,
// in traffic order, plus the trace and its hash.

import { traceHash, type TraceEntry } from "../core/trace.ts";
import type { WorldState } from "./state.ts";
import { utf8Decode } from "./wire.ts";

export interface RunResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  servedBy: string | null;
  startedAtMs: number;
  finishedAtMs: number;
}

export interface RunResult {
  seed: number;
  /** Null for a traffic entry that got no answer before the run stopped. */
  responses: (RunResponse | null)[];
  trace: TraceEntry[];
  traceHash: string;
  /** True when the world came to rest (no event left) rather than hitting a time or event bound. */
  completed: boolean;
  /** The run's own bound that ended it early (e.g. `traceEntriesMax`), or null. */
  stoppedBy?: string | null;
  stats: { events: number; endMs: number; routeCacheHits: number; routeCacheMisses: number };
}

export function buildResult(w: WorldState, completed: boolean): RunResult {
  const responses: (RunResponse | null)[] = [];
  for (const client of w.slices.requests.clients.values()) {
    if (client.trafficIndex === null) continue;
    const r = client.response;
    responses[client.trafficIndex] = r === null ? null : {
      status: r.response.status,
      headers: headerRecord(r.response.headers),
      body: utf8Decode(r.response.body),
      servedBy: r.servedBy,
      startedAtMs: client.startedAtMs,
      finishedAtMs: r.finishedAtMs,
    };
  }
  const route = w.ctx.router.stats();
  const trace = [...w.trace];
  const result = {
    seed: w.ctx.seed,
    responses,
    trace,
    traceHash: "",
    completed,
    stoppedBy: w.stoppedBy,
    stats: { events: w.stepsRun, endMs: w.nowMs, routeCacheHits: route.hits, routeCacheMisses: route.misses },
  };
  // Hashing a trace costs as much as a fifth of a small run, and the race explorer, which runs
  // thousands, never reads it: the hash is computed on first read (JSON and structured clone
  // read it like a plain property).
  let hash: string | null = null;
  Object.defineProperty(result, "traceHash", { enumerable: true, configurable: true, get: () => (hash ??= traceHash(trace)) });
  return result;
}

/**
 * Header pairs as one value per name, repeated names joined with ", " as Headers.get joins them,
 * so a response's second Set-Cookie is not lost.
 */
export function headerRecord(pairs: readonly (readonly [string, string])[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of pairs) out[name] = Object.prototype.hasOwnProperty.call(out, name) ? `${out[name]}, ${value}` : value;
  return out;
}
