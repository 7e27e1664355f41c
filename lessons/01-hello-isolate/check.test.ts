// Unit tests of lesson 1's check on hand-made runs: a request answered by a farther PoP while
// the nearest was advertised fails with both distances; a withdrawn PoP makes the next nearest
// the right one; a 500 fails with its body; nearest PoPs answering 200 pass.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { fakeRun } from "../../server/lessons/testing.ts";
import { check } from "./check.ts";

const start = { kind: "start" as const, t: 0 as const, seed: 1, options: { world: { regions: ["us-west", "us-east", "eu-west"], latency: [] } } };
const url = "https://hello.example.com/";
function run(reqs: Parameters<typeof fakeRun>[0], extra: Parameters<typeof fakeRun>[1] = []) {
  const r = fakeRun(reqs, extra);
  r.trace[0] = start;
  return r;
}

test("a farther PoP while the nearest was advertised fails with both distances", () => {
  const result = check({ result: run([{ from: "eu-west", url, pop: "us-east-pop" }]) });
  assert.equal(result.pass, false);
  assert.equal(result.hint, "r1 from eu-west reached us-east-pop, 38 ms away, while eu-west-pop was 0 ms away and advertised");
});

test("after a health check withdraws the nearest PoP, the next nearest is right", () => {
  const health = { kind: "health" as const, t: 0, pop: "eu-west-pop", advertised: false };
  assert.equal(check({ result: run([{ from: "eu-west", url, atMs: 10, pop: "us-east-pop" }], [health]) }).pass, true);
});

test("a 500 fails with its body; nearest PoPs answering 200 pass", () => {
  const bad = check({ result: run([{ from: "us-west", url, status: 500, body: "TypeError: not a Response" }]) });
  assert.match(bad.hint, /r1 from us-west reached us-west-pop but got 500: TypeError/);
  const good = check({ result: run([{ from: "us-west", url }, { from: "eu-west", url }]) });
  assert.equal(good.pass, true, good.hint);
  assert.match(good.hint, /r2 eu-west → eu-west-pop/);
});
