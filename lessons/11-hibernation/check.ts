// Lesson 11: state is restored correctly after hibernation and after eviction. The n-th visit
// must answer count n. The hint says which lifecycle state the object came back from (the
// trace's do_state entries) when a count went wrong.

import { entries, fail, figure, numberIn, pass, trafficRequests } from "../../server/lessons/evidence.ts";
import type { CheckResult, LessonRun } from "../../server/lessons/types.ts";

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

export function check({ result }: LessonRun): CheckResult {
  const requests = trafficRequests(result);
  const states = entries(result.trace, "do_state");
  const first = (state: string) => states.find((s) => s.state === state)?.t ?? null;
  const figures = [
    figure("hibernated-at", "object hibernated at", first("hibernated"), "ms", "after 10 s idle"),
    figure("evicted-at", "object evicted at", first("evicted"), "ms", "after 30 min idle"),
    figure("restores", "times the constructor ran again", states.filter((s) => s.state === "active" && s.reason === "restore").length, ""),
    figure("final-count", "count after the last visit", numberIn(requests[requests.length - 1]?.response?.body, "count"), ""),
  ];
  for (const [i, r] of requests.entries()) {
    const count = numberIn(r.response?.body, "count");
    if (r.response?.status === 200 && count === i + 1) continue;
    const t = result.trace.find((e) => e.kind === "request" && e.req === r.req)!.t;
    const before = states.filter((s) => s.t <= t).at(-1);
    const from = before ? `the object was ${before.state} (since ${seconds(before.t)}, ${before.reason})` : "the object had not started";
    return fail(`${r.req} at ${seconds(t)} was visit ${i + 1} but answered ${r.response?.status === 200 ? `count ${count}` : r.response?.status ?? "nothing"}; before it ${from}: ${before?.state === "evicted" ? "memory was lost and storage kept, so the constructor must read storage" : "look at what memory held"}`, figures);
  }
  return pass(`all ${requests.length} visits counted in order, across hibernation at ${seconds(first("hibernated") ?? 0)} and eviction at ${seconds(first("evicted") ?? 0)}`, figures);
}
