// Checks the explorer's messages at the socket edge: an explore message parses with its bounds
// defaulted; a bound past boundMax and an unknown property are refused with the field's path;
// check_history defaults to the request history; explore_replay needs traffic and bounds its choices; what the server sends validates.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { parseClientMessage, serverMessage } from "./index.ts";

test("explore parses with defaults; bad bounds and properties are named by path", () => {
  const parsed = parseClientMessage(JSON.stringify({ type: "explore", id: 3, property: { kind: "no-lost-update" } }));
  assert.deepEqual(parsed, { ok: true, value: { type: "explore", id: 3, property: { kind: "no-lost-update" }, bound: 2, runsMax: 4000, mode: "auto" } });
  const tooDeep = parseClientMessage(JSON.stringify({ type: "explore", property: { kind: "no-5xx" }, bound: 99 }));
  assert.ok(!tooDeep.ok && tooDeep.error.path === "bound");
  const unknown = parseClientMessage(JSON.stringify({ type: "explore", property: { kind: "telepathy" } }));
  assert.ok(!unknown.ok && unknown.error.path?.startsWith("property"));
  const predicate = parseClientMessage(JSON.stringify({ type: "explore", property: { kind: "predicate", code: "x".repeat(20_001) } }));
  assert.ok(!predicate.ok && predicate.error.limit === "predicateCodeCharsMax");
  assert.deepEqual(parseClientMessage(JSON.stringify({ type: "check_history" })), { ok: true, value: { type: "check_history", history: "requests" } });
  assert.ok(parseClientMessage(JSON.stringify({ type: "explore_cancel", id: 1 })).ok);
  assert.ok(parseClientMessage(JSON.stringify({ type: "explore_replay", kept: [0, 1], choices: [{ step: 4, eventId: 9 }] })).ok);
  const noTraffic = parseClientMessage(JSON.stringify({ type: "explore_replay", kept: [], choices: [] }));
  assert.ok(!noTraffic.ok && noTraffic.error.path === "kept");
  const tooMany = parseClientMessage(JSON.stringify({ type: "explore_replay", kept: [0], choices: Array.from({ length: 65 }, (_, i) => ({ step: i, eventId: i })) }));
  assert.ok(!tooMany.ok && tooMany.error.limit === "replayChoicesMax", JSON.stringify(tooMany));
});

test("progress, result and checked-history messages validate", () => {
  assert.ok(serverMessage.safeParse({ type: "explore_progress", replyTo: 3, runs: 10, distinctOrders: 8, phase: "systematic", failing: false }).success);
  const result = { type: "explore_result", replyTo: 3, verdict: "violated", property: "no-lost-update", runs: 1, distinctOrders: 1, bound: 2, seed: 8, exhaustive: false, statement: "failed on run 1", found: { choices: [], message: "lost" }, shrunk: { choices: [{ step: 4, eventId: 9, identity: "pop_arrive:r2:us-east-pop", label: "r2 reaches us-east-pop" }], kept: [0, 1], message: "lost", history: null }, explanation: "lost" };
  assert.ok(serverMessage.safeParse(result).success);
  const checked = { type: "history_checked", replyTo: null, verdict: "illegal", model: "counter", operations: [{ id: 0, client: "r1", f: "inc", key: null, input: 1, output: 1, unknown: false, callMs: 0, returnMs: null, label: "inc(1) → 1", evidence: [] }], linearizations: [{ key: null, verdict: "illegal", order: [0], stuck: 1, initialState: "0", states: ["1"] }], illegalKey: null, explanation: "x" };
  assert.ok(serverMessage.safeParse(checked).success);
});
