// Unit tests of lesson 11's check on hand-made runs: a count that restarts after an eviction
// fails naming the state the object came back from; counts in order pass.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { fakeRun } from "../../server/lessons/testing.ts";
import { check } from "./check.ts";

const visit = (atMs: number, count: number) => ({ from: "us-east", url: "https://visits.example.com/", atMs, body: JSON.stringify({ count }) });
const states = [
  { kind: "do_state" as const, t: 15_000, object: "home", region: "us-east", state: "hibernated" as const, reason: "idle" },
  { kind: "do_state" as const, t: 1_820_000, object: "home", region: "us-east", state: "evicted" as const, reason: "idle" },
];

test("a count that restarts after an eviction fails, naming the eviction", () => {
  const result = check({ result: fakeRun([visit(0, 1), visit(20_000, 2), visit(1_880_000, 1)], states) });
  assert.equal(result.pass, false);
  assert.match(result.hint, /^r3 at 1880 s was visit 3 but answered count 1; before it the object was evicted \(since 1820 s, idle\)/);
});

test("a count lost at hibernation points at memory", () => {
  const result = check({ result: fakeRun([visit(0, 1), visit(20_000, 1)], states) });
  assert.match(result.hint, /object was hibernated .*look at what memory held/);
});

test("visits counted in order pass", () => {
  const result = check({ result: fakeRun([visit(0, 1), visit(20_000, 2), visit(1_880_000, 3)], states) });
  assert.equal(result.pass, true, result.hint);
  assert.equal(result.figures.find((f) => f.id === "evicted-at")?.value, 1_820_000);
});
