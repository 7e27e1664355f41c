// Lesson 16's check on hand-made runs: it passes only with a speed-up of at least 1.5× and the
// same answer as the starter, and it says what was measured when it fails.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { fakeRun } from "../../server/lessons/testing.ts";
import { check } from "./check.ts";

const run = fakeRun([{ from: "us-east", url: "https://shapes.example.com/sum", body: "99950000" }]);
const timings = (speedup: number, same = 1) => ({ "starter-ms": 1.6, "learner-ms": 1.6 / speedup, speedup, "speedup-spread": 1.1, "same-answer": same });

test("a 3× speed-up with the same answer passes", () => {
  const result = check({ result: run, measured: timings(3) });
  assert.equal(result.pass, true);
  assert.match(result.hint, /3\.0× faster/);
  assert.equal(result.figures.find((f) => f.id === "speedup")?.measuredOnMachine, true);
});

test("noise-sized differences fail and name the threshold", () => {
  const result = check({ result: run, measured: timings(1.2) });
  assert.equal(result.pass, false);
  assert.match(result.hint, /1\.20×, below 1\.5×/);
});

test("a faster worker with a different answer fails", () => {
  assert.match(check({ result: run, measured: timings(4, 0) }).hint, /different sum/);
});

test("without the lab's figures the check says how to get them", () => {
  assert.match(check({ result: run }).hint, /press Check/);
});

test("the starter never passes, even when noise times it faster than itself", () => {
  const result = check({ result: run, measured: { ...timings(1.8), "is-starter": 1 } });
  assert.equal(result.pass, false);
  assert.match(result.hint, /starter's code \(timed against itself: 1\.80×/);
});
