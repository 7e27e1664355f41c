// Histories from a run of the world. Two views of one run:
// - `kvHistory`: every KV read and write of a client request, as register operations on its
//   key whose values are KV versions (each write makes a new one). The call is the trace entry's
//   time; the return is the request's next traced action (its code resumed after the await),
//   which is at or after the reply: a return a little late widens the window, never narrows it.
// - `requestHistory`: each client request as one counter operation (POST/PUT: `inc`, GET:
//   `read`) answering the count its body shows; a request that got no 2xx answer has an unknown
//   outcome. Its KV reads are kept as evidence for the explanation.

import type { TraceEntry } from "../core/trace.ts";
import type { RunResult } from "../world/result.ts";
import type { Operation } from "./types.ts";

type Entry = TraceEntry;
const resumes = new Set(["kv_read", "kv_write", "log", "response", "subrequest", "limit"]);

function nextActionMs(trace: readonly Entry[], from: number, req: string): number {
  for (let i = from + 1; i < trace.length; i++) {
    const e = trace[i]!;
    if (resumes.has(e.kind) && "req" in e && e.req === req) return e.t;
  }
  return Infinity;
}

function version(v: number | null): string {
  return v === null ? "no value" : `version ${v}`;
}

export function kvHistory(trace: readonly Entry[]): Operation[] {
  const ops: Operation[] = [];
  trace.forEach((e, i) => {
    if (e.kind === "kv_read" && e.req !== null) {
      const evidence = [`${e.req} read ${e.key} at ${e.t} ms in ${e.pop} and saw ${version(e.version)}${e.stale ? " (stale)" : ""}`];
      ops.push({ id: ops.length, client: e.req, f: "read", key: e.key, input: null, output: e.version, unknown: false, callMs: e.t, returnMs: nextActionMs(trace, i, e.req), evidence });
    } else if (e.kind === "kv_write" && e.req !== null && (e.status === "put" || e.status === "delete")) {
      const returnMs = nextActionMs(trace, i, e.req);
      const evidence = [`${e.req} wrote ${e.key} (${version(e.version)}) at ${e.t} ms from ${e.pop}`];
      ops.push({ id: ops.length, client: e.req, f: e.status === "put" ? "write" : "delete", key: e.key, input: e.version, output: null, unknown: returnMs === Infinity, callMs: e.t, returnMs, evidence });
    }
  });
  return ops;
}

/** The count a body shows: `{"count": N}` (any numeric field of a JSON object), else its first integer. */
export function countOf(body: string): number | null {
  try {
    const json = JSON.parse(body) as unknown;
    if (typeof json === "number") return json;
    if (json && typeof json === "object") {
      const values = Object.values(json as Record<string, unknown>).filter((v) => typeof v === "number");
      if (typeof (json as { count?: unknown }).count === "number") return (json as { count: number }).count;
      if (values.length > 0) return values[0] as number;
    }
  } catch {
    // not JSON: fall through to the first integer in the text
  }
  const m = /-?\d+/.exec(body);
  return m ? Number(m[0]) : null;
}

export function requestHistory(result: RunResult): Operation[] {
  const ops: Operation[] = [];
  const trace = result.trace;
  for (const e of trace) {
    if (e.kind !== "request" || e.traffic === null) continue;
    const response = result.responses[e.traffic] ?? null;
    const f = e.method === "GET" || e.method === "HEAD" ? "read" : "inc";
    const count = response && response.status >= 200 && response.status < 300 ? countOf(response.body) : null;
    const unknown = count === null;
    const returnMs = unknown && f === "inc" ? Infinity : response?.finishedAtMs ?? Infinity;
    ops.push({ id: ops.length, client: e.req, f, key: null, input: f === "inc" ? 1 : null, output: count, unknown, callMs: e.t, returnMs, evidence: evidenceOf(trace, e.req) });
  }
  return ops;
}

function evidenceOf(trace: readonly Entry[], req: string): string[] {
  const out: string[] = [];
  for (const e of trace) {
    if (e.kind === "kv_read" && e.req === req) out.push(`read ${e.key} at ${e.t} ms and saw ${version(e.version)}${e.stale ? " (stale)" : ""}`);
  }
  return out;
}
