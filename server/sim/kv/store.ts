// The state of one KV namespace: the central store, one replica per region, one cache per PoP.
// Records are immutable once written; the store, replicas and caches share them by reference.

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** One version of a key. A delete writes a tombstone (`value: null`) so that it replicates. */
export interface KvRecord {
  readonly key: string;
  /** Assigned by the central store, increasing across the namespace: the highest wins. */
  readonly version: number;
  /** Shared, never mutated: readers must copy before handing the bytes to anything that writes. */
  readonly value: Uint8Array | null;
  readonly metadata: JsonValue | null;
  readonly expirationSec: number | null;
  readonly writtenAtMs: number;
  readonly writerPop: string;
  readonly writerRegion: string;
}

/** A PoP's cached answer for a key; `record: null` is a negative entry (the key was absent). */
export interface KvCacheEntry {
  readonly record: KvRecord | null;
  readonly cachedAtMs: number;
  readonly freshUntilMs: number;
}

/** Where and when an operation runs. The PoP must belong to the region. */
export interface KvSite {
  nowMs: number;
  pop: string;
  region: string;
}

export type LagMsFor = (fromRegion: string, toRegion: string) => number;

export interface KvNamespaceConfig {
  /** Every region that holds a replica, in a fixed order (replication plans follow it). */
  regions: readonly string[];
  /** Replication lag for a region pair; see `replicationLagMs*` in limits.ts for defaults. */
  lagMsFor: LagMsFor;
  /**
   * Production's limit of one write per second per key (429 beyond). Off unless asked for, as in
   * workerd: on, it turns the lost updates of concurrent read-modify-writes into 429s.
   */
  perKeyWriteLimit?: boolean;
}

export interface KvNamespaceState {
  readonly config: KvNamespaceConfig;
  nextVersion: number;
  readonly central: Map<string, KvRecord>;
  readonly replicas: Map<string, Map<string, KvRecord>>;
  readonly caches: Map<string, Map<string, KvCacheEntry>>;
  /** When each key's last accepted write happened, for the 1-write-per-second limit. */
  readonly lastWriteAtMs: Map<string, number>;
  /** Versions still travelling to some region, with how many regions have yet to apply them. */
  readonly inFlight: Map<number, { record: KvRecord; regionsLeft: number }>;
}

export function createKvNamespace(config: KvNamespaceConfig): KvNamespaceState {
  if (config.regions.length === 0 || new Set(config.regions).size !== config.regions.length) {
    throw new Error(`kv: regions must be non-empty and distinct, got ${JSON.stringify(config.regions)}`);
  }
  return {
    config,
    nextVersion: 1,
    central: new Map(),
    replicas: new Map(config.regions.map((region) => [region, new Map()])),
    caches: new Map(),
    lastWriteAtMs: new Map(),
    inFlight: new Map(),
  };
}

export function replicaOf(state: KvNamespaceState, region: string): Map<string, KvRecord> {
  const replica = state.replicas.get(region);
  if (replica === undefined) throw new Error(`kv: unknown region "${region}"`);
  return replica;
}

export function isExpired(record: KvRecord, nowMs: number): boolean {
  return record.expirationSec !== null && nowMs >= record.expirationSec * 1000;
}

/** A record a reader can see: not a tombstone and not expired. */
export function isLive(record: KvRecord | null | undefined, nowMs: number): record is KvRecord & { value: Uint8Array } {
  return record != null && record.value !== null && !isExpired(record, nowMs);
}

/** The central store's current version of `key` (tombstones count), or 0 if never written. */
export function centralVersion(state: KvNamespaceState, key: string): number {
  return state.central.get(key)?.version ?? 0;
}
