// Checks the Explore panel's state as the protocol handler drives it: an exploration goes from
// starting (the ack gives its id) through progress to its result; an error answering the
// exploration's id ends it; a checked history replaces the previous one and clears the focus.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { handleServerMessage } from "../protocol-client/handle.ts";
import { createAppStore } from "./index.ts";

test("an exploration goes from starting through progress to its result", () => {
  const store = createAppStore();
  const feed = (m: Parameters<typeof handleServerMessage>[1]) => handleServerMessage(store, m, () => {});
  store.getState().exploreStarted(4_000, 5);
  assert.equal(store.getState().exploreStatus, "starting");
  feed({ type: "explore_progress", replyTo: 7, runs: 10, distinctOrders: 9, phase: "systematic", failing: false });
  assert.equal(store.getState().exploreStatus, "running", "progress before the ack still counts");
  store.getState().exploreRunning(7);
  assert.equal(store.getState().exploreProgress?.runs, 10);
  feed({ type: "explore_result", replyTo: 7, verdict: "violated", property: "no-lost-update", runs: 12, distinctOrders: 11, bound: 2, seed: 8, exhaustive: false, statement: "failed on run 12", found: null, shrunk: null, explanation: null });
  assert.equal(store.getState().exploreStatus, "done");
  assert.equal(store.getState().exploreResult?.statement, "failed on run 12");
  feed({ type: "explore_progress", replyTo: 7, runs: 13, distinctOrders: 12, phase: "random", failing: true });
  assert.equal(store.getState().exploreProgress?.runs, 10, "progress after the result is ignored");
});

test("an error answering the exploration ends it; other errors do not", () => {
  const store = createAppStore();
  store.getState().exploreStarted(100, null);
  store.getState().exploreRunning(3);
  handleServerMessage(store, { type: "error", replyTo: 9, code: "bad_message", blame: "user", message: "x" }, () => {});
  assert.equal(store.getState().exploreStatus, "running");
  handleServerMessage(store, { type: "error", replyTo: 3, code: "invalid_property", blame: "user", message: "the predicate does not load" }, () => {});
  assert.equal(store.getState().exploreStatus, "idle");
  assert.match(store.getState().notices.at(-1)!.text, /predicate does not load/);
});

test("a checked history replaces the last one and clears the focus", () => {
  const store = createAppStore();
  store.getState().focusOperation(2);
  handleServerMessage(store, { type: "history_checked", replyTo: 1, verdict: "ok", model: "counter", operations: [], linearizations: [], illegalKey: null, explanation: null }, () => {});
  assert.equal(store.getState().checkedHistory?.verdict, "ok");
  assert.equal(store.getState().historyFocus, null);
});
