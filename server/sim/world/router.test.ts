// Checks lesson 5 in the world: requests reach the most specific route's worker, a
// `*.workers.dev` name reaches its worker, an unknown host gets 404, and repeated traffic hits
// the per-PoP route cache more than 90% of the time (hits and misses are in the trace).

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { worldOf } from "../testing/scenarios.ts";

const workers = [
  { name: "site", code: "hello", routes: ["example.com/*"] },
  { name: "api", code: "hello", version: "api-1", routes: ["example.com/api/*"] },
];

test("routes pick the most specific worker; workers.dev works; unknown hosts get 404", () => {
  const urls = ["https://example.com/about", "https://example.com/api/users", "https://api.workers.dev/x", "https://nowhere.test/"];
  const result = worldOf({ workers, traffic: urls.map((url, i) => ({ atMs: i, from: "us-west", url })) }).run();
  assert.deepEqual(result.responses.map((r) => r?.body), ["hello from v1", "hello from api-1", "hello from api-1", "no route for https://nowhere.test/"]);
  assert.equal(result.responses[3]?.status, 404);
});

test("repeated traffic hits the route cache more than 90% of the time", () => {
  const urls = ["https://example.com/", "https://example.com/about", "https://example.com/api/a", "https://example.com/api/b"];
  const traffic = Array.from({ length: 200 }, (_, i) => ({ atMs: i * 10, from: "eu-west", url: urls[i % urls.length]! }));
  const result = worldOf({ workers, traffic }).run();
  const lookups = result.trace.filter((e) => e.kind === "route");
  const hits = lookups.filter((e) => e.kind === "route" && e.cache === "hit").length;
  assert.equal(lookups.length, 200);
  assert.ok(hits / lookups.length > 0.9, `hit rate ${hits / lookups.length}`);
  assert.equal(result.stats.routeCacheHits, hits);
});
