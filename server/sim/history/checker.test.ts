// Checks the checker on small histories written by hand: a stale read is illegal and explained
// by naming the write, its acknowledgement and the read; overlapping operations may take either
// order; an unknown outcome may or may not have happened; two increments answering the same
// count are illegal and named; a step budget answers `unknown`; EDN export reads back the same.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { checkHistory } from "./checker.ts";
import { parseEdnHistory, parseJepsenLog, toJepsenEdn } from "./jepsen.ts";
import { counterModel, kvModel, registerModel } from "./models.ts";
import type { Operation } from "./types.ts";

let nextId = 0;
const op = (client: string, f: string, input: Operation["input"], output: Operation["output"], callMs: number, returnMs: number, extra: Partial<Operation> = {}): Operation =>
  ({ id: nextId++, client, f, key: null, input, output, unknown: false, callMs, returnMs, ...extra });

test("a read after an acknowledged write that sees the old value is illegal, explained", () => {
  const h = [op("r1", "write", 101, null, 10, 42), op("r2", "read", null, 100, 50, 60), op("r0", "write", 100, null, 0, 5)];
  const answer = checkHistory(registerModel(), h);
  assert.equal(answer.verdict, "illegal");
  assert.match(answer.explanation!, /r1 wrote 101 and was acknowledged at 42 ms; r2 began at 50 ms, after that acknowledgement, yet read 100/);
  assert.match(answer.explanation!, /No order of these operations explains that read/);
});

test("overlapping operations may linearize in either order; ok gives a full linearization", () => {
  const h = [op("a", "write", 1, null, 0, 100), op("b", "read", null, 1, 10, 20), op("c", "read", null, null, 5, 15)];
  const answer = checkHistory(registerModel(), h);
  assert.equal(answer.verdict, "ok");
  assert.deepEqual(answer.partitions[0]!.linearization.length, 3);
});

test("an unknown outcome may have happened or not", () => {
  const lost = op("a", "write", 7, null, 0, Infinity, { unknown: true });
  assert.equal(checkHistory(registerModel(), [lost, op("b", "read", null, 7, 10, 20)]).verdict, "ok");
  assert.equal(checkHistory(registerModel(), [lost, op("b", "read", null, null, 10, 20)]).verdict, "ok");
  assert.equal(checkHistory(registerModel(), [lost, op("b", "read", null, 8, 10, 20)]).verdict, "illegal");
});

test("two increments answering the same count are illegal and both are named", () => {
  const h = [
    op("r1", "inc", 1, 1, 0, 88, { evidence: ["read n at 5 ms: no value"] }),
    op("r2", "inc", 1, 1, 0, 90, { evidence: ["read n at 5 ms: no value"] }),
  ];
  const answer = checkHistory(counterModel(), h);
  assert.equal(answer.verdict, "illegal");
  assert.match(answer.explanation!, /r1 \(0 ms to 88 ms\) \(read n at 5 ms: no value\) and r2 .* each answered 1/);
  assert.equal(checkHistory(counterModel(), [op("r1", "inc", 1, 1, 0, 88), op("r2", "inc", 1, 2, 0, 90)]).verdict, "ok");
});

test("the key-value model checks each key on its own", () => {
  const h = [op("a", "put", "x", null, 0, 1, { key: "k1" }), op("b", "get", null, "", 2, 3, { key: "k2" }), op("c", "get", null, "x", 2, 3, { key: "k1" })];
  const answer = checkHistory(kvModel(), h);
  assert.equal(answer.verdict, "ok");
  assert.equal(answer.partitions.length, 2);
});

test("a step budget answers unknown instead of searching on", () => {
  const h = Array.from({ length: 16 }, (_, i) => op(`c${i}`, "write", i, null, 0, Infinity, { unknown: true }));
  h.push(op("r", "read", null, 99, 1, 2));
  const answer = checkHistory(registerModel(), h, { stepsMax: 1000 });
  assert.equal(answer.verdict, "unknown");
  assert.match(answer.explanation!, /budget/);
});

test("EDN export reads back as the same history; the etcd log's timed-out read is unknown", () => {
  const h = [op("r1", "write", 3, null, 0, 4), op("r2", "read", null, 3, 5, 9), op("r3", "cas", [3, 4], true, 6, 8), op("r4", "write", 9, null, 7, Infinity, { unknown: true })];
  const back = parseEdnHistory(toJepsenEdn(h));
  assert.ok(back.ok);
  assert.deepEqual(back.value.map((o) => [o.f, o.input, o.output, o.unknown, o.returnMs === Infinity]), h.map((o) => [o.f, o.input, o.output, o.unknown, o.returnMs === Infinity]));
  assert.equal(checkHistory(registerModel(), back.value).verdict, checkHistory(registerModel(), h).verdict);
  const log = parseJepsenLog("INFO  jepsen.util - 0\t:invoke\t:read\tnil\nINFO  jepsen.util - 0\t:fail\t:read\t:timed-out\nINFO  jepsen.util - 1\t:invoke\t:cas\t[1 4]\nINFO  jepsen.util - 1\t:fail\t:cas\t[1 4]\n");
  assert.ok(log.ok);
  assert.deepEqual(log.value.map((o) => [o.f, o.unknown, o.output, o.returnMs]), [["read", true, null, 1], ["cas", false, false, 3]]);
  const bad = parseEdnHistory("{:process 0, :type :bogus, :f :read}");
  assert.ok(!bad.ok && /:type must be/.test(bad.error.message));
});
