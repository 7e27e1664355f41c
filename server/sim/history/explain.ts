// Prose for a checker's answer, in the manner of Elle: name the operations, their clients and
// times, and say why no order explains them. Two patterns get a pointed sentence (a stale read
// of a register, two increments answering the same count); anything else gets the longest
// order that explains the history and the operation that cannot follow it.

import { jepsenClientWord } from "./jepsen.ts";
import { showValue, valueEquals } from "./models.ts";
import type { CheckAnswer, Model, Operation, Value } from "./types.ts";

type TimeUnit = "ms" | "ns" | "event";
const opsListedMax = 12;

export function explain<S>(model: Model<S>, history: Operation[], answer: CheckAnswer, unit: TimeUnit): string | null {
  const at = (t: number) => (t === Infinity ? "never" : unit === "event" ? `event ${t + 1}` : `${t} ${unit}`);
  if (answer.verdict === "unknown") return `The search stopped after ${answer.steps} steps, at its budget, before it could decide: linearizability is unknown.`;
  const byId = new Map(history.map((op) => [op.id, op]));
  if (answer.verdict === "ok") {
    const count = answer.partitions.reduce((n, p) => n + p.linearization.length, 0);
    return `Linearizable: ${count} operations${answer.partitions.length > 1 ? ` in ${answer.partitions.length} independent parts` : ""} have an order that explains every answer.`;
  }
  const part = answer.partitions.find((p) => p.verdict === "illegal")!;
  const stuck = part.stuck === null ? undefined : byId.get(part.stuck);
  const ops = history.filter((op) => (op.key ?? null) === part.key);
  const pointed = stuck ? (duplicateCount(model, ops, at) ?? staleRead(model, stuck, ops, at)) : null;
  return [pointed, longestOrder(model, part.linearization.map((id) => byId.get(id)!), stuck, at)].filter(Boolean).join(" ");
}

function who(op: Operation): string {
  return typeof op.client === "number" ? `${jepsenClientWord} ${op.client}` : op.client;
}

function evidence(op: Operation): string {
  return op.evidence && op.evidence.length > 0 ? ` (${op.evidence.join("; ")})` : "";
}

/** A value only writes before `w` could give, read after `w` was acknowledged. */
function staleRead<S>(model: Model<S>, read: Operation, ops: Operation[], at: (t: number) => string): string | null {
  if ((read.f !== "read" && read.f !== "get") || read.unknown) return null;
  const v = read.output;
  if (ops.some((op) => op.f === "append")) return null;
  const writesOf = (value: Value) => ops.filter((op) => written(op) !== undefined && valueEquals(written(op)!, value));
  const sources = writesOf(v);
  const initial = valueEquals(model.init() as Value, v);
  const overwrites = ops.filter((w) => !w.unknown && w.returnMs < read.callMs && written(w) !== undefined && !valueEquals(written(w)!, v) && sources.every((s) => s.returnMs < w.callMs));
  const w = overwrites.sort((a, b) => b.returnMs - a.returnMs)[0];
  if (!w || (!initial && sources.length === 0)) return null;
  const source = sources.length === 0 ? "which only the initial value could give" : `which only ${sources.map((s) => `${who(s)}'s ${s.f} (acknowledged at ${at(s.returnMs)})`).join(" or ")} could give, before ${who(w)}'s ${w.f} began`;
  const key = read.key === null ? "" : ` ${JSON.stringify(read.key)}`;
  return `${who(w)} wrote${key} ${showValue(written(w)!)}${evidence(w)} and was acknowledged at ${at(w.returnMs)}; ${who(read)} began at ${at(read.callMs)}, after that acknowledgement, yet read ${showValue(v)}${evidence(read)}, ${source}. No order of these operations explains that read.`;
}

function written(op: Operation): Value | undefined {
  if (op.f === "write" || op.f === "put") return op.input;
  if (op.f === "cas" && op.output === true) return (op.input as Value[])[1];
  return undefined;
}

/** Two or more increments that answered the same count. */
function duplicateCount<S>(model: Model<S>, ops: Operation[], at: (t: number) => string): string | null {
  if (model.name !== "counter") return null;
  const seen = new Map<string, Operation[]>();
  for (const op of ops) {
    if (op.f !== "inc" || op.unknown) continue;
    const k = JSON.stringify(op.output);
    seen.set(k, [...(seen.get(k) ?? []), op]);
  }
  const same = [...seen.values()].sort((a, b) => b.length - a.length)[0];
  if (!same || same.length < 2) return null;
  const names = same.map((op) => `${who(op)} (${at(op.callMs)} to ${at(op.returnMs)})${evidence(op)}`);
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)} each incremented the counter and each answered ${showValue(same[0]!.output)}. A counter answers each value once: no order of these increments explains ${same.length === 2 ? "both" : `all ${same.length}`} answers, so ${same.length - 1} of them ${same.length === 2 ? "was" : "were"} lost.`;
}

function longestOrder<S>(model: Model<S>, prefix: Operation[], stuck: Operation | undefined, at: (t: number) => string): string {
  let state = model.init();
  for (const op of prefix) state = model.step(state, op) ?? state;
  const shown = prefix.slice(-opsListedMax).map((op) => `${who(op)} ${model.describeOperation(op)}`);
  const order = prefix.length === 0 ? "No operation can go first" : `The longest order that explains the history (${prefix.length} operations${prefix.length > opsListedMax ? `, the last ${opsListedMax} shown` : ""}) is: ${shown.join(", ")}; it leaves the state ${model.describeState(state)}`;
  if (!stuck) return `${order}.`;
  return `${order}. Then ${who(stuck)}'s ${model.describeOperation(stuck)} (called at ${at(stuck.callMs)}, returned at ${at(stuck.returnMs)}) must take effect, and cannot: no order of these operations explains it.`;
}
