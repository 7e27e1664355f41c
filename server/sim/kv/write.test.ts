import { test } from "node:test";
import assert from "node:assert/strict";
import { kvGet } from "./read.ts";
import { applyReplication, type KvReplicationStep } from "./replication.ts";
import { kvDelete, kvPut } from "./write.ts";
import { at, bytes, deliverDue, makeTestNamespace, text } from "./test-fixture.ts";
import type { KvNamespaceState, KvSite } from "./store.ts";

function readText(state: KvNamespaceState, site: KvSite, key: string): string | null {
  const result = kvGet(state, site, key);
  assert.ok(result.ok);
  return text(result.value.value);
}

test("concurrent writes from two regions converge on the higher version everywhere", () => {
  // sjc writes at 0 s, bom at 1 s (the rate limit is per key worldwide), long before either
  // write reaches the other region: v1 and v2. Each region first sees its own write; after
  // replication every region holds v2, and v1 reaching ap-south is ignored (replicas only move
  // forward).
  const kv = makeTestNamespace();
  const a = kvPut(kv, at("sjc", 0), "k", bytes("from-us"));
  const b = kvPut(kv, at("bom", 1_000), "k", bytes("from-ap"));
  assert.ok(a.ok && b.ok);
  assert.deepEqual([a.value.version, b.value.version], [1, 2]);
  assert.equal(readText(kv, at("lax", 1_000), "k"), "from-us");
  assert.equal(readText(kv, at("bom", 1_000), "k"), "from-ap");

  const toAp = a.value.replication.find((s) => s.region === "ap-south")!;
  assert.deepEqual(applyReplication(kv, "ap-south", "k", toAp.version), { applied: false, replicaVersion: 2 });
  const rest: KvReplicationStep[] = [...a.value.replication.filter((s) => s !== toAp), ...b.value.replication];
  deliverDue(kv, rest, 61_000);
  for (const pop of ["sea", "ewr", "bom"]) assert.equal(readText(kv, at(pop, 120_000), "k"), "from-ap", pop);
});

test("with the per-key write limit on, a second write to a key within 1 s is refused with 429; other keys are not limited", () => {
  // put at 0 accepted; put at 999 ms and delete at 500 ms refused; another key at 500 ms and the
  // same key at 1000 ms accepted. A refused write changes nothing.
  const kv = makeTestNamespace({ perKeyWriteLimit: true });
  assert.ok(kvPut(kv, at("sjc", 0), "k", bytes("one")).ok);
  const again = kvPut(kv, at("iad", 999), "k", bytes("two"));
  assert.ok(!again.ok);
  assert.equal(again.error.code, "rate_limited");
  assert.equal(again.error.message, "KV PUT failed: 429 Too Many Requests (limit: 1 write per second per key).");
  const del = kvDelete(kv, at("sjc", 500), "k");
  assert.ok(!del.ok && del.error.message.startsWith("KV DELETE failed: 429"));
  assert.ok(kvPut(kv, at("sjc", 500), "other", bytes("x")).ok);
  assert.equal(readText(kv, at("sea", 999), "k"), "one");
  assert.ok(kvPut(kv, at("sjc", 1_000), "k", bytes("three")).ok);
});

test("delete writes a tombstone that replicates and reads as absent", () => {
  // After put then delete in us-west, us-east still reads the value until the tombstone lands.
  const kv = makeTestNamespace();
  const put = kvPut(kv, at("sjc", 0), "k", bytes("v"));
  assert.ok(put.ok);
  deliverDue(kv, put.value.replication, 60_000);
  const del = kvDelete(kv, at("sjc", 61_000), "k");
  assert.ok(del.ok);
  assert.equal(readText(kv, at("sjc", 61_000), "k"), null);
  const before = kvGet(kv, at("iad", 61_000), "k");
  assert.ok(before.ok);
  assert.deepEqual([text(before.value.value), before.value.stale], ["v", true]);
  deliverDue(kv, del.value.replication, 91_000);
  assert.equal(readText(kv, at("ewr", 91_000), "k"), null);
});

test("put copies the value, so later changes to the caller's buffer do not leak in", () => {
  // Mutating the array after put must not change what a read returns.
  const kv = makeTestNamespace();
  const value = bytes("abc");
  assert.ok(kvPut(kv, at("sjc", 0), "k", value).ok);
  value[0] = 0x7a;
  assert.equal(readText(kv, at("sjc", 0), "k"), "abc");
});

test("metadata and expiration come back with the value", () => {
  // getWithMetadata's data: the metadata object round-trips as JSON.
  const kv = makeTestNamespace();
  assert.ok(kvPut(kv, at("sjc", 0), "k", bytes("v"), { metadata: { owner: "ada", n: 1 }, expiration: 1_000 }).ok);
  const read = kvGet(kv, at("sjc", 0), "k");
  assert.ok(read.ok);
  assert.deepEqual(read.value.metadata, { owner: "ada", n: 1 });
  assert.equal(kv.central.get("k")?.expirationSec, 1_000);
});

test("by default (as in workerd) writes to one key are not rate limited: put then delete at one instant both apply", () => {
  const kv = makeTestNamespace();
  assert.ok(kvPut(kv, at("sjc", 0), "k", bytes("one")).ok);
  assert.ok(kvPut(kv, at("iad", 0), "k", bytes("two")).ok);
  assert.ok(kvDelete(kv, at("sjc", 0), "k").ok);
  assert.equal(readText(kv, at("sjc", 0), "k"), null);
});
