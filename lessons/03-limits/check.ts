// Lesson 3: the worker stays within its limits. A CPU or memory limit ends the isolate: every
// request in it gets 503 and the next request starts a fresh isolate (its memory gone). The
// check fails on any isolate a limit ended, naming the request and what the next one found.

import { entries, fail, figure, pass, trafficRequests } from "../../server/lessons/evidence.ts";
import type { CheckResult, LessonRun } from "../../server/lessons/types.ts";

const limitReasons = new Set(["cpu_limit", "memory_limit", "wall_limit"]);

export function check({ result }: LessonRun): CheckResult {
  const requests = trafficRequests(result);
  const ends = entries(result.trace, "isolate_end").filter((e) => limitReasons.has(e.reason));
  const cpu = entries(result.trace, "deliver").map((d) => (typeof d.measured?.cpuMs === "number" ? d.measured.cpuMs : 0));
  const figures = [
    figure("isolates-killed", "isolates ended by a limit", ends.length, ""),
    figure("isolates-started", "isolates started", entries(result.trace, "isolate_start").length, ""),
    figure("status-503", "requests answered 503", requests.filter((r) => r.response?.status === 503).length, ""),
    figure("cpu-max", "most CPU one delivery used, measured", cpu.length ? Math.round(Math.max(...cpu) * 10) / 10 : null, "ms", "limit 50 ms of CPU per request", true),
  ];
  const end = ends[0];
  if (end) {
    const victim = end.requests[0] ?? "a request";
    const at = requests.findIndex((r) => r.req === victim);
    const next = requests.find((r, i) => i > at && r.response?.status === 200);
    const after = next ? `; ${next.req} then started a fresh isolate and answered "${next.response!.body.trim()}"` : "";
    return fail(`${victim} ended ${end.isolate} by ${end.reason} and got 503${after}`, figures);
  }
  const bad = requests.find((r) => r.response?.status !== 200);
  if (bad) return fail(`${bad.req} got ${bad.response?.status ?? "no answer"}: ${bad.response?.body.slice(0, 120) ?? ""}`, figures);
  return pass(`all ${requests.length} requests answered 200 by one isolate per PoP; no limit was hit`, figures);
}
