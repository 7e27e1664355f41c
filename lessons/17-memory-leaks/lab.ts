// Lesson 17's lab: 1,000 requests for 1,000 different users in the learner's isolate; the heap
// is measured after a full collection (a heap snapshot collects first) after the first 100 and
// after all of them, and the snapshot diff names what grew and the path that keeps it.
import { measureHeapGrowth } from "../../sandbox/instruments/labs.ts";
import type { LabFindings } from "../../server/lessons/labs.ts";

export async function lab(code: string): Promise<LabFindings> {
  const growth = await measureHeapGrowth(code, (i) => `https://profiles.example.com/?user=user-${i}`, 1000, 100);
  return {
    measured: { "heap-start-bytes": growth.startBytes, "heap-end-bytes": growth.endBytes, "heap-growth-bytes": growth.growthBytes, requests: growth.requests, "failed-requests": growth.failedRequests, "grew-most-count": growth.grewMost?.countDelta ?? 0 },
    notes: growth.grewMost ? { "grew-most": growth.grewMost.className, "grew-most-path": growth.grewMost.path ?? "" } : {},
  };
}
