// The trace: the source of truth of a run (DESIGN.md rule 3). Every entry carries the virtual
// time `t`; measured numbers (real ms of a cold start, CPU of a delivery) live only in a
// `measured` field, which the hash leaves out, so a run hashes the same on any machine.

import { Sha256 } from "./hash.ts";

export type KvReadSource = "cache" | "central" | "negative_cache";
export type CacheOp = "match" | "put" | "delete";
export type CacheOutcome = "hit" | "miss" | "expired" | "stored" | "not_stored" | "deleted" | "not_found";
export type ObjectState = "active" | "hibernated" | "evicted";

export type TraceEntry =
  | { kind: "start"; t: 0; seed: number; options: Record<string, unknown> }
  | { kind: "request"; t: number; req: string; traffic: number | null; from: string; method: string; url: string }
  | { kind: "retry"; t: number; req: string; from: string; attempt: number; reason: string }
  | { kind: "anycast"; t: number; req: string; from: string; pop: string | null }
  | { kind: "route"; t: number; req: string; pop: string; host: string; path: string; cache: "hit" | "miss"; worker: string | null }
  | { kind: "isolate_start"; t: number; isolate: string; pop: string; worker: string; version: string; modelMs: number; measured?: Record<string, unknown> }
  | { kind: "isolate_load_failed"; t: number; isolate: string; pop: string; code: string; message: string; line: number | null }
  | { kind: "isolate_end"; t: number; isolate: string; pop: string; reason: string; requests: string[] }
  | { kind: "isolate_evict"; t: number; isolate: string; pop: string }
  | { kind: "deliver"; t: number; isolate: string; event: string; req: string | null; ops: number; measured?: Record<string, unknown> }
  | { kind: "kv_read"; t: number; req: string | null; pop: string; key: string; version: number | null; stale: boolean; source: string }
  | { kind: "kv_write"; t: number; req: string | null; pop: string; key: string; version: number | null; status: string }
  | { kind: "kv_replicate"; t: number; region: string; key: string; version: number }
  | { kind: "do_enqueue"; t: number; object: string; req: string; region: string; depth: number }
  | { kind: "do_dequeue"; t: number; object: string; req: string; depth: number }
  | { kind: "do_done"; t: number; object: string; req: string; depth: number }
  | { kind: "do_storage"; t: number; object: string; req: string | null; method: string; ok: boolean }
  | { kind: "do_state"; t: number; object: string; region: string; state: ObjectState; reason: string }
  | { kind: "do_migrate"; t: number; object: string; from: string; to: string }
  | { kind: "do_redirect"; t: number; object: string; req: string; location: string; owner: string }
  | { kind: "fault"; t: number; fault: string; target: string[]; active: boolean }
  | { kind: "health"; t: number; pop: string; advertised: boolean }
  | { kind: "deploy"; t: number; worker: string; version: string; pop: string }
  | { kind: "subrequest"; t: number; req: string; url: string; target: string }
  /**
   * An RPC call leaves `req` (the request whose code made it): `call` is the new request's id
   * (`o4` for an object, `s2` for a service), `target` says where it goes (`object:<id>`,
   * `service:<worker>`), `label` reads "r3 calls Counter:A.increment()".
   */
  | { kind: "rpc_call"; t: number; req: string | null; call: string; target: string; label: string }
  | { kind: "timer"; t: number; isolate: string; timerId: number; action: "set" | "fire" | "clear" }
  /** `source`: where an uncaught exception was thrown in the learner's code (the editor marks it). */
  | { kind: "log"; t: number; isolate: string; req: string | null; level: string; message: string; source?: { file: string; line: number; column: number } }
  | { kind: "limit"; t: number; isolate: string; req: string | null; limit: string; message: string }
  | { kind: "response"; t: number; req: string; status: number; servedBy: string | null; version: string | null }
  /**
   * A Cache API call at a PoP: `cache` is null for `caches.default`, else the name given to
   * `caches.open`; `outcome` is hit, miss or expired for a match, stored or not_stored for a
   * put (`reason` says why not, `ttlMs` for how long), deleted or not_found for a delete.
   */
  | { kind: "cache"; t: number; req: string | null; pop: string; cache: string | null; op: CacheOp; url: string; outcome: CacheOutcome; reason?: string; ttlMs?: number }
  /**
   * A fetch handler that called `ctx.passThroughOnException()` threw: the request goes on to the
   * origin of its host (`origin`, with the status it answered), or, with no origin in the
   * scenario, gets the usual 500 (`origin` null, `reason` says so).
   */
  | { kind: "pass_through"; t: number; req: string; isolate: string; origin: string | null; status: number; reason?: string }
  /** A bound of the run itself was reached (trace length, events, time): the run ends here, cleanly. */
  | { kind: "run_end"; t: number; limit: string; message: string }
  /** A request that can never finish (nothing pending for it), answered 500 as workerd does. */
  | { kind: "request_hung"; t: number; isolate: string; req: string; reason: string };

export type TraceKind = TraceEntry["kind"];

/** JSON with object keys sorted at every level, so equal traces give equal bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((key) => record[key] !== undefined).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(",")}}`;
}

/** The trace without its measured fields: what the hash and replays compare. */
export function hashedView(entry: TraceEntry): Record<string, unknown> {
  if (!("measured" in entry)) return entry;
  const { measured: _measured, ...rest } = entry;
  return rest;
}

/** Characters of canonical JSON hashed at once: the whole trace is never one string. */
const hashChunkChars = 1 << 16;

/** SHA-256 of the trace's canonical JSON array (`[e1,e2,...]`), hashed in chunks. */
export function traceHash(trace: readonly TraceEntry[]): string {
  const sha = new Sha256();
  let chunk = "[";
  for (let i = 0; i < trace.length; i++) {
    if (i > 0) chunk += ",";
    chunk += canonicalJson(hashedView(trace[i]!));
    if (chunk.length >= hashChunkChars) {
      sha.updateString(chunk);
      chunk = "";
    }
  }
  return sha.updateString(`${chunk}]`).digestHex();
}

/**
 * Characters of free text an entry carries: the fields whose size the worker's code decides
 * (what `traceTextCharsMax` bounds). Ids, names and numbers are small and bounded elsewhere.
 */
export function textCharsOf(entry: TraceEntry): number {
  switch (entry.kind) {
    case "log": return entry.message.length;
    case "limit": return entry.message.length;
    case "request": return entry.url.length;
    case "subrequest": return entry.url.length;
    case "route": return entry.host.length + entry.path.length;
    case "kv_read": return entry.key.length + entry.source.length;
    case "kv_write": return entry.key.length;
    case "kv_replicate": return entry.key.length;
    case "rpc_call": return entry.label.length;
    case "do_redirect": return entry.location.length;
    case "isolate_load_failed": return entry.message.length;
    default: return 0;
  }
}
