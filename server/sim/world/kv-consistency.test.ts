// Checks lesson 7: after a write in us-west, a far region (ap-south) reads stale until both the
// replication lag (60 s for far regions) and its negative cache entry's TTL (60 s) have passed,
// while the writing PoP reads its own write at once.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { counterWorker, worldOf } from "../testing/scenarios.ts";

const url = "https://app.example.com/greeting";
const read = (atMs: number, from: string) => ({ atMs, from, url });

test("a far region reads stale until lag and TTL pass; the writing PoP reads its write", () => {
  const result = worldOf({
    world: { jitterPercent: 0 },
    worker: counterWorker("kv-rw"),
    traffic: [
      read(0, "ap-south"), // caches "absent" at ap-south for 60 s (negative caching)
      { atMs: 100, from: "us-west", method: "PUT", url, body: "hello" },
      read(500, "us-west"), // read-your-writes at the writing PoP
      read(1_000, "ap-south"), // negative cache hit
      read(60_050, "ap-south"), // cache expired, but the replica has not received the write yet
      read(61_000, "ap-south"), // the replica has it now, but the 60 050 read cached "absent" again
      read(121_000, "ap-south"), // lag and TTL both passed
    ],
  }).run();
  assert.deepEqual(result.responses.map((r) => r?.body), ["null", "ok", "hello", "null", "null", "null", "hello"]);
  const reads = result.trace.filter((e) => e.kind === "kv_read");
  const farReads = reads.filter((e) => e.kind === "kv_read" && e.pop === "ap-south-pop");
  assert.deepEqual(farReads.map((e) => e.kind === "kv_read" && [e.source, e.version, e.stale]), [
    ["miss", null, false],
    ["negative_hit", null, true],
    ["miss", null, true],
    ["negative_hit", null, true],
    ["miss", 1, false],
  ]);
  assert.ok(result.trace.some((e) => e.kind === "kv_replicate" && e.region === "ap-south" && e.version === 1));
});
