// Unit tests of lesson 3's check on hand-made runs: an isolate ended by a limit fails, naming
// the request and what the next request found; a non-200 without a kill fails; a clean run passes.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { fakeRun } from "../../server/lessons/testing.ts";
import { check } from "./check.ts";

const url = "https://limits.example.com";
const traffic = [{ from: "us-west", url: `${url}/` }, { from: "us-west", url: `${url}/slow`, atMs: 500, status: 503 }, { from: "us-west", url: `${url}/`, atMs: 1500, body: "ok, request 1 on this isolate\n" }];

test("a CPU-limit kill fails, naming the request and the fresh isolate after it", () => {
  const end = { kind: "isolate_end" as const, t: 505, isolate: "limits@v1/us-west-pop#1", pop: "us-west-pop", reason: "cpu_limit", requests: ["r2"] };
  const result = check({ result: fakeRun(traffic, [end]) });
  assert.equal(result.pass, false);
  assert.equal(result.hint, 'r2 ended limits@v1/us-west-pop#1 by cpu_limit and got 503; r3 then started a fresh isolate and answered "ok, request 1 on this isolate"');
  assert.equal(result.figures.find((f) => f.id === "isolates-killed")?.value, 1);
});

test("a crash is not a limit, but its non-200 answer still fails", () => {
  const end = { kind: "isolate_end" as const, t: 505, isolate: "x", pop: "us-west-pop", reason: "crashed", requests: ["r2"] };
  assert.match(check({ result: fakeRun(traffic, [end]) }).hint, /^r2 got 503/);
});

test("a run without kills and with every answer 200 passes", () => {
  const ok = traffic.map((t) => ({ ...t, status: 200 }));
  assert.equal(check({ result: fakeRun(ok) }).pass, true);
});
