// Lesson 17's check on hand-made runs: growth over 1 MiB after GC fails and quotes what grew and
// its retainer path; a flat heap passes; failed lab requests fail even with a flat heap.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { fakeRun } from "../../server/lessons/testing.ts";
import { check } from "./check.ts";

const run = fakeRun([{ from: "us-east", url: "https://profiles.example.com/?user=ada", body: "<h1>ada</h1>" }]);
const heap = (growth: number, failed = 0) => ({ "heap-start-bytes": 3e6, "heap-end-bytes": 3e6 + growth, "heap-growth-bytes": growth, requests: 1000, "failed-requests": failed, "grew-most-count": 900 });

test("a growing heap fails with the class that grew and its path", () => {
  const result = check({ result: run, measured: heap(4e6), notes: { "grew-most": "string", "grew-most-path": "(scope) → rendered (Map)" } });
  assert.equal(result.pass, false);
  assert.match(result.hint, /grew by 3\.8 MB/);
  assert.match(result.hint, /900 more string, kept by \(scope\) → rendered \(Map\)/);
});

test("a flat heap passes", () => {
  const result = check({ result: run, measured: heap(50_000) });
  assert.equal(result.pass, true);
  assert.match(result.hint, /49 KB over 900 requests/);
});

test("lab requests that failed fail the check", () => {
  assert.match(check({ result: run, measured: heap(0, 3) }).hint, /3 of the 1,000 lab requests failed/);
});
