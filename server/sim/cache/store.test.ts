// One PoP's cache store: keyed by cache name and URL, expiring on the virtual clock, bounded
// by cacheEntriesPerPopMax (oldest put evicted first). Driven directly, with explicit times.
import assert from "node:assert/strict";
import { test } from "node:test";
import { limits } from "../core/limits.ts";
import type { WireResponse } from "../isolate-port.ts";
import { PopCache } from "./store.ts";

const response = (body: string, cacheControl = "max-age=10"): WireResponse => ({ status: 200, statusText: "OK", headers: [["cache-control", cacheControl]], body: new TextEncoder().encode(body) });

test("a put is a hit until its lifetime ends, then expired, then a miss", () => {
  const cache = new PopCache();
  assert.equal(cache.match(null, "https://a/", [], 0).outcome, "miss");
  assert.deepEqual(cache.put(null, "https://a/", [], response("x"), 0), { outcome: "stored", ttlMs: 10_000 });
  const hit = cache.match(null, "https://a/", [], 9_999);
  assert.equal(hit.outcome, "hit");
  assert.deepEqual(hit.response?.headers.find(([n]) => n === "age"), ["age", "9"]);
  assert.equal(cache.match(null, "https://a/", [], 10_000).outcome, "expired");
  assert.equal(cache.match(null, "https://a/", [], 10_001).outcome, "miss");
});

test("the default cache and a cache named 'default' are apart; delete says whether it found one", () => {
  const cache = new PopCache();
  cache.put(null, "https://a/", [], response("x"), 0);
  assert.equal(cache.match("default", "https://a/", [], 0).outcome, "miss");
  assert.equal(cache.delete("default", "https://a/"), false);
  assert.equal(cache.delete(null, "https://a/"), true);
  assert.equal(cache.delete(null, "https://a/"), false);
});

test("past cacheEntriesPerPopMax the oldest put is evicted first", () => {
  const cache = new PopCache();
  for (let i = 0; i <= limits.cacheEntriesPerPopMax; i++) cache.put(null, `https://a/${i}`, [], response("x"), 0);
  assert.equal(cache.size, limits.cacheEntriesPerPopMax);
  assert.equal(cache.match(null, "https://a/0", [], 0).outcome, "miss");
  assert.equal(cache.match(null, "https://a/1", [], 0).outcome, "hit");
});

test("a conditional request that the entry satisfies gets 304 without a body", () => {
  const cache = new PopCache();
  cache.put(null, "https://a/", [], { ...response("x"), headers: [["cache-control", "max-age=10"], ["etag", '"v1"']] }, 0);
  const hit = cache.match(null, "https://a/", [["if-none-match", '"v1"']], 0);
  assert.deepEqual([hit.response?.status, hit.response?.body], [304, null]);
});

test("past cacheBytesPerPopMax of bodies the oldest puts are evicted until the new one fits", () => {
  const cache = new PopCache();
  const big = (n: number): WireResponse => ({ status: 200, statusText: "OK", headers: [["cache-control", "max-age=10"]], body: new Uint8Array(n) });
  const third = Math.floor(limits.cacheBytesPerPopMax / 3);
  for (let i = 0; i < 3; i++) cache.put(null, `https://a/${i}`, [], big(third), 0);
  assert.equal(cache.bodyBytes, 3 * third);
  cache.put(null, "https://a/3", [], big(third), 0);
  assert.equal(cache.match(null, "https://a/0", [], 0).outcome, "miss", "the oldest went to make room");
  assert.equal(cache.match(null, "https://a/1", [], 0).outcome, "hit");
  assert.equal(cache.bodyBytes, 3 * third);
  cache.delete(null, "https://a/1");
  assert.equal(cache.bodyBytes, 2 * third);
  assert.match((cache.put(null, "https://a/huge", [], big(limits.cacheBytesPerPopMax + 1), 0) as { reason: string }).reason, /cacheBytesPerPopMax/);
});
