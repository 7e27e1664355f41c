// Small pure readers over a run's trace, shared by the lesson checks: they turn trace entries
// into the evidence a hint quotes (request ids, regions, versions, latencies) and the figures a
// step shows.

import type { TraceEntry } from "../sim/core/trace.ts";
import type { RunResponse, RunResult } from "../sim/world/result.ts";
import type { CheckFigure, CheckResult } from "./types.ts";

export type Entry<K extends TraceEntry["kind"]> = Extract<TraceEntry, { kind: K }>;

export function entries<K extends TraceEntry["kind"]>(trace: readonly TraceEntry[], kind: K): Entry<K>[] {
  return trace.filter((e): e is Entry<K> => e.kind === kind);
}

/** One client request of the traffic, with what the trace says happened to it. */
export interface RequestFacts {
  req: string;
  traffic: number;
  from: string;
  method: string;
  url: string;
  pop: string | null;
  response: RunResponse | null;
  latencyMs: number | null;
}

/** The traffic's requests in traffic order (the trace names each by its `req` id). */
export function trafficRequests(result: RunResult): RequestFacts[] {
  const anycast = new Map(entries(result.trace, "anycast").map((e) => [e.req, e.pop]));
  const out: RequestFacts[] = [];
  for (const e of entries(result.trace, "request")) {
    if (e.traffic === null) continue;
    const response = result.responses[e.traffic] ?? null;
    out[e.traffic] = {
      req: e.req, traffic: e.traffic, from: e.from, method: e.method, url: e.url, pop: anycast.get(e.req) ?? null,
      response, latencyMs: response ? response.finishedAtMs - response.startedAtMs : null,
    };
  }
  return out.filter(Boolean);
}

export function pathOf(url: string): string {
  const m = /^https?:\/\/[^/]+(\/[^?#]*)?/.exec(url);
  return m?.[1] ?? "/";
}

/** The median (lower middle for an even count); null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

export function figure(id: string, label: string, value: number | null, unit: string, design: string | null = null, measuredOnMachine = false): CheckFigure {
  return { id, label, value, unit, design, measuredOnMachine };
}

export function pass(hint: string, figures: CheckFigure[]): CheckResult {
  return { pass: true, hint, figures };
}

export function fail(hint: string, figures: CheckFigure[]): CheckResult {
  return { pass: false, hint, figures };
}

/** `r1, r2 and r3` */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** The requests the trace attributes to a request id, including its subrequests' ids (`r1`, `r1.1`...). */
export function belongsTo(req: string | null, root: string): boolean {
  return req !== null && (req === root || req.startsWith(`${root}.`) || req.startsWith(`${root}/`));
}

/** A number from a response body like `n=4` or `count: 4`; null if none. */
export function numberIn(body: string | undefined, name: string): number | null {
  if (body === undefined) return null;
  const m = new RegExp(`"?${name}"?\\s*[=:]\\s*"?(-?\\d+)`).exec(body);
  return m ? Number(m[1]) : null;
}
