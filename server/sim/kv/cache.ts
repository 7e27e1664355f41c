// The cache in front of each PoP. A read that misses fills it from the region's replica, absent
// keys included (negative caching), so a key written after a miss stays invisible at that PoP
// until the negative entry's TTL passes, as on the platform.

import type { KvCacheEntry, KvNamespaceState, KvRecord } from "./store.ts";

/** The PoP's entry for `key` if it is still fresh at `nowMs`. */
export function freshCacheEntry(state: KvNamespaceState, pop: string, key: string, nowMs: number): KvCacheEntry | undefined {
  const entry = state.caches.get(pop)?.get(key);
  return entry !== undefined && nowMs < entry.freshUntilMs ? entry : undefined;
}

export function fillCache(state: KvNamespaceState, pop: string, key: string, record: KvRecord | null, nowMs: number, ttlMs: number): void {
  let cache = state.caches.get(pop);
  if (cache === undefined) {
    cache = new Map();
    state.caches.set(pop, cache);
  }
  cache.set(key, { record, cachedAtMs: nowMs, freshUntilMs: nowMs + ttlMs });
}
