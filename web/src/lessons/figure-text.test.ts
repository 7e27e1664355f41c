import { strict as assert } from "node:assert";
import { test } from "node:test";
import type { CheckFigure } from "../../../server/lessons/types.ts";
import { figureValueText, stepFigureRows } from "./figure-text.ts";

const figure = (id: string, value: number | null, measuredOnMachine = false): CheckFigure => ({ id, label: id, value, unit: "ms", design: "≈ 50 ms", measuredOnMachine });

test("a figure reads as its rounded value, unit and where it was measured", () => {
  assert.equal(figureValueText(figure("a", 152.4)), "152 ms");
  assert.equal(figureValueText(figure("a", 1.2345, true)), "1.23 ms (this machine)");
  assert.equal(figureValueText(figure("a", null)), "not measured yet");
});

test("a step's rows follow its ids, with the figures not yet measured left empty", () => {
  const rows = stepFigureRows(["b", "a", "z"], [figure("a", 1), figure("b", 2)]);
  assert.deepEqual(rows.map((r) => [r.id, r.figure?.value ?? null]), [["b", 2], ["a", 1], ["z", null]]);
  assert.deepEqual(stepFigureRows(["a"], undefined), [{ id: "a", figure: null }]);
});
