// Replication as plans: a write returns when each other region should receive it, the world
// schedules those events and calls `applyReplication` when each is due. Nothing here schedules.

import type { KvNamespaceState, KvRecord } from "./store.ts";
import { replicaOf } from "./store.ts";

export interface KvReplicationStep {
  region: string;
  atMs: number;
  key: string;
  version: number;
}

export interface KvReplicationOutcome {
  /** False when the region already held this version or a newer one (replicas only move forward). */
  applied: boolean;
  /** The version the region's replica holds afterwards. */
  replicaVersion: number;
}

/** Records the write as in flight and returns one step per region other than the writer's. */
export function planReplication(state: KvNamespaceState, record: KvRecord, nowMs: number): KvReplicationStep[] {
  const { regions, lagMsFor } = state.config;
  const steps: KvReplicationStep[] = [];
  for (const region of regions) {
    if (region === record.writerRegion) continue;
    const lagMs = lagMsFor(record.writerRegion, region);
    if (!(Number.isFinite(lagMs) && lagMs >= 0)) throw new Error(`kv: bad lag ${lagMs} ms for ${record.writerRegion} → ${region}`);
    steps.push({ region, atMs: nowMs + lagMs, key: record.key, version: record.version });
  }
  if (steps.length > 0) state.inFlight.set(record.version, { record, regionsLeft: steps.length });
  return steps;
}

/** Applies one planned step. Each step must be applied at most once. */
export function applyReplication(state: KvNamespaceState, region: string, key: string, version: number): KvReplicationOutcome {
  const flight = state.inFlight.get(version);
  if (flight === undefined || flight.record.key !== key) {
    throw new Error(`kv: no replication in flight for "${key}" v${version}`);
  }
  flight.regionsLeft--;
  if (flight.regionsLeft === 0) state.inFlight.delete(version);
  const replica = replicaOf(state, region);
  const held = replica.get(key);
  if (held !== undefined && held.version >= version) return { applied: false, replicaVersion: held.version };
  replica.set(key, flight.record);
  return { applied: true, replicaVersion: version };
}
