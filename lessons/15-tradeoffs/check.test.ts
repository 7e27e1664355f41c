// Unit tests of lesson 15's check on hand-made runs: an unmeasured store fails; measured stores
// without picks ask for one; a wrong pick is named with the design's reason; right picks pass.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { fakeRun } from "../../server/lessons/testing.ts";
import { check, useCases } from "./check.ts";

const req = (path: string, ms: number, status = 200) => ({ from: "ap-south", url: `https://shop.example.com${path}`, ms, status });
const measured = [req("/kv", 20), req("/kv", 11), req("/do", 300), req("/do", 149), req("/origin", 400), req("/origin", 206)];
const right = Object.fromEntries(useCases.map((u) => [u.id, u.store]));

test("an unmeasured store fails", () => {
  assert.match(check({ result: fakeRun([req("/kv", 11), req("/do", 5, 501)]) }).hint, /^r2 \(\/do from ap-south\) got 501/);
});

test("measured stores ask for the picks; a wrong pick is named with the reason", () => {
  assert.match(check({ result: fakeRun(measured) }).hint, /KV 11 ms, Durable Object 149 ms, origin 206 ms\. Now pick a store for "sessions"/);
  const wrong = check({ result: fakeRun(measured), predictions: { ...right, cart: "Workers KV" } });
  assert.equal(wrong.hint, '"cart": you picked Workers KV; the design recommends Durable Object: adding and removing items must be atomic');
});

test("the right picks on measured stores pass, with warm p50s", () => {
  const result = check({ result: fakeRun(measured), predictions: right });
  assert.equal(result.pass, true, result.hint);
  assert.equal(result.figures.find((f) => f.id === "do-p50")?.value, 149);
});
