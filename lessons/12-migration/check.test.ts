// Unit tests of lesson 12's check on hand-made runs: a deposit that wrote and then was
// redirected, with a balance too high, is named as applied twice; a 307 that reaches the client
// is a lost deposit; a balance equal to the sum passes.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { fakeRun } from "../../server/lessons/testing.ts";
import { check } from "./check.ts";

const b = "https://bank.example.com";
const dep = (from: string, status = 200) => ({ from, method: "POST", url: `${b}/deposit?amount=10`, status, ms: 400 });
const read = (balance: number) => ({ from: "us-east", url: `${b}/balance`, atMs: 5000, body: JSON.stringify({ balance }) });
const obj = "acct";
const move = [
  { kind: "do_storage" as const, t: 46, object: obj, req: "o1", method: "put", ok: true },
  { kind: "do_migrate" as const, t: 200, object: obj, from: "us-west", to: "eu-west" },
  { kind: "do_redirect" as const, t: 200, object: obj, req: "o1", location: `${b}/deposit?amount=10`, owner: "eu-west" },
  { kind: "do_redirect" as const, t: 200, object: obj, req: "o2", location: `${b}/deposit?amount=10`, owner: "eu-west" },
];

test("a write before the move plus a retry after it is named as applied twice", () => {
  const result = check({ result: fakeRun([dep("us-east"), dep("eu-west"), read(30)], move) });
  assert.equal(result.pass, false);
  assert.match(result.hint, /^o1 wrote the balance at us-west and then got 307 when it failed at 200 ms; the retry applied it again at eu-west\. Final balance 30, but the deposits add up to 20: applied twice\.$/);
});

test("a 307 that reaches the client is a lost deposit", () => {
  const result = check({ result: fakeRun([dep("us-east", 307), dep("eu-west"), read(10)], move) });
  assert.match(result.hint, /^r1 from us-east got 307 .*retry it/);
});

test("a balance equal to the sum of the deposits passes", () => {
  const result = check({ result: fakeRun([dep("us-east"), dep("eu-west"), read(20)], move) });
  assert.equal(result.pass, true, result.hint);
  assert.equal(result.figures.find((f) => f.id === "applied-before-move")?.value, 1);
});
