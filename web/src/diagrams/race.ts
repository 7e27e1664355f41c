// Race view: a sequence diagram of the client requests (clients, PoPs, KV, objects) built from the
// whole trace. A run is deterministic, so the diagram of the whole run renders once and the
// cursor reveals it message by message (`revealed`); a different order re-renders it.
import type { TraceEntry } from "../../../server/protocol/index.ts";
import { emptyDecoration, type Diagram } from "./diagram.ts";
import { clean, labelCharsMax } from "./escape.ts";
import { shortObject } from "./topology.ts";

/** Messages drawn at most (Mermaid slows down past a few hundred). */
export const raceMessagesMax = 300;

export interface RaceDiagram extends Diagram {
  /** Trace index of each message, in drawing order. */
  messageEntries: number[];
}

/** Sequence-diagram text cannot be quoted: every character but a few is an entity code. */
function messageText(raw: string): string {
  let out = "";
  const chars = Array.from(clean(raw));
  const text = chars.length > labelCharsMax * 2 ? `${chars.slice(0, labelCharsMax * 2 - 1).join("")}…` : chars.join("");
  for (const raw of text) {
    const ch = raw === "<" ? "‹" : raw === ">" ? "›" : raw; // see escape.ts: the sanitizer would drop tags
    out += /[A-Za-z0-9 ._,/()=+-]/.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  }
  return out;
}

export function raceDiagram(trace: readonly TraceEntry[], selected: ReadonlySet<string> | null, cursor: number): RaceDiagram {
  const participants = new Map<string, string>();
  const lines: string[] = [];
  const messageEntries: number[] = [];
  const who = (key: string, label: string) => {
    let id = participants.get(key);
    if (id === undefined) { id = `p${participants.size}`; participants.set(key, id); lines.splice(participants.size, 0, `  participant ${id} as ${messageText(label)}`); }
    return id;
  };
  lines.push("sequenceDiagram");
  const want = (req: string | null) => req !== null && (selected === null || selected.has(req));
  // An RPC call's queue entry names the call ("o3 Counter:A.increment() queued").
  const calls = new Map<string, string>();
  for (const e of trace) if (e.kind === "rpc_call") calls.set(e.call, e.label.slice(e.label.indexOf(" calls ") + 7));
  const push = (i: number, line: string) => { if (messageEntries.length < raceMessagesMax) { lines.push(line); messageEntries.push(i); } };
  trace.forEach((e, i) => {
    switch (e.kind) {
      case "anycast": if (want(e.req) && e.pop !== null) push(i, `  ${who(`c:${e.from}`, `client ${e.from}`)}->>${who(`p:${e.pop}`, e.pop)}: ${messageText(`${e.req} arrives`)}`); break;
      case "kv_read": if (want(e.req)) push(i, `  ${who(`p:${e.pop}`, e.pop)}->>${who("kv", "KV")}: ${messageText(`${e.req} read ${e.key} = ${e.version === null ? "none" : `v${e.version}`}${e.stale ? " (stale)" : ""}`)}`); break;
      case "kv_write": if (want(e.req)) push(i, `  ${who(`p:${e.pop}`, e.pop)}->>${who("kv", "KV")}: ${messageText(`${e.req} write ${e.key} = ${e.version === null ? e.status : `v${e.version}`}`)}`); break;
      case "cache": if (want(e.req)) push(i, `  ${who(`p:${e.pop}`, e.pop)}->>${who(`cache:${e.pop}`, `cache ${e.pop}`)}: ${messageText(`${e.req} ${e.op} ${e.url} ${e.outcome}`)}`); break;
      case "do_enqueue": push(i, `  ${who(`p:${e.region}-pop`, `${e.region}-pop`)}->>${who(`o:${e.object}`, shortObject(e.object))}: ${messageText(`${e.req}${calls.has(e.req) ? ` ${calls.get(e.req)}` : ""} queued (depth ${e.depth})`)}`); break;
      case "do_done": push(i, `  ${who(`o:${e.object}`, shortObject(e.object))}-->>${who(`o:${e.object}`, shortObject(e.object))}: ${messageText(`${e.req} done`)}`); break;
      case "response": if (want(e.req) && e.servedBy !== null) push(i, `  ${who(`p:${asPop(e.servedBy)}`, asPop(e.servedBy))}-->>${clientOf(trace, e.req, who)}: ${messageText(`${e.req} ${e.status}`)}`); break;
      default: break;
    }
  });
  if (messageEntries.length === 0) lines.push(`  participant none as ${messageText("no request yet")}`);
  const d = emptyDecoration();
  const revealed = messageEntries.filter((i) => i < cursor).length;
  return { text: lines.join("\n"), decoration: { ...d, revealed }, messageEntries };
}

function clientOf(trace: readonly TraceEntry[], req: string, who: (key: string, label: string) => string): string {
  const request = trace.find((e) => e.kind === "request" && e.req === req);
  const from = request?.kind === "request" ? request.from : "unknown";
  return who(`c:${from}`, `client ${from}`);
}

/** `servedBy` names a region or a PoP; the diagram draws PoPs. */
function asPop(servedBy: string): string {
  return servedBy.endsWith("-pop") ? servedBy : `${servedBy}-pop`;
}
