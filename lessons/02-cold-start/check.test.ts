// Unit tests of lesson 2's check on hand-made runs: a slow module init fails with its time and
// isolate; one fast cold start among slow ones passes (the minimum is the robust statistic on a
// busy machine); a failed request and a run without measured phases fail with a pointer.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { fakeRun } from "../../server/lessons/testing.ts";
import { check } from "./check.ts";

const start = (pop: string, moduleInitMs: number) => ({
  kind: "isolate_start" as const, t: 5, isolate: `hello@v1/${pop}#1`, pop, worker: "hello", version: "v1", modelMs: 7,
  measured: { createIsolateMs: 6, loadCodeMs: 0.3, bindingsMs: 0.2, moduleInitMs, fromPool: false, codeCache: "hit" },
});
const route = (req: string, pop: string) => ({ kind: "route" as const, t: 5, req, pop, host: "hello.example.com", path: "/", cache: "miss" as const, worker: "hello" });
const traffic = [{ from: "us-west", url: "https://hello.example.com/", ms: 17 }, { from: "eu-west", url: "https://hello.example.com/", ms: 17 }, { from: "us-west", url: "https://hello.example.com/", atMs: 1000, ms: 10 }];

test("a slow module init fails, naming the time and the isolate", () => {
  const result = check({ result: fakeRun(traffic, [start("us-west-pop", 31), start("eu-west-pop", 29.5), route("r1", "us-west-pop"), route("r2", "eu-west-pop")]) });
  assert.equal(result.pass, false);
  assert.match(result.hint, /29\.5 ms even at its fastest \(hello@v1\/eu-west-pop#1\)/);
  assert.equal(result.figures.find((f) => f.id === "cold-latency")?.value, 17);
  assert.equal(result.figures.find((f) => f.id === "warm-latency")?.value, 10);
});

test("one fast cold start passes even when another was slowed by a busy machine", () => {
  const result = check({ result: fakeRun(traffic, [start("us-west-pop", 12), start("eu-west-pop", 0.2)]) });
  assert.equal(result.pass, true, result.hint);
  assert.equal(result.figures.find((f) => f.id === "init-ms-min")?.value, 0.2);
});

test("a failed request or missing measurements fail with a pointer", () => {
  const failing = fakeRun([{ ...traffic[0]!, status: 503, body: "isolate ended: cpu_limit" }], [start("us-west-pop", 0.2)]);
  assert.match(check({ result: failing }).hint, /r1 from us-west got 503: isolate ended/);
  const unmeasured = fakeRun(traffic, [{ ...start("us-west-pop", 0), measured: {} }]);
  assert.match(check({ result: unmeasured }).hint, /no cold start in this run measured its phases/);
});
