// Lesson 8: four increments must give a final count of four. The evidence of a lost update is
// two or more increments that read the same KV version and so wrote the same value.

import { entries, fail, figure, listing, median, numberIn, pass, pathOf, trafficRequests } from "../../server/lessons/evidence.ts";
import type { CheckResult, LessonRun } from "../../server/lessons/types.ts";

export function check({ result }: LessonRun): CheckResult {
  const requests = trafficRequests(result);
  const increments = requests.filter((r) => r.method === "POST");
  const final = requests.find((r) => pathOf(r.url) === "/count");
  const finalCount = numberIn(final?.response?.body, "count");
  const answered = increments.filter((r) => r.response?.status === 200);
  const reads = entries(result.trace, "kv_read").filter((e) => increments.some((r) => r.req === e.req));
  const enqueues = entries(result.trace, "do_enqueue");
  const figures = [
    figure("increments", "increments sent", increments.length, ""),
    figure("final-count", "final count", finalCount, ""),
    figure("lost-increments", "increments lost", finalCount === null ? null : Math.max(0, increments.length - finalCount), ""),
    figure("stale-reads", "increments that read a stale KV value", reads.filter((e) => e.stale || e.version === null).length, ""),
    figure("queue-depth-max", "deepest queue at the object", enqueues.length === 0 ? null : Math.max(...enqueues.map((e) => e.depth)), "requests"),
    figure("increment-p50", "increment latency p50", median(answered.map((r) => r.latencyMs!)), "ms", "DO routed ≈ 50 ms, KV local read ≈ 5 ms"),
  ];
  const failed = increments.filter((r) => r.response?.status !== 200);
  if (failed.length > 0) {
    const r = failed[0]!;
    return fail(`${r.req} from ${r.from} got ${r.response?.status ?? "no answer"}: ${r.response?.body.slice(0, 120) ?? ""}`, figures);
  }
  if (finalCount === null) return fail(`the final GET /count (${final?.req ?? "missing"}) did not answer {"count": N}`, figures);
  if (finalCount === increments.length) {
    const where = enqueues.length > 0 ? `the object queued them (depth up to ${Math.max(...enqueues.map((e) => e.depth))}) and ran them one at a time` : "each increment saw the one before it";
    return pass(`${increments.length} increments, final count ${finalCount}: ${where}.`, figures);
  }
  return fail(`${lostUpdateEvidence(reads)}final count ${finalCount} after ${increments.length} increments: ${increments.length - finalCount} lost.`, figures);
}

/** "r1, r2 and r3 all read version none: " — the reads that saw the same version. */
function lostUpdateEvidence(reads: { req: string | null; version: number | null }[]): string {
  const byVersion = new Map<string, string[]>();
  for (const read of reads) {
    const key = read.version === null ? "none (no value yet)" : String(read.version);
    byVersion.set(key, [...(byVersion.get(key) ?? []), read.req ?? "?"]);
  }
  const worst = [...byVersion.entries()].sort((a, b) => b[1].length - a[1].length)[0];
  if (!worst || worst[1].length < 2) return "";
  return `${listing(worst[1])} ${worst[1].length > 2 ? "all " : "both "}read version ${worst[0]}, so they wrote the same value; `;
}
