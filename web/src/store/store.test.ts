// Checks the store's slices and the protocol handler over them: trace chunks append by offset
// (a gap asks for a resync, an overlap replaces), the cursor follows the head until the learner
// seeks back, a branch truncates, pending events keep a reorderable selection, the editor tracks
// dirty files, lesson predictions must be answered before they are revealed, and the client's
// protocol version equals the server's.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { protocolVersion } from "../../../server/protocol/index.ts";
import type { ServerMessage, SessionState, TraceEntry } from "../../../server/protocol/index.ts";
import { handleServerMessage } from "../protocol-client/handle.ts";
import { stepAt } from "./step-index.ts";
import { clientProtocolVersion } from "../protocol-client/client.ts";
import { createAppStore } from "./index.ts";

const entry = (t: number): TraceEntry => ({ kind: "log", t, isolate: "i", req: null, level: "info", message: `m${t}` });
const state: SessionState = { step: 0, position: 0, nowMs: 0, traceLength: 0, playing: false, speed: 1, atRest: true, branch: 0, scenario: null, lessonId: null, projectId: null, seed: 1 };

test("the client speaks the server's protocol version", () => {
  assert.equal(clientProtocolVersion, protocolVersion);
});

test("trace chunks append by offset; a gap asks for a resync; an overlap replaces", () => {
  const store = createAppStore();
  const sent: unknown[] = [];
  const feed = (m: ServerMessage) => handleServerMessage(store, m, (x) => sent.push(x));
  feed({ type: "trace", offset: 0, entries: [entry(0), entry(1)], firstStep: 0, stepEnds: [1, 2] });
  assert.equal(store.getState().trace.length, 2);
  assert.equal(store.getState().cursor, 2, "the cursor follows the head");
  feed({ type: "trace", offset: 5, entries: [entry(5)], firstStep: 4, stepEnds: [6] });
  assert.equal(store.getState().trace.length, 2, "a chunk after a gap is not applied");
  assert.deepEqual(sent, [{ type: "resync", fromOffset: 2 }]);
  feed({ type: "trace", offset: 1, entries: [entry(10), entry(11), entry(12)], firstStep: 1, stepEnds: [2, 3, 4] });
  assert.deepEqual(store.getState().trace.map((e) => e.t), [0, 10, 11, 12]);
  assert.deepEqual(store.getState().stepEnds, [1, 2, 3, 4]);
});

test("seeking back stops following; new chunks keep the cursor; a branch truncates", () => {
  const store = createAppStore();
  const feed = (m: ServerMessage) => handleServerMessage(store, m, () => {});
  feed({ type: "state", state: { ...state, step: 4, position: 4, traceLength: 4 } });
  feed({ type: "trace", offset: 0, entries: [0, 1, 2, 3].map(entry), firstStep: 0, stepEnds: [1, 2, 3, 4] });
  store.getState().seek(2);
  feed({ type: "trace", offset: 4, entries: [entry(4)], firstStep: 4, stepEnds: [5] });
  assert.equal(store.getState().cursor, 2);
  assert.equal(store.getState().following, false);
  feed({ type: "branch", replyTo: null, step: 2, offset: 2, branch: 1 });
  assert.equal(store.getState().trace.length, 2);
  assert.deepEqual(store.getState().stepEnds, [1, 2]);
  assert.equal(store.getState().branch, 1);
  assert.deepEqual([store.getState().server?.step, store.getState().server?.position, store.getState().server?.atRest, store.getState().server?.branch, store.getState().server?.traceLength], [2, 2, false, 1, 2], "the world is at the branch step until its next state arrives");
  store.getState().seek(99);
  assert.equal(store.getState().cursor, 2, "seek clamps to the trace");
});

test("stepAt maps a cursor to the step that recorded it", () => {
  const ends = [1, 3, 3, 7];
  assert.equal(stepAt(ends, 0), 0);
  assert.equal(stepAt(ends, 1), 1);
  assert.equal(stepAt(ends, 3), 3);
  assert.equal(stepAt(ends, 6), 3);
  assert.equal(stepAt(ends, 7), 4);
});

test("pending events keep a reorderable selection", () => {
  const store = createAppStore();
  const events = [{ id: 1, timeMs: 0, kind: "x", label: "a", reorderable: false }, { id: 2, timeMs: 0, kind: "x", label: "b", reorderable: true }];
  handleServerMessage(store, { type: "pending", step: 0, events, total: 2 }, () => {});
  assert.equal(store.getState().selectedPending, 2, "the first reorderable event is selected");
  store.getState().selectPending(2);
  handleServerMessage(store, { type: "pending", step: 1, events: [events[0]!], total: 1 }, () => {});
  assert.equal(store.getState().selectedPending, null);
});

