// Lesson 17: after 1,000 requests for different users, the heap measured after a collection
// must be flat: it may grow by at most 1 MiB over the 900 requests after warm-up. The starter
// keeps every page (about 4 KB each, so megabytes); a bounded cache stays flat.
import { fail, figure, pass, trafficRequests } from "../../server/lessons/evidence.ts";
import type { CheckResult, LessonRun } from "../../server/lessons/types.ts";

export const heapGrowthBytesMax = 1024 * 1024;

export function check({ result, measured, notes }: LessonRun): CheckResult {
  const growth = measured?.["heap-growth-bytes"] ?? null;
  const mb = (bytes: number | undefined) => (bytes === undefined ? null : bytes / 1024 / 1024);
  const figures = [
    figure("heap-start", "heap after GC, request 100", mb(measured?.["heap-start-bytes"]), "MB", null, true),
    figure("heap-end", "heap after GC, request 1,000", mb(measured?.["heap-end-bytes"]), "MB", null, true),
    figure("heap-growth", "growth over 900 requests", mb(measured?.["heap-growth-bytes"]), "MB", "flat (≤ 1 MB)", true),
  ];
  const broken = trafficRequests(result).find((r) => r.response === null || r.response.status !== 200);
  if (broken !== undefined) return fail(`${broken.req} did not answer 200 (${broken.response?.status ?? "no answer"})`, figures);
  if (growth === null) return fail("no heap was measured: press Check to run the lab", figures);
  const culprit = notes?.["grew-most"] ? ` Most of it is ${measured?.["grew-most-count"] ?? "?"} more ${notes["grew-most"]}, kept by ${notes["grew-most-path"] || "a path the snapshot could not name"}.` : "";
  if (growth > heapGrowthBytesMax) {
    return fail(`the heap grew by ${(growth / 1024 / 1024).toFixed(1)} MB between request 100 and request 1,000, after garbage collection.${culprit}`, figures);
  }
  if ((measured?.["failed-requests"] ?? 0) > 0) return fail(`${measured!["failed-requests"]} of the 1,000 lab requests failed: a leak that ends the isolate is still a leak`, figures);
  return pass(`the heap stayed flat: ${(growth / 1024).toFixed(0)} KB over 900 requests after garbage collection, within ${heapGrowthBytesMax / 1024 / 1024} MB.`, figures);
}
