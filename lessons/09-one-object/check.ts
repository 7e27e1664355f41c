// Lesson 9: an object serves all its callers from one place, so that place should be near
// them. The check reads where the object ran (the region of its queue in the trace) and, from
// the run's topology, the median one-way latency from the callers to each region; it passes
// when the object ran in a region no worse than the best, and shows the measured p50 beside it.

import { entries, fail, figure, median, pass, trafficRequests } from "../../server/lessons/evidence.ts";
import { topologyOf } from "../../server/lessons/topology-evidence.ts";
import type { CheckResult, LessonRun } from "../../server/lessons/types.ts";

export function check({ result }: LessonRun): CheckResult {
  const topology = topologyOf(result);
  const requests = trafficRequests(result);
  const enqueues = entries(result.trace, "do_enqueue");
  const owner = enqueues[0]?.region ?? null;
  const callerMs = (region: string) => median(requests.map((r) => (r.from === region ? 0 : topology.latencyMs(r.from, region)))) ?? Infinity;
  const ranked = [...topology.regions].sort((a, b) => callerMs(a) - callerMs(b));
  const best = ranked[0]!;
  const latencies = requests.flatMap((r) => (r.latencyMs === null ? [] : [r.latencyMs]));
  const figures = [
    figure("p50", "request latency p50 (virtual)", median(latencies), "ms", "DO routed ≈ 50 ms; US→US ≈ 15 ms, US→EU ≈ 80 ms, US→APAC ≈ 150 ms"),
    figure("owner-distance", "median caller-to-object one-way latency", owner === null ? null : callerMs(owner), "ms"),
    figure("best-distance", `the same from the best region (${best})`, callerMs(best), "ms"),
    figure("queue-depth-max", "deepest queue at the object", enqueues.length ? Math.max(...enqueues.map((e) => e.depth)) : null, "requests"),
  ];
  const bad = requests.find((r) => r.response?.status !== 200);
  if (bad) return fail(`${bad.req} from ${bad.from} got ${bad.response?.status ?? "no answer"}: ${bad.response?.body.slice(0, 120) ?? ""}`, figures);
  if (owner === null) return fail("no request reached a Durable Object", figures);
  if (callerMs(owner) > callerMs(best)) {
    const from = [...new Set(requests.map((r) => r.from))].map((f) => `${f} ${f === owner ? 0 : topology.latencyMs(f, owner)} ms`).join(", ");
    return fail(`the object ran in ${owner} (its name's hash); its callers are ${from} away, median ${callerMs(owner)} ms, where ${best} would be ${callerMs(best)} ms. Request p50 ${median(latencies)} ms.`, figures);
  }
  return pass(`the object ran in ${owner}, median ${callerMs(owner)} ms from its callers; request p50 ${median(latencies)} ms`, figures);
}
