// Unit tests of lesson 4's check on hand-made runs: pollution seen by tenant B fails naming it;
// tenant A without pollution fails asking for it; A polluted and B pristine passes.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { fakeRun } from "../../server/lessons/testing.ts";
import { check } from "./check.ts";

const probe = (tenant: "A" | "B", dirty: boolean) => JSON.stringify({ tenant, arrayPrototypeMarked: dirty, globalSecret: dirty ? "k" : null, jsonPatched: false });
const run = (aDirty: boolean, bDirty: boolean) => fakeRun([
  { from: "us-west", url: "https://b.example.com/probe", body: probe("B", false) },
  { from: "us-west", url: "https://a.example.com/pollute", atMs: 100, body: "{}" },
  { from: "us-west", url: "https://a.example.com/probe", atMs: 200, body: probe("A", aDirty) },
  { from: "us-west", url: "https://b.example.com/probe", atMs: 300, body: probe("B", bDirty) },
]);

test("pollution seen by tenant B fails, naming what leaked", () => {
  assert.equal(check({ result: run(true, true) }).hint, 'r4: tenant B saw Array.prototype.owner, globalThis.secret = "k", set by tenant A');
});

test("tenant A without pollution fails; A polluted and B pristine passes", () => {
  assert.match(check({ result: run(false, false) }).hint, /^tenant A's probe r3 shows pristine built-ins/);
  const good = check({ result: run(true, false), measured: { "isolate-mb": 0.87 } });
  assert.equal(good.pass, true, good.hint);
  assert.equal(good.figures.find((f) => f.id === "isolate-mb")?.value, 0.87);
});
