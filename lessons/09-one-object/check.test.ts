// Unit tests of lesson 9's check on hand-made runs: an object far from its callers fails with
// each caller's distance and the better region; an object in the best region passes.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { fakeRun } from "../../server/lessons/testing.ts";
import { check } from "./check.ts";

const start = { kind: "start" as const, t: 0 as const, seed: 1, options: { world: { regions: ["us-west", "us-east", "eu-west"], latency: [] } } };
const post = (from: string, ms: number) => ({ from, method: "POST", url: "https://chat.example.com/post", ms });
const enqueue = (region: string) => ({ kind: "do_enqueue" as const, t: 40, object: "room", req: "o1", region, depth: 1 });
function run(owner: string) {
  const r = fakeRun([post("eu-west", 150), post("eu-west", 150), post("us-east", 70)], [enqueue(owner)]);
  r.trace[0] = start;
  return r;
}

test("an object far from its callers fails with their distances and the better region", () => {
  const result = check({ result: run("us-west") });
  assert.equal(result.pass, false);
  assert.match(result.hint, /ran in us-west .* eu-west 70 ms, us-east 32 ms away, median 70 ms, where eu-west would be 0 ms\. Request p50 150 ms/);
});

test("an object in the best region passes", () => {
  const result = check({ result: run("eu-west") });
  assert.equal(result.pass, true, result.hint);
  assert.equal(result.figures.find((f) => f.id === "owner-distance")?.value, 0);
});
