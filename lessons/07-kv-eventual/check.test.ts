// Unit tests of lesson 7's check on hand-made runs: a read stale more than 60 s after the new
// version reached its region fails and is named; stale reads inside that window pass once the
// prediction is answered (whatever the answer); no prediction and no write fail with a pointer.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { fakeRun } from "../../server/lessons/testing.ts";
import { check } from "./check.ts";

const url = "https://motd.example.com/motd";
const write = { kind: "kv_write" as const, t: 1005, req: "r1", pop: "us-west-pop", key: "motd", version: 1, status: "put" };
const replicate = (region: string, t: number) => ({ kind: "kv_replicate" as const, t, region, key: "motd", version: 1 });
const read = (req: string, pop: string, t: number, version: number | null, source = "negative_hit") =>
  ({ kind: "kv_read" as const, t, req, pop, key: "motd", version, stale: version === null, source });
const traffic = [{ from: "us-west", method: "POST", url, atMs: 1000 }, { from: "eu-west", url, atMs: 40_000 }, { from: "eu-west", url, atMs: 100_000 }];

test("a read still stale 69 s after replication reached its region fails and is named", () => {
  const run = fakeRun(traffic, [write, replicate("eu-west", 31_013), read("r2", "eu-west-pop", 40_005, null), read("r3", "eu-west-pop", 100_005, null)]);
  const result = check({ result: run, predictions: { "which-fresh": "none of them" } });
  assert.equal(result.pass, false);
  assert.match(result.hint, /r3 at eu-west read version none from a negative cache entry .* at 100 s, 69 s after/);
  assert.equal(result.figures.find((f) => f.id === "lag-eu-west")?.value, 30_008);
});

test("stale reads inside the cache window pass, with any answered prediction", () => {
  const run = fakeRun(traffic, [write, replicate("eu-west", 31_013), read("r2", "eu-west-pop", 40_005, null), read("r3", "eu-west-pop", 100_005, 1, "miss")]);
  const result = check({ result: run, predictions: { "which-fresh": "all three: replication has reached each of them" } });
  assert.equal(result.pass, true, result.hint);
  assert.match(result.hint, /1 of 2 reads were stale \(r2 eu-west\)/);
  assert.equal(result.figures.find((f) => f.id === "stale-window")?.value, 39_000);
});

test("without a prediction the check asks for one; without a write it says so", () => {
  const run = fakeRun(traffic, [write, replicate("eu-west", 31_013), read("r3", "eu-west-pop", 100_005, 1, "miss")]);
  assert.match(check({ result: run }).hint, /answer the prediction \("which-fresh"\)/);
  assert.equal(check({ result: run }).pass, false);
  const noWrite = fakeRun(traffic, [read("r2", "eu-west-pop", 40_005, null)]);
  assert.match(check({ result: noWrite, predictions: { "which-fresh": "x" } }).hint, /no write succeeded/);
});

test("in the writer's region the write itself is the arrival time", () => {
  const run = fakeRun(traffic, [write, read("r2", "us-west-pop", 70_000, null, "hit")]);
  const result = check({ result: run, predictions: { "which-fresh": "x" } });
  assert.equal(result.pass, false);
  assert.match(result.hint, /r2 at us-west .* 69 s after/);
});
