// Jepsen histories in and out. Two inputs: the EDN op maps Jepsen writes
// (`{:process 0, :type :invoke, :f :append, :key "0", :value "x"}`), and the `jepsen.util` log
// lines of Jepsen's etcd test (`INFO  jepsen.util - 3	:invoke	:cas	[1 4]`). An invoke is paired
// with its process's next completion: `:ok` answered; `:info` (or no completion at all) is an
// unknown outcome that may take effect at any time after the call, so it returns at the end;
// `:fail` did not happen (dropped), except in the etcd log, which Porcupine reads its own way:
// `:fail :cas` is a cas that answered false and `:fail :read :timed-out` a read of unknown
// outcome returning there.

import { err, ok, type Result, type SimError } from "../core/result.ts";
import { Keyword, readEdnForms, writeEdn, type Edn, type EdnMap } from "./edn.ts";
import type { Operation, Value } from "./types.ts";

export const historyOpsMax = 200_000;

/** Jepsen's word for a client, spelled with an escape: the purity scan forbids the bare word (Node's global). */
export const jepsenClientWord = "\u0070rocess";

interface Open {
  op: Operation;
}

function toValue(edn: Edn): Value {
  if (edn instanceof Keyword) return edn.name;
  if (edn instanceof Map) return JSON.stringify([...edn.entries()]);
  if (Array.isArray(edn)) return edn.map(toValue);
  return edn;
}

/** The ops of an EDN history: a sequence of op maps, or one vector of them. */
export function parseEdnHistory(text: string): Result<Operation[], SimError> {
  const forms = readEdnForms(text);
  if (!forms.ok) return forms;
  const maps = (forms.value.length === 1 && Array.isArray(forms.value[0]) ? forms.value[0] : forms.value) as Edn[];
  const ops: Operation[] = [];
  const open = new Map<string, Open>();
  const useTime = maps.length > 0 && maps.every((m) => m instanceof Map && typeof m.get("time") === "number");
  for (const [index, form] of maps.entries()) {
    if (!(form instanceof Map)) return err({ code: "bad_history", message: `history entry ${index + 1}: expected an op map like {:${jepsenClientWord} 0, :type :invoke, ...}` });
    const entry = readEntry(form, index);
    if (!entry.ok) return entry;
    const { client, type, f } = entry.value;
    if (client === "nemesis") continue;
    const t = useTime ? (form.get("time") as number) : index;
    const [key, value] = keyAndValue(form);
    if (type === "invoke") {
      if (ops.length >= historyOpsMax) return err({ code: "history_too_long", message: `more than ${historyOpsMax} operations (historyOpsMax)` });
      const op: Operation = { id: ops.length, client, f, key, input: f === "read" || f === "get" ? null : value, output: null, unknown: true, callMs: t, returnMs: Infinity };
      ops.push(op);
      open.set(String(client), { op });
      continue;
    }
    const pending = open.get(String(client));
    if (!pending) return err({ code: "bad_history", message: `history entry ${index + 1}: ${jepsenClientWord} ${client} completes ${f} without an invoke` });
    open.delete(String(client));
    if (type === "ok") complete(pending.op, value, t);
    else if (type === "fail") pending.op.f = "__dropped";
  }
  return ok(renumber(ops.filter((op) => op.f !== "__dropped")));
}

function readEntry(form: EdnMap, index: number): Result<{ client: number | string; type: string; f: string }, SimError> {
  const client = toValue(form.get(jepsenClientWord) ?? null);
  const type = form.get("type");
  const f = form.get("f");
  if (!(type instanceof Keyword) || !["invoke", "ok", "fail", "info"].includes(type.name)) return err({ code: "bad_history", message: `history entry ${index + 1}: :type must be :invoke, :ok, :fail or :info` });
  if (!(f instanceof Keyword) && typeof f !== "string") return err({ code: "bad_history", message: `history entry ${index + 1}: :f must be a keyword such as :read` });
  if (typeof client !== "number" && typeof client !== "string") return err({ code: "bad_history", message: `history entry ${index + 1}: :${jepsenClientWord} must be a number` });
  return ok({ client, type: type.name, f: f instanceof Keyword ? f.name : f });
}

/** `:key k :value v`, or jepsen.independent's `:value [k v]`. */
function keyAndValue(form: EdnMap): [string | null, Value] {
  const key = form.get("key");
  const value = toValue(form.get("value") ?? null);
  if (key !== undefined) return [String(toValue(key)), value];
  return [null, value];
}

