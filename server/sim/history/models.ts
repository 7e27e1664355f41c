// The sequential models: a register (read, write, compare-and-set), a key-value map (get, put,
// append, partitioned by key so each key is checked on its own), and a counter (increments
// that answer the new value, and reads). An operation whose outcome is unknown may answer
// anything: only its effect is modelled, and the importers let it return at the history's end
// so that "it never happened" stays possible.

import type { Model, Operation, Value } from "./types.ts";

export function valueEquals(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || !Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((x, i) => valueEquals(x, b[i]!));
}

export function showValue(value: Value): string {
  if (value === null) return "nothing";
  return typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value);
}

function byKey(ops: Operation[]): Operation[][] {
  const parts = new Map<string, Operation[]>();
  for (const op of ops) {
    const key = op.key ?? "";
    let list = parts.get(key);
    if (!list) parts.set(key, (list = []));
    list.push(op);
  }
  return [...parts.keys()].sort().map((k) => parts.get(k)!);
}

/** One step of a register or of one key of a map; undefined when the answer is impossible. */
function registerStep(state: Value, op: Operation): Value | undefined {
  switch (op.f) {
    case "read":
    case "get":
      return op.unknown || valueEquals(op.output, state) ? state : undefined;
    case "write":
    case "put":
      return op.input;
    case "delete":
      return null;
    case "append":
      return `${state === null ? "" : String(state)}${String(op.input)}`;
    case "cas": {
      const [from, to] = op.input as [Value, Value];
      const matches = valueEquals(from, state);
      if (!op.unknown && op.output !== matches) return undefined;
      return matches ? to : state;
    }
    default:
      return undefined;
  }
}

function describeRegisterOp(op: Operation): string {
  const out = op.unknown ? "unknown" : showValue(op.output);
  const key = op.key === null ? "" : `${JSON.stringify(op.key)}`;
  switch (op.f) {
    case "read":
    case "get":
      return `${op.f}(${key}) → ${out}`;
    case "cas": {
      const [from, to] = op.input as [Value, Value];
      return `cas(${key ? `${key}, ` : ""}${showValue(from)}, ${showValue(to)}) → ${op.unknown ? "unknown" : op.output ? "ok" : "fail"}`;
    }
    default:
      return `${op.f}(${key ? `${key}, ` : ""}${showValue(op.input)})${op.unknown ? " → unknown" : ""}`;
  }
}

function valueModel(name: string, initial: Value, partitioned: boolean): Model<Value> {
  return {
    name,
    init: () => initial,
    step: registerStep,
    partition: (ops) => (partitioned ? byKey(ops) : [ops]),
    describeOperation: describeRegisterOp,
    describeState: showValue,
  };
}

/** Jepsen's etcd register: read, write, cas; a missing value is nil (null). */
export function registerModel(initial: Value = null): Model<Value> {
  return valueModel("register", initial, false);
}

/** A key-value map partitioned by key. Porcupine's kv histories read a missing key as "". */
export function kvModel(initial: Value = ""): Model<Value> {
  return valueModel("kv", initial, true);
}

/** A counter per key: `inc` adds its input (1 if null) and answers the new value; `read` answers it. */
export function counterModel(): Model<number> {
  return {
    name: "counter",
    init: () => 0,
    step(state, op) {
      if (op.f === "read") return op.unknown || op.output === state ? state : undefined;
      if (op.f !== "inc") return undefined;
      const next = state + (typeof op.input === "number" ? op.input : 1);
      return op.unknown || op.output === next ? next : undefined;
    },
    partition: byKey,
    describeOperation: (op) => (op.f === "read" ? `read → ${op.unknown ? "unknown" : showValue(op.output)}` : `inc(${typeof op.input === "number" ? op.input : 1}) → ${op.unknown ? "unknown" : showValue(op.output)}`),
    describeState: (s) => String(s),
  };
}

export const modelNames = ["register", "kv", "counter"] as const;
export type ModelName = (typeof modelNames)[number];

export function modelByName(name: ModelName, initial?: Value): Model<unknown> {
  if (name === "register") return registerModel(initial ?? null) as Model<unknown>;
  if (name === "kv") return kvModel(initial === undefined ? "" : initial) as Model<unknown>;
  return counterModel() as Model<unknown>;
}
