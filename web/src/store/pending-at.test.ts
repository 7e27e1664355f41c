// A learner who steps back sees what was pending at that moment: the cursor maps to the step
// whose world it shows, the first list reported at each step is kept, a branch drops the old
// future's lists, and a moment whose list was never reported says so instead of showing the present's.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { handleServerMessage } from "../protocol-client/handle.ts";
import { createAppStore } from "./index.ts";
import { PendingHistory, pendingHistoryLimits, shownPending } from "./pending-at.ts";
import { worldStepAt } from "./step-index.ts";

const e = (id: number, timeMs = 0, reorderable = true) => ({ id, timeMs, kind: "x", label: `e${id}`, reorderable });

test("the cursor shows the world of the last step whose trace ends at or before it", () => {
  const ends = [1, 3, 6, 7, 7];
  assert.equal(worldStepAt(ends, 1), 0, "the start entry alone: the world as loaded");
  assert.equal(worldStepAt(ends, 3), 1);
  assert.equal(worldStepAt(ends, 5), 1, "inside step 2's entries: step 2 has not finished");
  assert.equal(worldStepAt(ends, 6), 2);
  assert.equal(worldStepAt(ends, 7), 4, "steps that added nothing share an end: the last of them");
});

test("the history keeps each step's first list, forgets the old future at a branch, and is bounded", () => {
  const h = new PendingHistory();
  h.record(3, [e(1)]);
  h.record(3, [e(1), e(2)]);
  assert.deepEqual(h.at(3), [e(1)], "a later list at the same step followed an action there");
  h.record(4, [e(2)]);
  h.truncate(3);
  assert.equal(h.at(4), null);
  for (let s = 10; s < 10 + pendingHistoryLimits.pendingHistoryStepsMax + 1; s++) h.record(s, []);
  assert.equal(h.at(3), null, "the oldest step is forgotten first");
  assert.deepEqual(h.at(10 + pendingHistoryLimits.pendingHistoryStepsMax), []);
});

test("stepping back shows the pending list of that moment, or says it was not recorded", () => {
  const store = createAppStore();
  const send = () => {};
  handleServerMessage(store, { type: "trace", offset: 0, entries: [{ kind: "start" }, { kind: "a" }, { kind: "b" }] as never, firstStep: 0, stepEnds: [1, 2, 3] }, send);
  handleServerMessage(store, { type: "pending", step: 0, events: [e(1), e(2)], total: 2 }, send);
  handleServerMessage(store, { type: "pending_changed", step: 1, removed: [1], added: [e(3, 5)], shown: 2, total: 2 }, send);
  handleServerMessage(store, { type: "pending_changed", step: 2, removed: [2], added: [], shown: 1, total: 1 }, send);
  const state = () => ({ ...store.getState(), traceLength: store.getState().trace.length });
  assert.deepEqual(shownPending(state()), { events: [e(3, 5)], pastStep: null }, "at the present: the live list");
  store.getState().seek(2);
  assert.deepEqual(shownPending(state()), { events: [e(2), e(3, 5)], pastStep: 1 });
  store.getState().seek(1);
  assert.deepEqual(shownPending(state()).events?.map((p) => p.id), [1, 2]);
  // A run that went past steps in one go reported only its last one.
  handleServerMessage(store, { type: "trace", offset: 3, entries: [{ kind: "c" }, { kind: "d" }] as never, firstStep: 3, stepEnds: [4, 5] }, send);
  handleServerMessage(store, { type: "pending_changed", step: 4, removed: [3], added: [], shown: 0, total: 0 }, send);
  store.getState().seek(4);
  assert.deepEqual(shownPending(state()), { events: null, pastStep: 3 });
});
