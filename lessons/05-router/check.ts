// Lesson 5: requests reach the intended worker and the intended answer, and the hot route cache
// serves repeated traffic (hit rate of 90 % or more over the run's route lookups). The intended
// worker of each URL is this lesson's table; the trace's route entries say where each went.

import { entries, fail, figure, pass, trafficRequests } from "../../server/lessons/evidence.ts";
import type { CheckResult, LessonRun } from "../../server/lessons/types.ts";

export const hitRateMin = 0.9;

/** URL prefix → the worker that should serve it (null: no route, 404 from the router). */
const intended: [RegExp, string | null][] = [
  [/^https:\/\/example\.com\/api\//, "api"],
  [/^https:\/\/example\.com\//, "site"],
  [/^https:\/\/api\.workers\.dev\//, "api"],
  [/.*/, null],
];

export function check({ result }: LessonRun): CheckResult {
  const requests = trafficRequests(result);
  const routes = entries(result.trace, "route");
  const hits = routes.filter((r) => r.cache === "hit").length;
  const rate = routes.length === 0 ? null : hits / routes.length;
  const figures = [
    figure("lookups", "route lookups", routes.length, ""),
    figure("hit-rate", "route cache hit rate", rate === null ? null : Math.round(rate * 1000) / 10, "%", "95 %+ for typical workloads"),
    figure("no-route", "requests with no route (404 from the router)", routes.filter((r) => r.worker === null).length, ""),
  ];
  for (const r of requests) {
    const want = intended.find(([re]) => re.test(r.url))![1];
    const got = routes.find((e) => e.req === r.req);
    if (!got) return fail(`${r.req} (${r.url}) has no route lookup in the trace`, figures);
    if (got.worker !== want) return fail(`${r.req} ${r.url} went to ${got.worker ?? "no worker"}, but should reach ${want ?? "no worker (404)"}`, figures);
    const status = r.response?.status;
    if (want !== null && status !== 200) return fail(`${r.req} ${r.url} reached ${want} (route cache ${got.cache}) but ${want} answered ${status}: ${r.response?.body.trim().slice(0, 100) ?? ""}`, figures);
    if (want === null && status !== 404) return fail(`${r.req} ${r.url} has no route but got ${status}`, figures);
  }
  if (rate === null || rate < hitRateMin) return fail(`route cache hit rate ${rate === null ? "unknown" : `${Math.round(rate * 100)} %`}, under ${hitRateMin * 100} %`, figures);
  return pass(`all ${requests.length} requests reached their worker; route cache hit rate ${Math.round(rate * 1000) / 10} % over ${routes.length} lookups`, figures);
}
