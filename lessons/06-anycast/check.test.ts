// Unit tests of lesson 6's check on hand-made runs: a 502 fails naming the request; a cart that
// lost the item added before the failover fails naming the item and the PoPs; a kept cart with
// an answered prediction passes, with the failover window measured from the trace.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { fakeRun } from "../../server/lessons/testing.ts";
import { check } from "./check.ts";

const add = (item: string, atMs: number) => ({ from: "us-west", method: "POST", url: `https://shop.example.com/cart/add?item=${item}`, atMs });
const traffic = [add("apple", 500), add("pear", 2000), { from: "us-west", url: "https://shop.example.com/cart", atMs: 20_000 }];
const faultAndHealth = [
  { kind: "fault" as const, t: 1000, fault: "pop_down", target: ["us-west-pop"], active: true },
  { kind: "health" as const, t: 10_000, pop: "us-west-pop", advertised: false },
];
const answered = (bodies: string[], statuses = [200, 200, 200]) => traffic.map((r, i) => ({ ...r, body: bodies[i]!, status: statuses[i]! }));

test("a request that got 502 fails the check, named", () => {
  const run = fakeRun(answered(["{}", "PoP us-west-pop is down", "{}"], [200, 502, 200]), faultAndHealth);
  const result = check({ result: run, predictions: { "where-r2": "x" } });
  assert.equal(result.pass, false);
  assert.match(result.hint, /r2 \(POST \/cart\/add\) got 502: PoP us-west-pop is down/);
});

test("a cart that lost the item added before the failover fails, naming it", () => {
  const run = fakeRun(answered(['{"items":["apple"]}', '{"items":["pear"]}', '{"items":["pear"]}']), faultAndHealth);
  const result = check({ result: run, predictions: { "where-r2": "x" } });
  assert.equal(result.pass, false);
  assert.match(result.hint, /the cart lost apple/);
  assert.equal(result.figures.find((f) => f.id === "failover-window")?.value, 9000);
});

test("a kept cart passes once the prediction is answered", () => {
  const run = fakeRun(answered(['{"items":["apple"]}', '{"items":["apple","pear"]}', '{"items":["apple","pear"]}']), faultAndHealth);
  assert.match(check({ result: run }).hint, /answer the prediction/);
  const result = check({ result: run, predictions: { "where-r2": "us-east" } });
  assert.equal(result.pass, true, result.hint);
});
