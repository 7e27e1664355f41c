// Lesson 7: KV is eventually consistent, but boundedly so. A read may be stale while the write
// replicates and while the PoP's cache (negative entries included) is fresh; with KV's default
// 60 s cache a region catches up at most 60 s after replication reached it. The check fails on
// a read that is still stale later than that, naming it, and needs the learner's prediction of
// which reads see the new value (any answer: a wrong prediction is recorded, not punished).

import { entries, fail, figure, median, pass, trafficRequests, type Entry } from "../../server/lessons/evidence.ts";
import type { CheckFigure, CheckResult, LessonRun } from "../../server/lessons/types.ts";

/** KV's default (and minimum) PoP cache time. */
const cacheTtlMsDefault = 60_000;
const regionOf = (pop: string) => pop.replace(/-pop$/, "");
const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

export const predictionId = "which-fresh";

export function check({ result, predictions = {} }: LessonRun): CheckResult {
  const writes = entries(result.trace, "kv_write").filter((w) => w.version !== null);
  const reads = entries(result.trace, "kv_read");
  const replicated = entries(result.trace, "kv_replicate");
  const figures = figuresOf(result, writes, reads, replicated);
  if (writes.length === 0) return fail("no write succeeded: the POST /motd of the scenario must store the message", figures);
  for (const read of reads.filter((r) => r.stale)) {
    const arrived = arrivalMs(read, writes, replicated);
    if (arrived !== null && read.t - arrived > cacheTtlMsDefault) {
      const from = read.source === "negative_hit" ? "a negative cache entry (\"no value\")" : read.source === "hit" ? "the PoP's cache" : "the replica";
      return fail(`${read.req} at ${regionOf(read.pop)} read version ${read.version ?? "none"} from ${from} at ${seconds(read.t)}, ${seconds(read.t - arrived)} after the new version reached ${regionOf(read.pop)}: a cache kept longer than KV's default 60 s hides writes that long`, figures);
    }
  }
  const answer = predictions[predictionId];
  if (answer === undefined || answer.trim() === "") return fail(`every read caught up in time; now answer the prediction ("${predictionId}") before you press Check`, figures);
  const stale = reads.filter((r) => r.stale);
  return pass(`${stale.length} of ${reads.length} reads were stale (${stale.map((r) => `${r.req} ${regionOf(r.pop)}`).join(", ")}), each within 60 s of the new version reaching its region`, figures);
}

/** When the version this read missed reached the read's region: the replication, or the write itself in the writer's region. */
function arrivalMs(read: Entry<"kv_read">, writes: Entry<"kv_write">[], replicated: Entry<"kv_replicate">[]): number | null {
  const region = regionOf(read.pop);
  const newer = (v: number | null) => v !== null && v > (read.version ?? 0);
  const times = [
    ...writes.filter((w) => w.key === read.key && newer(w.version) && regionOf(w.pop) === region).map((w) => w.t),
    ...replicated.filter((r) => r.key === read.key && newer(r.version) && r.region === region).map((r) => r.t),
  ].filter((t) => t <= read.t);
  return times.length === 0 ? null : Math.min(...times);
}

function figuresOf(result: LessonRun["result"], writes: Entry<"kv_write">[], reads: Entry<"kv_read">[], replicated: Entry<"kv_replicate">[]): CheckFigure[] {
  const first = writes[0];
  const lagFigures = first === undefined ? [] : replicated.filter((r) => r.version === first.version).map((r) =>
    figure(`lag-${r.region}`, `replication lag to ${r.region}`, r.t - first.t, "ms", "adjacent ≈ 10–20 s, global ≈ 60 s"));
  const stale = reads.filter((r) => r.stale);
  const writerReads = first === undefined ? [] : reads.filter((r) => r.pop === first.pop && r.t > first.t);
  const getLatencies = trafficRequests(result).filter((r) => r.method === "GET" && r.latencyMs !== null).map((r) => r.latencyMs!);
  return [
    ...lagFigures,
    figure("stale-reads", "stale reads", stale.length, ""),
    figure("negative-hits", "reads answered by a negative cache entry", reads.filter((r) => r.source === "negative_hit").length, ""),
    figure("stale-window", "longest a read stayed stale after the write", first === undefined || stale.length === 0 ? null : Math.max(...stale.map((r) => r.t - first.t)), "ms", "up to ≈ 60 s + cache TTL"),
    figure("read-your-writes", "reads at the writing PoP that saw the write", writerReads.filter((r) => !r.stale).length, ""),
    figure("read-p50", "GET latency p50 (client to PoP and back included)", median(getLatencies), "ms", "KV local read ≈ 5 ms"),
  ];
}
