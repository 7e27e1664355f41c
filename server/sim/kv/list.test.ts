import { test } from "node:test";
import assert from "node:assert/strict";
import { kvList, type KvListResult } from "./list.ts";
import { kvPut } from "./write.ts";
import { at, bytes, deliverDue, makeTestNamespace } from "./test-fixture.ts";
import type { KvReplicationStep } from "./replication.ts";

function list(...args: Parameters<typeof kvList>): KvListResult {
  const result = kvList(...args);
  assert.ok(result.ok, "list failed");
  return result.value;
}

test("list pages through a prefix in UTF-8 order with limit and cursor", () => {
  // Seven keys, five under "user:", listed two at a time: three pages, the last complete.
  const kv = makeTestNamespace();
  for (const key of ["user:𝄞", "user:b", "user:a", "other", "user:\ufffd", "user:c", "zzz"]) {
    assert.ok(kvPut(kv, at("sjc", 0), key, bytes("v")).ok);
  }
  const names: string[] = [];
  const pages: KvListResult[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 10; guard++) {
    const page = list(kv, at("sjc", 0), { prefix: "user:", limit: 2, ...(cursor === undefined ? {} : { cursor }) });
    pages.push(page);
    names.push(...page.keys.map((k) => k.name));
    if (page.list_complete) break;
    cursor = page.cursor!;
  }
  assert.deepEqual(names, ["user:a", "user:b", "user:c", "user:\ufffd", "user:𝄞"]);
  assert.deepEqual(pages.map((p) => [p.keys.length, p.list_complete, p.cursor === null]), [[2, false, false], [2, false, false], [1, true, true]]);
});

test("list reads the region's replica: a far region misses recent writes until replication", () => {
  // A key written in us-west is absent from ap-south's listing (flagged stale) until applied.
  const kv = makeTestNamespace();
  const put = kvPut(kv, at("sjc", 0), "k", bytes("v"), { metadata: { tag: 1 }, expirationTtl: 3600 });
  assert.ok(put.ok);
  const before = list(kv, at("bom", 1_000));
  assert.deepEqual([before.keys, before.stale], [[], true]);
  deliverDue(kv, [...put.value.replication] as KvReplicationStep[], 60_000);
  const after = list(kv, at("bom", 60_000));
  assert.deepEqual([after.keys, after.stale], [[{ name: "k", expiration: 3600, metadata: { tag: 1 } }], false]);
});

test("list leaves out expired keys and refuses a cursor it did not issue", () => {
  // "gone" expires at 60 s; at 60 s only "kept" is listed. A made-up cursor is an error.
  const kv = makeTestNamespace();
  assert.ok(kvPut(kv, at("sjc", 0), "gone", bytes("v"), { expirationTtl: 60 }).ok);
  assert.ok(kvPut(kv, at("sjc", 0), "kept", bytes("v")).ok);
  assert.deepEqual(list(kv, at("sjc", 60_000)).keys.map((k) => k.name), ["kept"]);
  const bad = kvList(kv, at("sjc", 0), { cursor: "not-a-cursor" });
  assert.ok(!bad.ok && bad.error.code === "invalid_cursor");
});
