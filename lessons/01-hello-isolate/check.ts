// Lesson 1: every request is answered 200, each by the PoP nearest its client. The nearest PoP
// is worked out from the run's own topology (recorded in the trace's first entry) and the PoPs
// anycast advertised at that moment.

import { fail, figure, median, pass, trafficRequests } from "../../server/lessons/evidence.ts";
import { advertisedAt, distanceMs, nearestOf, topologyOf } from "../../server/lessons/topology-evidence.ts";
import type { CheckResult, LessonRun } from "../../server/lessons/types.ts";

export function check({ result }: LessonRun): CheckResult {
  const topology = topologyOf(result);
  const requests = trafficRequests(result);
  const figures = [
    figure("requests", "requests answered 200", requests.filter((r) => r.response?.status === 200).length, ""),
    figure("latency-p50", "request latency p50 (virtual)", median(requests.flatMap((r) => (r.latencyMs === null ? [] : [r.latencyMs]))), "ms"),
    figure("cold-starts", "isolates started", result.trace.filter((e) => e.kind === "isolate_start").length, ""),
  ];
  if (requests.length === 0) return fail("the run sent no requests", figures);
  for (const r of requests) {
    const t = result.trace.find((e) => e.kind === "request" && e.req === r.req)!.t;
    const nearest = nearestOf(topology, r.from, advertisedAt(result, topology, t));
    if (r.pop !== nearest.pop) {
      const took = r.pop === null ? "no PoP" : `${r.pop}, ${distanceMs(topology, r.from, r.pop)} ms away`;
      return fail(`${r.req} from ${r.from} reached ${took}, while ${nearest.pop} was ${nearest.ms} ms away and advertised`, figures);
    }
    if (r.response?.status !== 200) {
      return fail(`${r.req} from ${r.from} reached ${r.pop} but got ${r.response?.status ?? "no answer"}: ${r.response?.body.slice(0, 120) ?? ""}`, figures);
    }
  }
  const summary = requests.map((r) => `${r.req} ${r.from} → ${r.pop}`).join(", ");
  return pass(`every request was answered 200 by its nearest PoP: ${summary}`, figures);
}
