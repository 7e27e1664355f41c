import assert from "node:assert/strict";
import { test } from "node:test";
import type { FlameWireNode, HeapSample } from "../../../server/protocol/index.ts";
import { bars, flameLayout, heapChart } from "./chart-layout.ts";

const sample = (step: number, usedBytes: number): HeapSample => ({ isolate: "w@v1/p#1", worker: "w", step, usedBytes, totalBytes: usedBytes, limitBytes: 4000, externalBytes: 0 });

test("the heap chart climbs left to right and marks a collection as a drop", () => {
  const chart = heapChart([sample(0, 1000), sample(5, 2000), sample(10, 1500)], 100, 50);
  // The floor is 90% of the smallest value (900 bytes): 1000 → 45.5, 2000 → 0, 1500 → 22.7.
  assert.equal(chart.points, "0,45.5 50,0 100,22.7");
  assert.deepEqual(chart.drops, [{ x: 100, y: 22.7 }]);
  assert.equal(chart.maxBytes, 2000);
  assert.equal(chart.limitY, 0, "a limit above the chart sits at its top");
});

test("the flame chart places children under their parent by total time, and drops unreadable frames", () => {
  const leaf = (name: string, totalMs: number): FlameWireNode => ({ name, url: "w.js", line: 1, selfMs: totalMs, totalMs, children: [] });
  const root: FlameWireNode = { name: "(root)", url: "", line: 0, selfMs: 0, totalMs: 10, children: [{ name: "fetch", url: "w.js", line: 3, selfMs: 1, totalMs: 9, children: [leaf("hot", 6), leaf("tiny", 0.001), leaf("cold", 2)] }] };
  const rects = flameLayout(root, 100, 20);
  assert.deepEqual(rects.map((r) => [r.name, r.x, r.y, r.width]), [["(root)", 0, 0, 100], ["fetch", 0, 20, 90], ["hot", 0, 40, 60], ["cold", 60, 40, 20]]);
});

test("bars switch to a log scale when values span more than 100x", () => {
  assert.equal(bars([{ label: "a", value: 1 }, { label: "b", value: 2 }], 100).log, false);
  const wide = bars([{ label: "isolate", value: 2 }, { label: "process", value: 800 }], 100);
  assert.equal(wide.log, true);
  assert.equal(wide.bars[1]!.width, 100);
  assert.ok(wide.bars[0]!.width > 0 && wide.bars[0]!.width < 50);
});
