// Lesson 12: when the owner region fails mid-traffic, no deposit may be lost or applied twice.
// Every deposit must be answered 200 and the final balance must equal the deposits' sum. The
// evidence of a double application is a request that wrote the balance at the old owner and
// was then redirected (307), so its retry wrote it again at the new one.

import { entries, fail, figure, listing, numberIn, pass, pathOf, trafficRequests } from "../../server/lessons/evidence.ts";
import type { CheckResult, LessonRun } from "../../server/lessons/types.ts";

export function check({ result }: LessonRun): CheckResult {
  const requests = trafficRequests(result);
  const deposits = requests.filter((r) => pathOf(r.url) === "/deposit");
  const final = requests.find((r) => pathOf(r.url) === "/balance");
  const expected = deposits.reduce((sum, r) => sum + Number(/amount=(\d+)/.exec(r.url)?.[1] ?? 0), 0);
  const balance = numberIn(final?.response?.body, "balance");
  const redirects = entries(result.trace, "do_redirect");
  const migrate = entries(result.trace, "do_migrate")[0];
  const puts = entries(result.trace, "do_storage").filter((s) => s.method === "put" && s.ok);
  const wroteThenMoved = redirects.filter((r) => puts.some((p) => p.req === r.req && p.t <= r.t)).map((r) => r.req);
  const figures = [
    figure("deposits", "deposits sent", deposits.length, ""),
    figure("redirects", "requests answered 307 by the old owner", redirects.length, ""),
    figure("applied-before-move", "redirected requests that had already written", wroteThenMoved.length, ""),
    figure("balance", "final balance", balance, ""),
    figure("expected", "sum of the deposits", expected, ""),
    figure("migrated-at", "object migrated at", migrate?.t ?? null, "ms"),
  ];
  const lost = deposits.find((r) => r.response?.status !== 200);
  if (lost) return fail(`${lost.req} from ${lost.from} got ${lost.response?.status ?? "no answer"}${lost.response?.status === 307 ? ` (moved to ${lost.response.headers["x-object-owner"] ?? lost.response.headers.location ?? "the new owner"}): retry it` : ""}; a deposit the client never sees succeed is lost to it`, figures);
  if (balance === null) return fail(`the final GET /balance (${final?.req ?? "missing"}) did not answer {"balance": N}`, figures);
  if (balance !== expected) {
    const why = wroteThenMoved.length > 0 ? `${listing(wroteThenMoved)} wrote the balance at ${migrate?.from ?? "the old owner"} and then got 307 when it failed${migrate ? ` at ${migrate.t} ms` : ""}; the retry applied it again at ${migrate?.to ?? "the new owner"}. ` : "";
    return fail(`${why}Final balance ${balance}, but the deposits add up to ${expected}: ${balance > expected ? "applied twice" : "lost"}.`, figures);
  }
  return pass(`${deposits.length} deposits, balance ${balance}: ${redirects.length} requests were redirected when ${migrate?.from ?? "the owner"} failed, and each was applied exactly once`, figures);
}
