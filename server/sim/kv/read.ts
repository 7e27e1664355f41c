// Reads: the PoP's cache first, then the region's replica (never the central store). The result
// says which version the read saw and whether that was stale, for the trace.

import { fillCache, freshCacheEntry } from "./cache.ts";
import type { KvResult } from "./result.ts";
import { kvOk } from "./result.ts";
import type { JsonValue, KvNamespaceState, KvRecord, KvSite } from "./store.ts";
import { centralVersion, isLive, replicaOf } from "./store.ts";
import { validateCacheTtl, validateKey } from "./validate.ts";

export interface KvGetOptions {
  /** Seconds this PoP caches the answer when the read misses; at least 60. */
  cacheTtl?: number;
}

export interface KvReadResult {
  /** The stored bytes (shared: copy before mutating), or null when absent, deleted or expired. */
  value: Uint8Array | null;
  metadata: JsonValue | null;
  /** The version the read saw, a tombstone's included; null when it saw no write at all. */
  version: number | null;
  /** The central store holds a newer version (a write or delete) than the one seen. */
  stale: boolean;
  cache: "hit" | "miss" | "negative_hit";
}

export function kvGet(state: KvNamespaceState, site: KvSite, key: string, options: KvGetOptions = {}): KvResult<KvReadResult> {
  const keyCheck = validateKey("GET", key);
  if (!keyCheck.ok) return keyCheck;
  const cacheTtl = validateCacheTtl(options.cacheTtl);
  if (!cacheTtl.ok) return cacheTtl;
  const cached = freshCacheEntry(state, site.pop, key, site.nowMs);
  if (cached !== undefined) {
    const live = isLive(cached.record, site.nowMs);
    return kvOk(readResult(state, key, cached.record, site.nowMs, live ? "hit" : "negative_hit"));
  }
  const record = replicaOf(state, site.region).get(key) ?? null;
  // The TTL is the one of the read that filled the entry, as on the platform.
  fillCache(state, site.pop, key, record, site.nowMs, cacheTtl.value * 1000);
  return kvOk(readResult(state, key, record, site.nowMs, "miss"));
}

function readResult(state: KvNamespaceState, key: string, record: KvRecord | null, nowMs: number, cache: KvReadResult["cache"]): KvReadResult {
  const version = record?.version ?? null;
  const stale = centralVersion(state, key) > (version ?? 0);
  if (!isLive(record, nowMs)) return { value: null, metadata: null, version, stale, cache };
  return { value: record.value, metadata: record.metadata, version, stale, cache };
}
