// Lesson 10: rows survive an eviction. After the trace shows the object evicted, every read
// must still find what was written before: the session answers 200 and the count equals the
// logins. The hint names the read that came back empty and when the eviction happened.

import { entries, fail, figure, numberIn, pass, pathOf, trafficRequests } from "../../server/lessons/evidence.ts";
import type { CheckResult, LessonRun } from "../../server/lessons/types.ts";

export function check({ result }: LessonRun): CheckResult {
  const requests = trafficRequests(result);
  const logins = requests.filter((r) => pathOf(r.url) === "/login");
  const evictions = entries(result.trace, "do_state").filter((s) => s.state === "evicted");
  const evictedAt = evictions[0]?.t ?? null;
  const startedAt = (req: string) => result.trace.find((e) => e.kind === "request" && e.req === req)!.t;
  const after = evictedAt === null ? [] : requests.filter((r) => startedAt(r.req) > evictedAt && pathOf(r.url) !== "/login");
  const restores = entries(result.trace, "do_state").filter((s) => s.state === "active" && s.reason === "restore");
  const figures = [
    figure("logins", "sessions opened", logins.length, ""),
    figure("evicted-at", "object evicted at", evictedAt, "ms"),
    figure("restores", "times the object was rebuilt from storage", restores.length, ""),
    figure("count-after", "sessions counted after the eviction", numberIn(after.find((r) => pathOf(r.url) === "/count")?.response?.body, "count"), ""),
  ];
  const failedLogin = logins.find((r) => r.response?.status !== 200);
  if (failedLogin) return fail(`${failedLogin.req} got ${failedLogin.response?.status ?? "no answer"}: ${failedLogin.response?.body.slice(0, 120) ?? ""}`, figures);
  if (evictedAt === null) return fail("the object was never evicted in this run: the scenario's evict_object fault must run", figures);
  if (after.length === 0) return fail("no request read the sessions after the eviction", figures);
  for (const r of after) {
    const count = numberIn(r.response?.body, "count");
    const lost = r.response?.status !== 200 || (pathOf(r.url) === "/count" && count !== logins.length);
    if (lost) return fail(`${r.req} at ${startedAt(r.req)} ms, after the eviction at ${evictedAt} ms, got ${r.response?.status ?? "no answer"} ${r.response?.body.slice(0, 80) ?? ""}: what lived in memory went with it`, figures);
  }
  return pass(`${after.length} reads after the eviction at ${evictedAt} ms found all ${logins.length} sessions: the rows were in the object's SQLite database`, figures);
}
