// Readable one-line labels for trace entries, and the timeline's filter (by request, object,
// key and kind). Pure, so the 100,000-entry list filters in a Node test.
import type { TraceEntry } from "../../../server/protocol/index.ts";
import type { TimelineFilter } from "../store/types.ts";

const v = (version: number | null) => (version === null ? "none" : `v${version}`);
const short = (id: string) => (/^[0-9a-f]{64}$/.test(id) ? id.slice(0, 8) : id);

export function entryLabel(e: TraceEntry): string {
  switch (e.kind) {
    case "start": return `start seed ${e.seed}`;
    case "request": return `${e.req} ${e.method} ${e.url} from ${e.from}`;
    case "anycast": return `${e.req} anycast to ${e.pop ?? "no PoP"}`;
    case "retry": return `${e.req} retried by the client (attempt ${e.attempt}): ${e.reason}`;
    case "route": return `${e.req} route ${e.host}${e.path} at ${e.pop}: cache ${e.cache}`;
    case "isolate_start": return `cold start ${e.isolate}`;
    case "isolate_load_failed": return `load failed ${e.isolate}: ${e.message}`;
    case "isolate_end": return `isolate ended ${e.isolate}: ${e.reason}`;
    case "isolate_evict": return `isolate evicted ${e.isolate}`;
    case "deliver": return `${e.event} delivered to ${e.isolate}${e.req ? ` (${e.req})` : ""}`;
    case "kv_read": return `${e.req ?? "-"} KV read ${e.key} at ${e.pop} → ${v(e.version)}${e.stale ? " (stale)" : ""} from ${e.source}`;
    case "kv_write": return `${e.req ?? "-"} KV write ${e.key} at ${e.pop} → ${v(e.version)} ${e.status}`;
    case "kv_replicate": return `KV ${e.key} ${v(e.version)} reached ${e.region}`;
    case "do_enqueue": return `${e.req} queued at ${short(e.object)} (depth ${e.depth})`;
    case "do_dequeue": return `${e.req} runs in ${short(e.object)}`;
    case "do_done": return `${e.req} done in ${short(e.object)}`;
    case "do_storage": return `${short(e.object)} storage ${e.method}${e.ok ? "" : " failed"}`;
    case "do_state": return `${short(e.object)} ${e.state} in ${e.region} (${e.reason})`;
    case "do_migrate": return `${short(e.object)} migrates ${e.from} → ${e.to}`;
    case "do_redirect": return `${e.req} redirected to ${e.owner}`;
    case "fault": return `fault ${e.fault} ${e.target.join(", ")} ${e.active ? "on" : "healed"}`;
    case "health": return `${e.pop} ${e.advertised ? "advertised" : "withdrawn"}`;
    case "deploy": return `deploy ${e.worker} ${e.version} at ${e.pop}`;
    case "subrequest": return `${e.req} subrequest ${e.url}`;
    case "rpc_call": return e.label;
    case "timer": return `timer ${e.timerId} ${e.action} in ${e.isolate}`;
    case "log": return `log ${e.level}: ${e.message}`;
    case "limit": return `limit ${e.limit}: ${e.message}`;
    case "response": return `${e.req} → ${e.status} served by ${e.servedBy ?? "nobody"}`;
    case "pass_through": return `${e.req} passes through to ${e.origin ?? "no origin"} → ${e.status}${e.reason ? ` (${e.reason})` : ""}`;
    case "cache": return `${e.req ?? "-"} cache ${e.op} ${e.url} at ${e.pop}${e.cache === null ? "" : ` (${e.cache})`} → ${e.outcome}${e.reason ? `: ${e.reason}` : ""}`;
    default: return labelOfOther(e);
  }
}

/** Kinds added after this list was written still read as their kind and fields. */
function labelOfOther(e: TraceEntry): string {
  const { kind, t: _t, measured: _m, ...rest } = e as TraceEntry & { measured?: unknown };
  return `${kind} ${Object.values(rest).filter((v) => typeof v === "string" || typeof v === "number").join(" ")}`;
}

/** The request, object and key an entry concerns (what the filter's text matches). */
function subjects(e: TraceEntry): string[] {
  const out: string[] = [];
  if ("req" in e && e.req) out.push(e.req);
  if ("object" in e) out.push(e.object);
  if ("key" in e) out.push(e.key);
  if ("isolate" in e) out.push(e.isolate);
  return out;
}

export function matchesFilter(e: TraceEntry, filter: TimelineFilter): boolean {
  if (filter.kinds.length > 0 && !filter.kinds.includes(e.kind)) return false;
  const text = filter.text.trim().toLowerCase();
  if (text === "") return true;
  return subjects(e).some((s) => s.toLowerCase() === text) || entryLabel(e).toLowerCase().includes(text);
}

/** Indices of the entries that pass the filter (all of them when it is empty). */
export function filterIndices(trace: readonly TraceEntry[], filter: TimelineFilter): number[] | null {
  if (filter.kinds.length === 0 && filter.text.trim() === "") return null;
  const out: number[] = [];
  for (let i = 0; i < trace.length; i++) if (matchesFilter(trace[i]!, filter)) out.push(i);
  return out;
}