test("a pending change is applied in run order; one that disagrees asks for the whole list", () => {
  const store = createAppStore();
  const e = (id: number, timeMs: number, reorderable = true) => ({ id, timeMs, kind: "x", label: `e${id}`, reorderable });
  const sent: unknown[] = [];
  handleServerMessage(store, { type: "pending", step: 0, events: [e(1, 0, false), e(2, 5)], total: 2 }, (m) => sent.push(m));
  handleServerMessage(store, { type: "pending_changed", step: 1, removed: [1], added: [e(4, 5), e(3, 1)], shown: 3, total: 3 }, (m) => sent.push(m));
  assert.deepEqual(store.getState().pending.map((p) => p.id), [3, 2, 4]);
  assert.equal(store.getState().selectedPending, 2, "the selection stays on an event still pending");
  assert.equal(sent.length, 0);
  // A change that removes an id this client never had leaves it one event long, not `shown`.
  handleServerMessage(store, { type: "pending_changed", step: 2, removed: [9], added: [], shown: 2, total: 2 }, (m) => sent.push(m));
  assert.deepEqual(sent, [{ type: "resync", fromOffset: 0 }]);
});

test("welcome opens the session and asks for the trace of a resumed world", () => {
  const store = createAppStore();
  const sent: unknown[] = [];
  handleServerMessage(store, { type: "welcome", version: 2, token: "t", resumed: true, limits: { a: 1 }, state: { ...state, traceLength: 40 } }, (m) => sent.push(m));
  assert.equal(store.getState().connection, "open");
  assert.equal(store.getState().token, "t");
  assert.deepEqual(sent, [{ type: "resync", fromOffset: 0 }]);
});

test("the editor tracks which files changed", () => {
  const store = createAppStore();
  store.getState().setFiles({ "app.js": "a", "scenario.json": "{}" }, "app.js");
  assert.deepEqual(store.getState().dirty, []);
  store.getState().setFile("app.js", "a");
  assert.deepEqual(store.getState().dirty, [], "an unchanged text is not a change");
  store.getState().setFile("app.js", "b");
  assert.deepEqual(store.getState().dirty, ["app.js"]);
  store.getState().openFile("missing.js");
  assert.equal(store.getState().activeFile, "app.js");
  store.getState().markClean();
  assert.deepEqual(store.getState().dirty, []);
});

test("a prediction is revealed only after it is answered, and Check results are kept", () => {
  const store = createAppStore();
  store.setState({ lessons: [{ id: "08-x", number: 8, title: "T", summary: "S", minutes: 5, intro: "", steps: [{ title: "a", body: "", predict: null, diagram: null, figures: [] }, { title: "b", body: "", predict: null, diagram: null, figures: [] }], starter: "", scenario: {} }] });
  store.getState().openLesson("08-x");
  store.getState().reveal("q");
  assert.deepEqual(store.getState().progress["08-x"]!.revealed, [], "no reveal before an answer");
  store.getState().answer("q", "1");
  store.getState().reveal("q");
  assert.deepEqual(store.getState().progress["08-x"]!.revealed, ["q"]);
  store.getState().goToStep(5);
  assert.equal(store.getState().progress["08-x"]!.stepIndex, 1, "steps clamp to the lesson");
  handleServerMessage(store, { type: "lesson_check", replyTo: 1, lessonId: "08-x", pass: false, hint: "r2 and r4 read v0", figures: [] }, () => {});
  assert.equal(store.getState().progress["08-x"]!.passed, false);
  assert.equal(store.getState().progress["08-x"]!.lastHint, "r2 and r4 read v0");
  handleServerMessage(store, { type: "lesson_check", replyTo: 2, lessonId: "08-x", pass: true, hint: "ok", figures: [] }, () => {});
  assert.equal(store.getState().progress["08-x"]!.passed, true);
});

test("a lesson's world arriving late gives the editor its files but does not reopen a lesson the learner left", () => {
  const store = createAppStore();
  const lesson = { id: "hello", scenario: { name: "hello", worker: { name: "app", code: "export default {}", routes: ["a.example.com/*"] } }, starter: "export default { fetch() { return new Response('hi') } }" };
  store.getState().openLesson("hello");
  store.getState().openLesson(null);
  handleServerMessage(store, { type: "lesson_loaded", replyTo: 1, lesson } as never, () => {});
  assert.equal(store.getState().openLessonId, null, "All lessons, clicked while the world loaded, stays");
  assert.match(store.getState().files["app.js"] ?? "", /hi/, "the editor shows the world's code");
});
