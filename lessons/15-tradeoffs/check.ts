// Lesson 15: the same feature measured on three stores, then the right store for each use case
// of the design's table. The check needs every store answered and measured (a p50 per store,
// warm requests only, next to the design's figure), and the learner's picks to match the table;
// a wrong pick is named with the design's reason.

import { fail, figure, median, pass, pathOf, trafficRequests } from "../../server/lessons/evidence.ts";
import type { CheckResult, LessonRun } from "../../server/lessons/types.ts";

const stores = [
  { path: "/kv", id: "kv-p50", label: "Workers KV", design: "≈ 5 ms local read, eventual" },
  { path: "/do", id: "do-p50", label: "Durable Object", design: "≈ 50 ms routed, strong" },
  { path: "/origin", id: "origin-p50", label: "origin database", design: "≈ 200 ms, ACID" },
] as const;

/** The design's table: use case → recommended store and why. */
export const useCases = [
  { id: "sessions", store: "Workers KV", why: "read-heavy, and a slightly stale session is acceptable" },
  { id: "rate-limiting", store: "Durable Object", why: "the counts must be exact" },
  { id: "cart", store: "Durable Object", why: "adding and removing items must be atomic" },
  { id: "catalog", store: "Workers KV", why: "read-heavy and cache-friendly" },
  { id: "game-state", store: "Durable Object", why: "players need real-time coordination in one place" },
] as const;

export function check({ result, predictions = {} }: LessonRun): CheckResult {
  const requests = trafficRequests(result);
  // Each region's first request to a store pays for cold starts; the later ones show the store.
  const warm = requests.filter((r, i) => requests.findIndex((o) => o.from === r.from && pathOf(o.url) === pathOf(r.url)) !== i);
  const p50 = (path: string) => median(warm.filter((r) => pathOf(r.url) === path && r.response?.status === 200).map((r) => r.latencyMs!));
  const figures = stores.map((s) => figure(s.id, `${s.label}: request p50, warm`, p50(s.path), "ms", s.design));
  for (const s of stores) {
    const bad = requests.find((r) => pathOf(r.url) === s.path && r.response?.status !== 200);
    if (bad) return fail(`${bad.req} (${s.path} from ${bad.from}) got ${bad.response?.status ?? "no answer"}: ${bad.response?.body.trim().slice(0, 80) ?? ""}; all three stores must be measured`, figures);
  }
  for (const u of useCases) {
    const pick = predictions[u.id];
    if (pick === undefined) return fail(`measured: KV ${p50("/kv")} ms, Durable Object ${p50("/do")} ms, origin ${p50("/origin")} ms. Now pick a store for "${u.id}"`, figures);
    if (pick !== u.store) return fail(`"${u.id}": you picked ${pick}; the design recommends ${u.store}: ${u.why}`, figures);
  }
  return pass(`KV ${p50("/kv")} ms, Durable Object ${p50("/do")} ms, origin ${p50("/origin")} ms (p50, warm), and every use case on its store`, figures);
}
