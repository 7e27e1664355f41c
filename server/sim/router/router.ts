// The router of the world: the route trie of every worker (its routes plus `<name>.workers.dev`)
// and one hot route cache per PoP in front of it. A miss consults the trie and caches the
// answer, a 404 included, so repeated unknown hosts are cheap too.

import { RouteCache } from "./route-cache.ts";
import { RouteTrie } from "./trie.ts";

export interface RouterWorker {
  name: string;
  routes: readonly string[];
}

export interface RouteLookup {
  worker: string | null;
  cache: "hit" | "miss";
}

export const workersDevSuffix = "workers.dev";

export class Router {
  private readonly trie = new RouteTrie();
  private readonly caches = new Map<string, RouteCache>();

  constructor(
    workers: readonly RouterWorker[],
    private readonly cacheEntriesMax: number,
    private readonly cacheTtlMs: number,
  ) {
    for (const worker of workers) {
      for (const route of worker.routes) this.trie.add(route, worker.name);
      this.trie.add(`${worker.name}.${workersDevSuffix}/*`, worker.name);
    }
  }

  lookup(pop: string, host: string, path: string, nowMs: number): RouteLookup {
    const cache = this.cacheOf(pop);
    const key = `${host.toLowerCase()}${path}`;
    const cached = cache.get(key, nowMs);
    if (cached !== undefined) return { worker: cached, cache: "hit" };
    const match = this.trie.match(host.toLowerCase(), path);
    const worker = match ? match.worker : null;
    cache.put(key, worker, nowMs);
    return { worker, cache: "miss" };
  }

  /** Hits and misses over every PoP's cache. */
  stats(): { hits: number; misses: number } {
    let hits = 0;
    let misses = 0;
    for (const cache of this.caches.values()) {
      hits += cache.hits;
      misses += cache.misses;
    }
    return { hits, misses };
  }

  private cacheOf(pop: string): RouteCache {
    let cache = this.caches.get(pop);
    if (!cache) this.caches.set(pop, (cache = new RouteCache(this.cacheEntriesMax, this.cacheTtlMs)));
    return cache;
  }
}
