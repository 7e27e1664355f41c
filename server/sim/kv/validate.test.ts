import { test } from "node:test";
import assert from "node:assert/strict";
import { kvGet } from "./read.ts";
import { kvList } from "./list.ts";
import { kvDelete, kvPut } from "./write.ts";
import { at, bytes, makeTestNamespace } from "./test-fixture.ts";
import type { KvResult } from "./result.ts";

function assertError(result: KvResult<unknown>, code: string, ...mentions: string[]): void {
  assert.ok(!result.ok, `expected ${code}`);
  assert.equal(result.error.code, code);
  for (const text of mentions) assert.ok(result.error.message.includes(text), `"${result.error.message}" lacks "${text}"`);
}

test("key limits: empty, '.', '..' and more than 512 UTF-8 bytes are refused; 512 bytes pass", () => {
  // A key of 171 three-byte characters is 513 bytes though only 171 UTF-16 units.
  const kv = makeTestNamespace();
  const site = at("sjc", 0);
  assertError(kvPut(kv, site, "", bytes("v")), "invalid_key", "empty");
  assertError(kvGet(kv, site, "."), "invalid_key", '"."');
  assertError(kvDelete(kv, site, ".."), "invalid_key", '".."');
  assertError(kvGet(kv, site, "€".repeat(171)), "key_too_long", "513", "512");
  assert.ok(kvPut(kv, site, "k".repeat(512), bytes("v")).ok);
});

test("value limit: 25 MiB passes, one byte more is refused quoting 26214400", () => {
  // Checks the boundary on both sides.
  const kv = makeTestNamespace();
  assert.ok(kvPut(kv, at("sjc", 0), "a", new Uint8Array(25 * 1024 * 1024)).ok);
  assertError(kvPut(kv, at("sjc", 0), "b", new Uint8Array(25 * 1024 * 1024 + 1)), "value_too_large", "26214400");
});

test("metadata limit: 1024 bytes of JSON pass, 1025 are refused; non-JSON is refused", () => {
  // '"' + 1022 chars + '"' is exactly 1024 bytes serialized.
  const kv = makeTestNamespace();
  assert.ok(kvPut(kv, at("sjc", 0), "a", bytes("v"), { metadata: "m".repeat(1022) }).ok);
  assertError(kvPut(kv, at("sjc", 0), "b", bytes("v"), { metadata: "m".repeat(1023) }), "metadata_too_large", "Metadata", "1025", "1024");
  assertError(kvPut(kv, at("sjc", 0), "c", bytes("v"), { metadata: 10n }), "invalid_metadata", "metadata");
});

test("expiration limits: expirationTtl below 60 s and expiration under 60 s ahead are refused", () => {
  // At t=100 s, expiration 159 is too soon and 160 is accepted; expirationTtl 59 is refused.
  const kv = makeTestNamespace();
  assertError(kvPut(kv, at("sjc", 100_000), "a", bytes("v"), { expirationTtl: 59 }), "invalid_expiration_ttl", "expirationTtl", "60");
  assertError(kvPut(kv, at("sjc", 100_000), "b", bytes("v"), { expiration: 159 }), "invalid_expiration", "expiration", "60");
  assertError(kvPut(kv, at("sjc", 100_000), "c", bytes("v"), { expiration: Number.NaN }), "invalid_expiration", "NaN");
  assert.ok(kvPut(kv, at("sjc", 100_000), "d", bytes("v"), { expiration: 160 }).ok);
});

test("cacheTtl below 30 s (workerd's minimum) and list limits outside 1..1000 are refused, naming the option", () => {
  // Both sides of each boundary.
  const kv = makeTestNamespace();
  assertError(kvGet(kv, at("sjc", 0), "k", { cacheTtl: 29 }), "invalid_cache_ttl", "cacheTtl", "30");
  assert.ok(kvGet(kv, at("sjc", 0), "k", { cacheTtl: 30 }).ok);
  assertError(kvList(kv, at("sjc", 0), { limit: 0 }), "invalid_list_limit", "limit", "1000");
  assertError(kvList(kv, at("sjc", 0), { limit: 1001 }), "invalid_list_limit", "limit", "1000");
  assert.ok(kvList(kv, at("sjc", 0), { limit: 1000 }).ok);
});
