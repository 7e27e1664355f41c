// Checks the history view's geometry on a lost update (four increments that all answered 1, so
// only one linearizes): one row per client in name order, bars from call to return on one time
// axis of event order (as Porcupine spaces them), the linearized one numbered with the model's states before and after, the impossible
// one marked "stuck" with the state it could not follow, an open operation drawn to the end, and
// the linearization path through points inside each interval.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import type { CheckedHistory } from "../store/explore-slice.ts";
import { everyNth, historyGeometry, historyLayout } from "./history-layout.ts";

const op = (id: number, client: string, callMs: number, returnMs: number | null) => ({ id, client, f: "inc", key: null, input: 1, output: 1, unknown: returnMs === null, callMs, returnMs, label: `inc(1) → 1`, evidence: [`${client} read views`] });

const lostUpdate: CheckedHistory = {
  verdict: "illegal",
  model: "counter",
  operations: [op(0, "r1", 0, 40), op(1, "r2", 10, 50), op(2, "r10", 60, 90), op(3, "r3", 20, null)],
  linearizations: [{ key: null, verdict: "illegal", order: [0], stuck: 1, initialState: "0", states: ["1"] }],
  illegalKey: null,
  explanation: "r1 and r2 each answered 1",
};

test("rows per client in name order; bars span call to return on one axis of event order", () => {
  const layout = historyLayout(lostUpdate, 564);
  assert.deepEqual(layout.rows.map((r) => r.client), ["r1", "r2", "r3", "r10"]);
  const [r1, r2, r10, r3] = layout.bars;
  const left = historyGeometry.labelWidthPx + historyGeometry.padPx;
  assert.equal(r1!.x, left, "the earliest call starts the axis");
  assert.ok(r2!.x > r1!.x && r2!.x + r2!.width > r1!.x + r1!.width, "r2 starts and ends later");
  // Calls and returns 0, 10, 20, 40, 50, 60, 90 (and r3 open) take evenly spaced slots, in order.
  const slot = (564 - historyGeometry.labelWidthPx - 2 * historyGeometry.padPx) / 7;
  assert.ok(Math.abs(r1!.width - 3 * slot) < 1e-9, "r1 spans from the 1st event to the 4th");
  assert.ok(Math.abs(r10!.width - slot) < 1e-9, "r10 from the 6th to the 7th");
  assert.ok(r10!.x > r2!.x + r2!.width - 1e-9, "r10 began after r2 returned, and is drawn so");
  assert.ok(r10!.y > r3!.y, "r10's row is below r3's");
  assert.equal(r3!.open, true);
  assert.equal(r3!.x + r3!.width, 564 - historyGeometry.padPx, "an open operation runs to the end of the axis");
  assert.equal(layout.height, historyGeometry.axisHeightPx + 2 * historyGeometry.padPx + 4 * historyGeometry.rowHeightPx);
});

test("the linearization is numbered with states; the impossible operation is marked", () => {
  const layout = historyLayout(lostUpdate, 600);
  const [r1, r2, r10] = layout.bars;
  assert.deepEqual([r1!.kind, r1!.order, r1!.before, r1!.after], ["linearized", 1, "0", "1"]);
  assert.deepEqual([r2!.kind, r2!.order, r2!.before, r2!.after], ["stuck", null, "1", null], "r2 cannot follow the state 1");
  assert.equal(r10!.kind, "unlinearized");
  assert.equal(layout.paths.length, 1);
  assert.equal(layout.paths[0]!.illegal, true);
  assert.deepEqual(layout.paths[0]!.points.map((p) => p.x), [r1!.x]);
});

test("linearization points stay inside their intervals and never go back", () => {
  const ok: CheckedHistory = { ...lostUpdate, verdict: "ok", operations: [op(0, "a", 0, 100), op(1, "b", 10, 20), op(2, "c", 5, 200)], linearizations: [{ key: null, verdict: "ok", order: [1, 0, 2], stuck: null, initialState: "0", states: ["1", "2", "3"] }] };
  const layout = historyLayout(ok, 500);
  const xs = layout.paths[0]!.points.map((p) => p.x);
  assert.ok(xs[0]! <= xs[1]! && xs[1]! <= xs[2]!, `non-decreasing: ${xs}`);
  layout.paths[0]!.points.forEach((p, i) => {
    const bar = layout.bars[[1, 0, 2][i]!]!;
    assert.ok(p.x >= bar.x && p.x <= bar.x + bar.width, `point ${i} inside its bar`);
  });
  assert.deepEqual(layout.bars.map((b) => b.after), ["2", "1", "3"]);
});

test("ticks label event times, at most a few, first and last kept", () => {
  assert.deepEqual(everyNth([1, 2, 3], 7), [1, 2, 3]);
  assert.deepEqual(everyNth([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 4), [0, 3, 6, 9]);
  assert.deepEqual(historyLayout(lostUpdate, 564).ticks.map((t) => t.label), ["0 ms", "10 ms", "20 ms", "40 ms", "50 ms", "60 ms", "90 ms"]);
});
