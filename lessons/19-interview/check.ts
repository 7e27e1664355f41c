// Lesson 19: the walkthrough is complete when every phase was visited (its practice question
// answered, in any words) and every number it quotes was measured in this session: from the
// run's trace, or from `run.measured` (the isolate's memory, which the server measures).

import { fail, figure, pass } from "../../server/lessons/evidence.ts";
import type { CheckResult, LessonRun } from "../../server/lessons/types.ts";
import { missingNumbers, walkthroughNumbers } from "./numbers.ts";

/** The phases, in interview order: the predict ids of lesson.md. */
export const phaseIds = ["requirements", "high-level", "deep-dive", "bottlenecks", "races", "trade-offs"] as const;

export function check(run: LessonRun): CheckResult {
  const n = walkthroughNumbers(run);
  const figures = [
    figure("cold-start-ms", "cold start, all phases, measured p50", n.coldStartMs, "ms", "5–50 ms", true),
    figure("init-ms", "module init, measured p50", n.coldStartPhasesMs.init, "ms", "1–30 ms", true),
    figure("isolate-mb", "V8 heap of one isolate of this worker", n.isolateMb, "MB", "≈ 2 MB", true),
    figure("kv-stale-window-ms", "longest stale KV read after a write", n.kvStaleWindowMs, "ms", "10–60 s"),
    ...Object.entries(n.doLatencyMsByRegion).map(([r, v]) => figure(`do-ms-${r}`, `Durable Object request from ${r}, p50`, v, "ms", "≈ 50 ms routed")),
    figure("route-cache-hit-rate", "route cache hit rate", n.routeCacheHitRate === null ? null : Math.round(n.routeCacheHitRate * 1000) / 10, "%", "95 %+"),
  ];
  const missing = missingNumbers(n);
  if (missing.length > 0) return fail(`not measured in this session yet: ${missing.join(", ")}. Run the scenario with a worker that exercises them (the starter has no /kv and no /do)`, figures);
  const unvisited = phaseIds.filter((id) => !(run.predictions?.[id] ?? "").trim());
  if (unvisited.length > 0) return fail(`every number is measured; phases not visited yet: ${unvisited.join(", ")} (answer each phase's question)`, figures);
  return pass(`all ${phaseIds.length} phases visited, every number measured: cold start ${n.coldStartMs} ms, ${n.isolateMb} MB per isolate, KV stale up to ${n.kvStaleWindowMs} ms, route cache ${Math.round(n.routeCacheHitRate! * 100)} % hits`, figures);
}
