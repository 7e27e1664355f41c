// Unit tests of lesson 10's check on hand-made runs: a read after the eviction that finds
// nothing fails with both times; a short count fails; no eviction fails; full reads pass.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { fakeRun } from "../../server/lessons/testing.ts";
import { check } from "./check.ts";

const b = "https://notes.example.com";
const evicted = { kind: "do_state" as const, t: 2000, object: "main", region: "ap-south", state: "evicted" as const, reason: "fault" };
const logins = [{ from: "ap-south", method: "POST", url: `${b}/login?user=ada` }, { from: "eu-west", method: "POST", url: `${b}/login?user=lin`, atMs: 100 }];
const reads = (status: number, count: number) => [{ from: "ap-south", url: `${b}/session?user=ada`, atMs: 3000, status, body: "{}" }, { from: "eu-west", url: `${b}/count`, atMs: 3100, body: JSON.stringify({ count }) }];

test("a read after the eviction that finds nothing fails, with both times", () => {
  const result = check({ result: fakeRun([...logins, ...reads(404, 0)], [evicted]) });
  assert.equal(result.pass, false);
  assert.match(result.hint, /^r3 at 3000 ms, after the eviction at 2000 ms, got 404/);
});

test("a count short of the logins fails; a run without an eviction fails", () => {
  assert.match(check({ result: fakeRun([...logins, ...reads(200, 1)], [evicted]) }).hint, /^r4 at 3100 ms/);
  assert.match(check({ result: fakeRun([...logins, ...reads(200, 2)]) }).hint, /never evicted/);
});

test("every read after the eviction finding the sessions passes", () => {
  const result = check({ result: fakeRun([...logins, ...reads(200, 2)], [evicted]) });
  assert.equal(result.pass, true, result.hint);
});
