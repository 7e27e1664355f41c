// From a cursor (how many trace entries are shown) to a step of the world. `stepEnds[s]` is the
// trace length after step s, as the server reports it.

/** The step that recorded the entry at index `cursor` (0 = the load's own entry). */
export function stepAt(stepEnds: readonly number[], cursor: number): number {
  let lo = 0, hi = stepEnds.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (stepEnds[mid]! <= cursor) lo = mid + 1; else hi = mid; }
  return lo;
}

/** The step whose world the cursor shows: the last step whose trace ends at or before it. */
export function worldStepAt(stepEnds: readonly number[], cursor: number): number {
  return Math.max(0, stepAt(stepEnds, cursor) - 1);
}
