// The hot route cache in front of the trie: LRU with a TTL, keyed by host and path. A Map keeps
// insertion order, so re-inserting on a hit moves an entry to the young end and the oldest
// entry is always the first key: O(1) get, put and eviction.

import { assert } from "../core/result.ts";

interface Entry {
  worker: string | null;
  expiresAtMs: number;
}

export class RouteCache {
  private readonly entries = new Map<string, Entry>();
  hits = 0;
  misses = 0;

  constructor(
    private readonly entriesMax: number,
    private readonly ttlMs: number,
  ) {
    assert(entriesMax > 0, "route cache needs room for one entry");
  }

  /** The cached worker (null caches a 404), or undefined on a miss. */
  get(key: string, nowMs: number): string | null | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.expiresAtMs <= nowMs) {
      if (entry) this.entries.delete(key);
      this.misses++;
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits++;
    return entry.worker;
  }

  put(key: string, worker: string | null, nowMs: number): void {
    this.entries.delete(key);
    if (this.entries.size >= this.entriesMax) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    this.entries.set(key, { worker, expiresAtMs: nowMs + this.ttlMs });
  }

  clear(): void {
    this.entries.clear();
  }
}
