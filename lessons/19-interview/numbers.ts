// The numbers the interview walkthrough quotes, read from the learner's own run (and, for the
// isolate's memory, from a measurement the server makes: the trace does not hold heap sizes).
// Pure: the check, the Markdown export and the web app's live fill-in all use it.

import { entries, median, pathOf, trafficRequests } from "../../server/lessons/evidence.ts";
import type { LessonRun } from "../../server/lessons/types.ts";

export interface WalkthroughNumbers {
  coldStartMs: number | null;
  coldStartPhasesMs: { create: number | null; load: number | null; bindings: number | null; init: number | null };
  isolateMb: number | null;
  kvStaleWindowMs: number | null;
  doLatencyMsByRegion: Record<string, number>;
  routeCacheHitRate: number | null;
}

const round = (x: number | null, digits = 2) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

export function walkthroughNumbers({ result, measured = {} }: LessonRun): WalkthroughNumbers {
  const phases = entries(result.trace, "isolate_start").map((s) => s.measured as Record<string, number> | undefined).filter((m): m is Record<string, number> => typeof m?.moduleInitMs === "number");
  const phase = (k: string) => round(median(phases.map((p) => p[k]!)));
  const total = round(median(phases.map((p) => p.createIsolateMs! + p.loadCodeMs! + p.bindingsMs! + p.moduleInitMs!)));
  const writes = entries(result.trace, "kv_write").filter((w) => w.version !== null);
  const stale = entries(result.trace, "kv_read").filter((r) => r.stale).map((r) => {
    const write = writes.filter((w) => w.key === r.key && w.t <= r.t).at(-1);
    return write ? r.t - write.t : null;
  }).filter((x): x is number => x !== null);
  const doRequests = trafficRequests(result).filter((r) => pathOf(r.url) === "/do" && r.response?.status === 200);
  const byRegion: Record<string, number> = {};
  for (const region of [...new Set(doRequests.map((r) => r.from))].sort()) byRegion[region] = median(doRequests.filter((r) => r.from === region).map((r) => r.latencyMs!))!;
  const { routeCacheHits: hits, routeCacheMisses: misses } = result.stats;
  return {
    coldStartMs: total ?? measured["cold-start-ms"] ?? null,
    coldStartPhasesMs: { create: phase("createIsolateMs"), load: phase("loadCodeMs"), bindings: phase("bindingsMs"), init: phase("moduleInitMs") },
    isolateMb: round(measured["isolate-mb"] ?? null),
    kvStaleWindowMs: stale.length ? Math.max(...stale) : measured["kv-stale-window-ms"] ?? null,
    doLatencyMsByRegion: byRegion,
    routeCacheHitRate: hits + misses === 0 ? null : round(hits / (hits + misses), 3),
  };
}

/** Which numbers are still missing, by name, for the check's hint. */
export function missingNumbers(n: WalkthroughNumbers): string[] {
  const missing: string[] = [];
  if (n.coldStartMs === null) missing.push("cold start");
  if (n.isolateMb === null) missing.push("MB per isolate");
  if (n.kvStaleWindowMs === null) missing.push("KV stale window");
  if (Object.keys(n.doLatencyMsByRegion).length === 0) missing.push("Durable Object latency by region");
  if (n.routeCacheHitRate === null) missing.push("route cache hit rate");
  return missing;
}
