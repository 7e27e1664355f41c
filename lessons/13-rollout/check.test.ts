// Unit tests of lesson 13's check on hand-made runs (the pins come from the lesson's scenario:
// the first ten requests pin v1): a pinned request answered in v2 fails naming the earlier v1
// answer; an unpinned request stuck on v1 after the rollout fails; the right formats pass.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { fakeRun } from "../../server/lessons/testing.ts";
import { check } from "./check.ts";

const u = "https://profile.example.com/me";
const v1 = JSON.stringify({ version: "v1", name: "Ada" });
const v2 = JSON.stringify({ version: "v2", user: { name: "Ada" } });
const req = (i: number, body: string, runs: string) => ({ from: i % 2 ? "eu-west" : "us-west", url: u, atMs: i * 2500, body, headers: { "x-deployment-version": runs } });
const deploy = { kind: "deploy" as const, t: 31_000, worker: "profile", version: "v2", pop: "ap-south-pop" };
const pinned = (format: (i: number) => string) => Array.from({ length: 10 }, (_, i) => req(i, format(i), i % 2 ? "v1" : "v2"));
const late = (body: string) => [{ from: "eu-west", url: u, atMs: 60_000, body }, { from: "ap-south", url: u, atMs: 60_000, body }];

test("a pinned request answered in the v2 format fails, naming the earlier v1 answer", () => {
  const result = check({ result: fakeRun([...pinned((i) => (i === 2 ? v2 : v1)), ...late(v2)], [deploy]) });
  assert.equal(result.pass, false);
  assert.match(result.hint, /^r3 from us-west pinned v1 but reached a PoP running v2 and got the v2 format; r2 from eu-west had been answered in v1/);
});

test("an unpinned request still on v1 after the rollout fails; the right formats pass", () => {
  assert.match(check({ result: fakeRun([...pinned(() => v1), ...late(v1)], [deploy]) }).hint, /^r11 from eu-west pinned nothing/);
  const good = check({ result: fakeRun([...pinned(() => v1), ...late(v2)], [deploy]) });
  assert.equal(good.pass, true, good.hint);
  assert.equal(good.figures.find((f) => f.id === "served-by-newer")?.value, 5);
});
