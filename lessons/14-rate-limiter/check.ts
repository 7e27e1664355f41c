// Lesson 14: the limit is exact under a concurrent burst. With a limit of 5 a minute, exactly
// min(5, requests) of one user's requests in one minute are admitted (200) and the rest get
// 429. The hint names the over-admitted requests and, for a KV limiter, the stale counts they read.

import { entries, fail, figure, listing, pass, trafficRequests } from "../../server/lessons/evidence.ts";
import type { CheckResult, LessonRun } from "../../server/lessons/types.ts";

export const limitPerMinute = 5;

export function check({ result }: LessonRun): CheckResult {
  const requests = trafficRequests(result);
  const admitted = requests.filter((r) => r.response?.status === 200);
  const rejected = requests.filter((r) => r.response?.status === 429);
  const expected = Math.min(limitPerMinute, requests.length);
  const reads = entries(result.trace, "kv_read");
  const figures = [
    figure("requests", "requests in the burst", requests.length, ""),
    figure("admitted", "admitted", admitted.length, "", `limit ${limitPerMinute}`),
    figure("rejected", "rejected with 429", rejected.length, ""),
    figure("stale-reads", "limit checks that read a stale KV count", reads.filter((r) => r.stale || r.version === null).length, ""),
  ];
  const other = requests.find((r) => r.response?.status !== 200 && r.response?.status !== 429);
  if (other) return fail(`${other.req} from ${other.from} got ${other.response?.status ?? "no answer"}: ${other.response?.body.slice(0, 120) ?? ""}`, figures);
  if (admitted.length !== expected) {
    const extra = admitted.slice(expected).map((r) => `${r.req} (${r.from})`);
    const stale = reads.filter((r) => admitted.some((a) => a.req === r.req) && (r.stale || r.version === null)).length;
    const why = stale > 0 ? `: ${stale} of the admitted requests read a count that other regions had already raised` : "";
    return fail(`${admitted.length} of ${requests.length} requests admitted with a limit of ${limitPerMinute}${admitted.length > expected ? `, over by ${listing(extra)}` : ""}${why}`, figures);
  }
  return pass(`exactly ${expected} of ${requests.length} admitted, ${rejected.length} rejected with 429, although they came from ${new Set(requests.map((r) => r.from)).size} regions at once`, figures);
}
