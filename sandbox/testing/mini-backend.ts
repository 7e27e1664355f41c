// The mini host's answers to binding calls: strongly consistent, instant, in memory.
import type { CallResult, IsolateOp, WireRequest, WireResponse } from "../../server/sim/isolate-port.ts";

export interface MiniBackend {
  kv: Map<string, { value: Uint8Array; metadata: unknown }>;
  storage: Map<string, unknown>;
  fetch(request: WireRequest): WireResponse;
}

type CallOp = Extract<IsolateOp, { kind: "call" }>;

export function answerCall(backend: MiniBackend, op: CallOp): CallResult {
  const args = op.args as unknown[];
  switch (op.target.type) {
    case "kv":
      return answerKv(backend, op.method, args);
    case "fetch":
      return { ok: true, value: backend.fetch(args[0] as WireRequest) };
    case "storage":
      return answerStorage(backend, op.method, args);
    case "object":
      return { ok: false, error: { name: "Error", message: "the mini host has no Durable Objects" } };
    case "service":
      return { ok: false, error: { name: "Error", message: "the mini host has no service bindings" } };
    case "cache":
      // The mini host keeps nothing: every match misses, as in a PoP with an empty cache.
      return { ok: true, value: op.method === "delete" ? false : null };
  }
}

function answerKv(backend: MiniBackend, method: string, args: unknown[]): CallResult {
  const key = args[0] as string;
  if (method === "get") {
    const entry = backend.kv.get(key);
    return { ok: true, value: { value: entry?.value ?? null, metadata: entry?.metadata ?? null } };
  }
  if (method === "put") {
    backend.kv.set(key, { value: args[1] as Uint8Array, metadata: (args[2] as { metadata?: unknown })?.metadata ?? null });
    return { ok: true, value: null };
  }
  if (method === "delete") {
    backend.kv.delete(key);
    return { ok: true, value: null };
  }
  if (method === "list") {
    const prefix = (args[0] as { prefix?: string }).prefix ?? "";
    const keys = [...backend.kv.keys()].filter((k) => k.startsWith(prefix)).sort().map((name) => ({ name }));
    return { ok: true, value: { keys, list_complete: true } };
  }
  return { ok: false, error: { name: "TypeError", message: `unknown KV method ${method}` } };
}

function answerStorage(backend: MiniBackend, method: string, args: unknown[]): CallResult {
  if (method === "get") return { ok: true, value: (args[0] as string[]).filter((k) => backend.storage.has(k)).map((k) => [k, backend.storage.get(k)]) };
  if (method === "put") {
    for (const [k, v] of args[0] as [string, unknown][]) backend.storage.set(k, v);
    return { ok: true, value: null };
  }
  return { ok: false, error: { name: "Error", message: `the mini host does not implement storage.${method}` } };
}
