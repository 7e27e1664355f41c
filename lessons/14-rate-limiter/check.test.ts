// Unit tests of lesson 14's check on hand-made runs: over-admission fails naming the extra
// requests and the stale reads; an exact split passes; an error status fails with its body.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { fakeRun } from "../../server/lessons/testing.ts";
import { check } from "./check.ts";

const req = (from: string, status: number) => ({ from, url: "https://api.example.com/search", status, headers: {} });
const regions = ["us-west", "us-east", "eu-west", "ap-south"];
const stale = (req: string) => ({ kind: "kv_read" as const, t: 5, req, pop: "x-pop", key: "user-42:0", version: null, stale: true, source: "miss" });

test("over-admission fails naming the extra requests and the stale reads", () => {
  const run = fakeRun(regions.flatMap((r) => [req(r, 200), req(r, 200)]), [stale("r3"), stale("r8")]);
  const result = check({ result: run });
  assert.equal(result.pass, false);
  assert.match(result.hint, /^8 of 8 requests admitted with a limit of 5, over by r6 \(eu-west\), r7 \(ap-south\) and r8 \(ap-south\): 2 of the admitted/);
});

test("exactly five admitted and the rest refused passes; a 500 fails", () => {
  const statuses = [200, 200, 200, 200, 200, 429, 429, 429];
  assert.equal(check({ result: fakeRun(statuses.map((s, i) => req(regions[i % 4]!, s))) }).pass, true);
  const broken = check({ result: fakeRun([req("us-west", 500)]) });
  assert.match(broken.hint, /^r1 from us-west got 500/);
});
