// Unit tests of lesson 8's check on hand-made runs: a lost update is named with the requests
// that read the same version; a failed increment fails even if the count looks right; a
// missing final read fails with a pointer to it; four counted increments pass.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { fakeRun } from "../../server/lessons/testing.ts";
import { check } from "./check.ts";

const regions = ["us-west", "us-east", "eu-west", "ap-south"];
const inc = (from: string, i: number, body: string, status = 200) => ({ from, method: "POST", url: "https://app.example.com/inc", atMs: i * 1100, body, status });
const final = (n: number) => ({ from: "us-east", url: "https://app.example.com/count", atMs: 90_000, body: JSON.stringify({ count: n }) });
const read = (req: string, version: number | null, t: number) => ({ kind: "kv_read" as const, t, req, pop: "x-pop", key: "views", version, stale: version === null, source: "miss" });

test("two increments that read the same version are named in the hint", () => {
  const run = fakeRun([...regions.map((r, i) => inc(r, i, `{"count":${i < 2 ? i + 1 : 3}}`)), final(3)], [read("r1", null, 1), read("r2", 1, 1101), read("r3", 2, 2201), read("r4", 2, 3301)]);
  const result = check({ result: run });
  assert.equal(result.pass, false);
  assert.match(result.hint, /r3 and r4 both read version 2/);
  assert.match(result.hint, /1 lost/);
  assert.equal(result.figures.find((f) => f.id === "lost-increments")?.value, 1);
});

test("a failed increment fails the check even when the final count matches the successes", () => {
  const run = fakeRun([inc("us-west", 0, "{\"count\":1}"), inc("us-east", 1, "429", 500), final(1)]);
  const result = check({ result: run });
  assert.equal(result.pass, false);
  assert.match(result.hint, /r2 from us-east got 500/);
});

test("a run without the final count fails and names the request", () => {
  const run = fakeRun([inc("us-west", 0, "{\"count\":1}"), { ...final(1), body: "oops" }]);
  const result = check({ result: run });
  assert.equal(result.pass, false);
  assert.match(result.hint, /GET \/count \(r2\)/);
});

test("four increments counted to four pass, with the queue depth as evidence", () => {
  const enqueue = (req: string, depth: number) => ({ kind: "do_enqueue" as const, t: 50, object: "Counter:views", req: `${req}.1`, region: "us-east", depth });
  const run = fakeRun([...regions.map((r, i) => inc(r, i, `{"count":${i + 1}}`)), final(4)], [enqueue("r1", 1), enqueue("r2", 2)]);
  const result = check({ result: run });
  assert.equal(result.pass, true, result.hint);
  assert.match(result.hint, /depth up to 2/);
  assert.equal(result.figures.find((f) => f.id === "final-count")?.value, 4);
});
