// Shrinking a counterexample to the shortest story: first the fewest deviations from the
// default order (drop one at a time while the property still fails, until none can go), then
// the fewest requests (drop a traffic entry, its later requests renamed, the deviations kept
// where their events still exist). The answer is replayed once more so that its choices carry
// the event ids the Stepper takes for that (possibly smaller) scenario.

import { checkHistory } from "../history/checker.ts";
import { requestHistory } from "../history/extract.ts";
import { counterModel } from "../history/models.ts";
import type { Scenario } from "../scenario-types.ts";
import type { Property } from "./properties.ts";
import { replayPolicy, runOnce, type AppliedChoice, type Deviation, type RunContext, type RunRecord } from "./run.ts";

export const shrinkRunsMax = 400;

export interface Shrunk {
  /** What the Stepper replays on `scenario`: at step `step`, stepChoose(`eventId`). */
  choices: AppliedChoice[];
  /** The traffic entries kept (indices into the original scenario's traffic). */
  kept: number[];
  scenario: Scenario;
  message: string;
  /** For a counter, the linearizability checker's account of the shrunk run. */
  history: string | null;
  runs: number;
}

export function shrink(ctx: RunContext, property: Property, found: AppliedChoice[]): Shrunk {
  let runs = 0;
  const fails = (scenario: Scenario, deviations: Deviation[]): RunRecord | null => {
    if (runs >= shrinkRunsMax) return null;
    runs++;
    const record = runOnce({ ...ctx, scenario }, replayPolicy(deviations));
    return property.check(record.result).ok ? null : record;
  };
  let scenario = ctx.scenario;
  let deviations: Deviation[] = found.map((c) => ({ step: c.step, identity: c.identity }));
  // Fewest deviations: a pass over the list drops each one the failure survives without.
  for (let changed = true; changed && deviations.length > 0; ) {
    changed = false;
    for (let i = deviations.length - 1; i >= 0; i--) {
      const fewer = deviations.filter((_, j) => j !== i);
      if (fails(scenario, fewer)) {
        deviations = fewer;
        changed = true;
      }
    }
  }
  // Fewest requests.
  let kept = scenario.traffic.map((_, i) => i);
  for (let i = property.fixedTraffic ? -1 : scenario.traffic.length - 1; i >= 0 && scenario.traffic.length > 1; i--) {
    const smaller: Scenario = { ...scenario, traffic: scenario.traffic.filter((_, j) => j !== i) };
    const renamed = deviations.map((d) => ({ step: d.step, identity: renameAfter(d.identity, i) }));
    if (fails(smaller, renamed)) {
      scenario = smaller;
      deviations = renamed;
      kept = kept.filter((_, j) => j !== i);
    }
  }
  const final = runOnce({ ...ctx, scenario }, replayPolicy(deviations));
  runs++;
  const verdict = property.check(final.result);
  const message = verdict.ok ? "the shrunk run no longer fails (the shrinker's budget ran out)" : verdict.message;
  return { choices: final.applied, kept, scenario, message, history: counterStory(final), runs };
}

/** Request r(k+1) becomes rk for every k past the dropped traffic index. */
function renameAfter(identity: string, dropped: number): string {
  return identity.replace(/\br(\d+)\b/g, (m, n: string) => (Number(n) > dropped + 1 ? `r${Number(n) - 1}` : m));
}

function counterStory(record: RunRecord): string | null {
  const ops = requestHistory(record.result);
  if (ops.length === 0 || ops.some((op) => op.output === null && !op.unknown)) return null;
  const answer = checkHistory(counterModel(), ops, { stepsMax: 1_000_000 });
  return answer.verdict === "illegal" ? answer.explanation : null;
}
