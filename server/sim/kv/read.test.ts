import { test } from "node:test";
import assert from "node:assert/strict";
import type { KvReplicationStep } from "./replication.ts";
import { kvGet } from "./read.ts";
import { kvPut } from "./write.ts";
import { at, bytes, deliverDue, makeTestNamespace, text } from "./test-fixture.ts";
import type { KvNamespaceState, KvSite } from "./store.ts";

function get(state: KvNamespaceState, site: KvSite, key: string, cacheTtl?: number) {
  const result = kvGet(state, site, key, cacheTtl === undefined ? {} : { cacheTtl });
  assert.ok(result.ok, "get failed");
  return { ...result.value, text: text(result.value.value) };
}

function put(state: KvNamespaceState, site: KvSite, key: string, value: string): KvReplicationStep[] {
  const result = kvPut(state, site, key, bytes(value));
  assert.ok(result.ok, "put failed");
  return result.value.replication;
}

test("a far region reads stale until replication lands, then fresh once its cached entry expires", () => {
  // bom (ap-south, 60 s from us-west) misses before replication, its negative entry then hides
  // the replicated write until the 60 s cache TTL passes.
  const kv = makeTestNamespace();
  const queue = put(kv, at("sjc", 1_000), "k", "v1");
  assert.deepEqual(queue.map((s) => [s.region, s.atMs]), [["us-east", 31_000], ["ap-south", 61_000]]);

  const before = get(kv, at("bom", 2_000), "k");
  assert.deepEqual([before.text, before.version, before.stale, before.cache], [null, null, true, "miss"]);

  deliverDue(kv, queue, 61_500);
  const hidden = get(kv, at("bom", 61_500), "k");
  assert.deepEqual([hidden.text, hidden.stale, hidden.cache], [null, true, "negative_hit"]);

  const fresh = get(kv, at("bom", 62_000), "k");
  assert.deepEqual([fresh.text, fresh.version, fresh.stale, fresh.cache], ["v1", 1, false, "miss"]);
});

test("read-your-writes at the writing PoP; the same region's other PoPs read the regional replica", () => {
  // sjc writes after sjc and lax cached a negative entry: sjc sees its write at once, lax keeps
  // its negative entry, sea (no entry) misses to the us-west replica, which already has it.
  const kv = makeTestNamespace();
  get(kv, at("sjc", 0), "k");
  get(kv, at("lax", 0), "k");
  put(kv, at("sjc", 1_000), "k", "mine");

  const writer = get(kv, at("sjc", 1_000), "k");
  assert.deepEqual([writer.text, writer.stale, writer.cache], ["mine", false, "hit"]);
  const cachedNeighbour = get(kv, at("lax", 1_000), "k");
  assert.deepEqual([cachedNeighbour.text, cachedNeighbour.stale, cachedNeighbour.cache], [null, true, "negative_hit"]);
  const newNeighbour = get(kv, at("sea", 1_000), "k");
  assert.deepEqual([newNeighbour.text, newNeighbour.stale, newNeighbour.cache], ["mine", false, "miss"]);
});

test("a negative entry hides a later write until its cacheTtl passes", () => {
  // iad caches "absent" for 300 s; ewr writes in the same region 1 s later. iad stays blind
  // until 300 s after its read, whatever the replica holds.
  const kv = makeTestNamespace();
  assert.equal(get(kv, at("iad", 0), "k", 300).cache, "miss");
  put(kv, at("ewr", 1_000), "k", "late");
  const blind = get(kv, at("iad", 299_999), "k", 300);
  assert.deepEqual([blind.text, blind.stale, blind.cache], [null, true, "negative_hit"]);
  const sees = get(kv, at("iad", 300_000), "k", 300);
  assert.deepEqual([sees.text, sees.cache], ["late", "miss"]);
});

test("a cached hit reports stale once the central store has a newer version", () => {
  // lax caches v1, then sjc overwrites (same region): lax's hit returns v1 flagged stale.
  const kv = makeTestNamespace();
  put(kv, at("sjc", 0), "k", "v1");
  get(kv, at("lax", 0), "k");
  put(kv, at("sjc", 5_000), "k", "v2");
  const hit = get(kv, at("lax", 6_000), "k");
  assert.deepEqual([hit.text, hit.version, hit.stale, hit.cache], ["v1", 1, true, "hit"]);
});

test("an expired entry reads as absent, from the cache and from the replica", () => {
  // expirationTtl 60 s at t=0. lax caches it for 300 s at 30 s: its still-fresh entry reads as
  // absent at 60 s; sjc, whose entry from the write ends at 60 s, misses to the replica and reads
  // absent too, although the replica still holds the record (version 1).
  const kv = makeTestNamespace();
  assert.ok(kvPut(kv, at("sjc", 0), "k", bytes("short"), { expirationTtl: 60 }).ok);
  assert.equal(get(kv, at("lax", 30_000), "k", 300).text, "short");
  assert.equal(get(kv, at("sea", 59_999), "k").text, "short");
  const cached = get(kv, at("lax", 60_000), "k", 300);
  assert.deepEqual([cached.text, cached.cache], [null, "negative_hit"]);
  const other = get(kv, at("sjc", 60_000), "k");
  assert.deepEqual([other.text, other.version, other.cache], [null, 1, "miss"]);
});
