// The parsed, validated scenario: what the world is built from. Parsing fills every default, so
// the world never checks for missing fields.

import type { BindingSpec } from "./isolate-port.ts";
import type { LatencyOverride } from "./net/topology.ts";

export interface WorldOptions {
  regions: string[];
  latency: LatencyOverride[];
  /** Percent of a message's latency drawn as seeded jitter (± this much). */
  jitterPercent: number;
  clientToPopMs: number;
  healthCheckIntervalMs: number;
  routeCacheEntries: number;
  routeCacheTtlMs: number;
  isolateIdleEvictMs: number;
  objectHibernateMs: number;
  objectEvictMs: number;
  /** Replication lag in ms to each region; regions not listed get the KV model's default. */
  kvReplicationLagMs: Record<string, number>;
  kvCentralRegion: string;
  /** KV's production limit of 1 write per second per key (429 beyond); off by default, as in workerd. */
  kvWriteRateLimit: boolean;
  /** Charge measured cold-start and CPU ms to virtual time (off by default: runs stay portable). */
  chargeMeasuredCosts: boolean;
  /** The run stops at this virtual time even if events remain (idle timers, alarms). */
  runTimeMsMax: number;
  /**
   * A lower bound than the world's own (limits.ts) for one run: set only when the scenario gives
   * it, so a scenario without it keeps its trace (its `start` entry) byte for byte. A test or a
   * lesson uses them to reach a bound with a small program; the defaults are the design's.
   */
  eventsPerRunMax?: number;
  traceEntriesMax?: number;
  opsPerDeliveryMax?: number;
}

export interface WorkerSpec {
  name: string;
  version: string;
  /** The main module's code. */
  code: string;
  /** With several modules: the main module's path and the others by path (see WorkerScript). */
  main?: string;
  modules?: Record<string, string>;
  /** `compatibility_date` / `compatibility_flags` of the scenario file (see WorkerScript). */
  compatibilityDate?: string;
  compatibilityFlags?: string[];
  bindings: Record<string, BindingSpec>;
  routes: string[];
}

export interface TrafficEntry {
  atMs: number;
  from: string;
  method: string;
  url: string;
  headers: [string, string][];
  body: string | null;
  /** The client's retry policy when its connection fails (a PoP down but still advertised). */
  retry: ClientRetry | null;
}

/** Clients (browsers, SDKs) retry a failed connection; each retry asks anycast afresh. */
export interface ClientRetry {
  attempts: number;
  afterMs: number;
}

export type FaultSpec =
  | { atMs: number; kind: "partition"; regions: string[]; forMs: number | null }
  | { atMs: number; kind: "pop_down"; pop: string; forMs: number | null }
  | { atMs: number; kind: "region_down"; region: string; forMs: number | null }
  | { atMs: number; kind: "slow_region"; region: string; extraMs: number; forMs: number | null }
  | { atMs: number; kind: "evict_object"; worker: string; className: string; name: string };

export type FaultKind = FaultSpec["kind"];

export interface DeploymentSpec {
  atMs: number;
  worker: string;
  version: string;
  code: string;
  /** PoPs in rollout order, one more every `stepMs`. */
  rollout: { stepMs: number; pops: string[] };
}

export interface OriginSpec {
  host: string;
  region: string;
  /** Time the origin takes to answer, on top of the network path. */
  latencyMs: number;
  status: number;
  headers: [string, string][];
  body: string;
}

export interface Scenario {
  name: string;
  seed: number;
  world: WorldOptions;
  workers: WorkerSpec[];
  traffic: TrafficEntry[];
  faults: FaultSpec[];
  deployments: DeploymentSpec[];
  origins: OriginSpec[];
}