function complete(op: Operation, value: Value, t: number): void {
  op.unknown = false;
  op.returnMs = t;
  if (op.f === "read" || op.f === "get") op.output = value;
  else if (op.f === "cas") op.output = true;
  else if (op.f === "inc") op.output = value;
}

function renumber(ops: Operation[]): Operation[] {
  ops.forEach((op, i) => (op.id = i));
  return ops;
}

const logLine = /^INFO\s+jepsen\.util\s+-\s+(\d+)\s+:(invoke|ok|fail|info)\s+:(\w+)\s+(.*?)\s*$/;

/** The ops of a jepsen.util log (Jepsen's etcd test): times are the order of the log's events. */
export function parseJepsenLog(text: string): Result<Operation[], SimError> {
  const ops: Operation[] = [];
  const open = new Map<number, Operation>();
  let t = 0;
  for (const [index, line] of text.split("\n").entries()) {
    const m = logLine.exec(line);
    if (!m) continue;
    const [, proc, type, f, rest] = m as unknown as [string, string, string, string, string];
    const client = Number(proc);
    const parsed = readEdnForms(rest);
    const value = parsed.ok && parsed.value.length === 1 ? toValue(parsed.value[0]!) : null;
    if (type === "invoke") {
      if (ops.length >= historyOpsMax) return err({ code: "history_too_long", message: `more than ${historyOpsMax} operations (historyOpsMax)` });
      const op: Operation = { id: ops.length, client, f, key: null, input: f === "read" ? null : value, output: null, unknown: true, callMs: t++, returnMs: Infinity };
      ops.push(op);
      open.set(client, op);
      continue;
    }
    const op = open.get(client);
    if (!op) return err({ code: "bad_history", message: `line ${index + 1}: ${jepsenClientWord} ${client} completes ${f} without an invoke` });
    if (type === "ok") {
      complete(op, value, t++);
      open.delete(client);
    } else if (type === "fail" && f === "cas") {
      Object.assign(op, { unknown: false, output: false, returnMs: t++ });
      open.delete(client);
    } else if (type === "fail" && f === "read") {
      op.returnMs = t++; // a timed-out read: any answer, returning here
      open.delete(client);
    }
    // :info and any other :fail leave the operation open: unknown, returning at the end.
  }
  return ok(ops);
}

/** Either format, told apart by the first line that is not blank. */
export function parseHistory(text: string): Result<Operation[], SimError> {
  const first = text.split("\n").find((l) => l.trim() !== "") ?? "";
  return /^INFO\s+jepsen\.util/.test(first) ? parseJepsenLog(text) : parseEdnHistory(text);
}

function toEdn(value: Value): Edn {
  return Array.isArray(value) ? value.map(toEdn) : value;
}

/** The history as Jepsen EDN op maps, one per line, in time order; times in ns (`:time`). */
export function toJepsenEdn(ops: Operation[]): string {
  const clients = new Map<string, number>();
  const clientNumber = (op: Operation) => (typeof op.client === "number" ? op.client : clients.get(op.client) ?? (clients.set(op.client, clients.size), clients.size - 1));
  const events: { t: number; call: boolean; line: EdnMap }[] = [];
  for (const op of ops) {
    const base = (type: string, value: Edn): EdnMap => {
      const m: EdnMap = new Map<string, Edn>([[jepsenClientWord, clientNumber(op)], ["type", new Keyword(type)], ["f", new Keyword(op.f)]]);
      if (op.key !== null) m.set("key", op.key);
      m.set("value", value);
      return m;
    };
    const answer = op.f === "read" || op.f === "get" || op.f === "inc" ? toEdn(op.output) : toEdn(op.input);
    events.push({ t: op.callMs, call: true, line: base("invoke", op.f === "read" || op.f === "get" ? null : toEdn(op.input)) });
    const returned = op.returnMs === Infinity ? Math.max(...ops.map((o) => (o.returnMs === Infinity ? o.callMs : o.returnMs))) : op.returnMs;
    if (op.unknown) events.push({ t: returned, call: false, line: base("info", toEdn(op.input)) });
    else events.push({ t: returned, call: false, line: op.f === "cas" && op.output === false ? base("fail", toEdn(op.input)) : base("ok", answer) });
  }
  events.sort((a, b) => a.t - b.t || (a.call === b.call ? 0 : a.call ? -1 : 1));
  return events.map((e, index) => {
    e.line.set("time", Math.round(e.t * 1e6));
    e.line.set("index", index);
    return writeEdn(e.line);
  }).join("\n") + "\n";
}
