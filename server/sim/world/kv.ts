// Workers KV in the world: the KV model (../kv) decides what a read sees and what a write
// replicates; this module charges latency, schedules replication and traces every read and write.
//
// Latency model (documented for the UI): a read served by the PoP cache (hit or negative hit)
// answers in `kvCacheHitMs` (1 ms); a miss reads the region's replica in `kvReplicaReadMs`
// (5 ms), as does list; a write travels to the central store and back (the network path both
// ways, plus 1 ms). Replication lag per region pair: ≤ 40 ms one-way apart → 10 s, ≤ 80 ms →
// 30 s, farther → 60 s, unless the scenario sets `world.kvReplicationLagMs[region]`.
// Namespaces are keyed by binding name, so two workers binding `COUNTS` share one namespace.
//
// Argument and reply shapes are those of isolate-port.ts (`CallTarget`); the prelude converts
// the bytes of a get to text, JSON or an ArrayBuffer.

import { utf8Encode } from "../core/hash.ts";
import { defaults } from "../core/limits.ts";
import type { CallResult } from "../isolate-port.ts";
import {
  applyReplication, createKvNamespace, kvDelete, kvGet, kvList, kvPut, replicationLagMsAdjacent, replicationLagMsFar,
  replicationLagMsMid, type KvNamespaceState, type KvReadResult, type KvResult, type KvSite, type KvWriteOutcome,
} from "../kv/index.ts";
import type { Topology } from "../net/topology.ts";
import { callError, replyAt } from "./calls.ts";
import type { Ctx } from "./context.ts";
import { Effects } from "./effects.ts";
import type { Caller, CallOp } from "./events.ts";

export const kvReplicaReadMs = 5;

export class KvWorld {
  readonly namespaces = new Map<string, KvNamespaceState>();

  constructor(
    private readonly topology: Topology,
    private readonly lagOverridesMs: Record<string, number>,
    private readonly perKeyWriteLimit: boolean,
  ) {}

  namespace(binding: string): KvNamespaceState {
    let ns = this.namespaces.get(binding);
    if (!ns) {
      ns = createKvNamespace({ regions: this.topology.regions, lagMsFor: (from, to) => this.lagMs(from, to), perKeyWriteLimit: this.perKeyWriteLimit });
      this.namespaces.set(binding, ns);
    }
    return ns;
  }

  lagMs(from: string, to: string): number {
    const override = this.lagOverridesMs[to];
    if (override !== undefined) return override;
    const oneWayMs = this.topology.latencyMs(from, to);
    return oneWayMs <= 40 ? replicationLagMsAdjacent : oneWayMs <= 80 ? replicationLagMsMid : replicationLagMsFar;
  }
}

export function kvCall(kv: KvWorld, ctx: Ctx, e: { caller: Caller; op: CallOp; atMs: number }): Effects {
  const out = new Effects();
  const { caller: isolate, op, atMs } = e;
  const binding = op.target.type === "kv" ? op.target.binding : "";
  const ns = kv.namespace(binding);
  const site: KvSite = { nowMs: atMs, pop: isolate.pop, region: isolate.region };
  const key = typeof op.args[0] === "string" ? op.args[0] : String(op.args[0]);
  const options = (op.args[op.method === "put" ? 2 : 1] ?? {}) as Record<string, unknown>;
  switch (op.method) {
    case "get":
    case "getWithMetadata": {
      const read = kvGet(ns, site, key, typeof options.cacheTtl === "number" ? { cacheTtl: options.cacheTtl } : {});
      if (read.ok) out.trace({ kind: "kv_read", t: ctx.nowMs, req: op.requestId, pop: isolate.pop, key, version: read.value.version, stale: read.value.stale, source: read.value.cache });
      const ms = read.ok && read.value.cache !== "miss" ? defaults.kvCacheHitMs : kvReplicaReadMs;
      replyAt(out, isolate, op.callId, atMs + ms, readAnswer(read), `KV get ${key}`, true);
      return out;
    }
    case "put":
    case "delete":
      kvWrite(ctx, out, isolate, op, ns, site, key, atMs);
      return out;
    case "list": {
      const list = kvList(ns, site, (op.args[0] ?? {}) as { prefix?: string; limit?: number; cursor?: string });
      const value = list.ok ? { keys: list.value.keys, list_complete: list.value.list_complete, ...(list.value.cursor ? { cursor: list.value.cursor } : {}) } : null;
      replyAt(out, isolate, op.callId, atMs + kvReplicaReadMs, list.ok ? { ok: true, value } : callError("Error", list.error.message), "KV list", true);
      return out;
    }
    default:
      replyAt(out, isolate, op.callId, atMs, callError("TypeError", `KV has no method ${op.method}`), "KV error", false);
      return out;
  }
}

function kvWrite(w: Ctx, out: Effects, isolate: Caller, op: CallOp, ns: KvNamespaceState, site: KvSite, key: string, atMs: number): void {
  const central = w.options.kvCentralRegion;
  const there = w.network.send(isolate.region, central);
  const back = w.network.send(central, isolate.region);
  if (!there.ok || !back.ok) {
    replyAt(out, isolate, op.callId, atMs + 1, callError("Error", `KV ${op.method.toUpperCase()} failed: central store unreachable (${there.ok ? "return path" : there.reason})`), "KV error", true);
    return;
  }
  let outcome: KvResult<KvWriteOutcome>;
  if (op.method === "put") {
    const raw = op.args[1];
    const bytes = raw instanceof Uint8Array ? raw : utf8Encode(typeof raw === "string" ? raw : String(raw));
    outcome = kvPut(ns, site, key, bytes, (op.args[2] ?? {}) as Record<string, never>);
  } else outcome = kvDelete(ns, site, key);
  out.trace({ kind: "kv_write", t: w.nowMs, req: op.requestId, pop: isolate.pop, key, version: outcome.ok ? outcome.value.version : null, status: outcome.ok ? op.method : outcome.error.code });
  const doneAt = atMs + there.latencyMs + back.latencyMs + 1;
  if (!outcome.ok) {
    replyAt(out, isolate, op.callId, doneAt, callError("Error", outcome.error.message), `KV ${op.method} error`, true);
    return;
  }
  for (const step of outcome.value.replication) {
    out.send(Math.max(step.atMs, w.nowMs), { kind: "kv_replicate", namespace: op.target.type === "kv" ? op.target.binding : "", region: step.region, key: step.key, version: step.version });
  }
  replyAt(out, isolate, op.callId, doneAt, { ok: true, value: null }, `KV ${op.method} ${key} done`, true);
}

function readAnswer(read: KvResult<KvReadResult>): CallResult {
  if (!read.ok) return callError("Error", read.error.message);
  // Copied: records are shared by reference inside the KV model.
  return { ok: true, value: { value: read.value.value === null ? null : read.value.value.slice(), metadata: read.value.metadata } };
}

/** A replication step is due: applied if the region is reachable from the central store, retried otherwise. */
export function kvReplicate(kv: KvWorld, w: Ctx, e: { namespace: string; region: string; key: string; version: number }): Effects {
  const out = new Effects();
  const { namespace: binding, region, key, version } = e;
  if (!w.network.reachable(w.options.kvCentralRegion, region)) {
    out.send(w.nowMs + defaults.partitionRetryMs, { kind: "kv_replicate", namespace: binding, region, key, version });
    return out;
  }
  const outcome = applyReplication(kv.namespace(binding), region, key, version);
  if (outcome.applied) out.trace({ kind: "kv_replicate", t: w.nowMs, region, key, version });
  return out;
}
