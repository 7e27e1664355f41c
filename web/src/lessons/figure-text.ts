// How a check's figure reads, in the lesson panel and in the exported walkthrough alike: the
// value the learner's run produced with its unit, and where it was measured. Pure.
import type { CheckFigure } from "../../../server/lessons/types.ts";

export function figureValueText(f: CheckFigure): string {
  if (f.value === null) return "not measured yet";
  const rounded = Math.abs(f.value) >= 100 ? Math.round(f.value) : Math.round(f.value * 100) / 100;
  return `${rounded}${f.unit ? ` ${f.unit}` : ""}${f.measuredOnMachine ? " (this machine)" : ""}`;
}

/** The rows a step shows: its figure ids in the step's order, from the last measurement. */
export function stepFigureRows(ids: readonly string[], measured: readonly CheckFigure[] | undefined): { id: string; figure: CheckFigure | null }[] {
  const byId = new Map((measured ?? []).map((f) => [f.id, f]));
  return ids.map((id) => ({ id, figure: byId.get(id) ?? null }));
}
