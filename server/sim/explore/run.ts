// One run of a scenario driven by a policy that, at each step with a choice, may run a
// reorderable pending event ahead of the head (Stepper.stepChoose). The run records its choice
// points (for the search to branch from), the deviations it made (what the Stepper replays),
// and its order's signature: the Foata normal form of the executed events under the footprint
// dependence, so two runs that differ only in the order of commuting events sign the same.

import { sha256HexOfString } from "../core/hash.ts";
import type { RunResult } from "../world/result.ts";
import type { WorldDeps } from "../world/state.ts";
import { Stepper } from "../world/stepping.ts";
import type { Scenario } from "../scenario-types.ts";
import { dependent, FootprintBook, pendingChoices, type PendingChoice } from "./footprint.ts";

export interface ChoicePoint {
  step: number;
  /** The pending events in queue order; [0] is the default (the head). */
  pending: PendingChoice[];
}

/** A choice the Stepper replays: at step index `step`, `stepChoose(eventId)`. */
export interface AppliedChoice {
  step: number;
  eventId: number;
  identity: string;
  label: string;
}

export interface RunRecord {
  result: RunResult;
  choicePoints: ChoicePoint[];
  applied: AppliedChoice[];
  signature: string;
}

/** A deviation as the search keeps it: at step index `step`, run the event named `identity`. */
export type Deviation = { step: number; identity: string };

export type Policy = (point: ChoicePoint) => PendingChoice | null;

export interface RunContext {
  scenario: Scenario;
  makeDeps: () => WorldDeps;
  seed: number;
  book: FootprintBook;
}

/**
 * The alternatives at a choice point that are worth a branch: reorderable events that depend on
 * some event ahead of them in the queue. Pulling an event ahead of events it commutes with
 * gives an order equivalent to the default one (partial-order reduction).
 */
export function alternatives(point: ChoicePoint, book: FootprintBook): PendingChoice[] {
  const out: PendingChoice[] = [];
  for (let k = 1; k < point.pending.length; k++) {
    const candidate = point.pending[k]!;
    if (!candidate.reorderable) continue;
    const mine = book.footprint(candidate.identity);
    if (point.pending.slice(0, k).some((ahead) => dependent(mine, book.footprint(ahead.identity)))) out.push(candidate);
  }
  return out;
}

export function runOnce(ctx: RunContext, policy: Policy): RunRecord {
  const stepper = new Stepper(ctx.scenario, ctx.makeDeps, ctx.seed);
  const choicePoints: ChoicePoint[] = [];
  const applied: AppliedChoice[] = [];
  const executed: { identity: string; footprint: string[] }[] = [];
  try {
    for (;;) {
      const pending = pendingChoices(stepper);
      if (pending.length === 0) break;
      const point: ChoicePoint = { step: stepper.stepIndex, pending };
      const hasChoice = pending.some((p, i) => i > 0 && p.reorderable);
      if (hasChoice) choicePoints.push(point);
      const choice = hasChoice ? policy(point) : null;
      const run = choice ?? pending[0]!;
      const before = stepper.trace.length;
      if (choice) {
        if (!stepper.stepChoose(choice.eventId).ok) break;
        applied.push({ step: point.step, eventId: choice.eventId, identity: choice.identity, label: choice.label });
      } else if (!stepper.step()) break;
      ctx.book.learn(run.identity, run.event, stepper.trace.slice(before));
      executed.push({ identity: run.identity, footprint: ctx.book.footprint(run.identity) });
    }
    return { result: stepper.result(), choicePoints, applied, signature: foata(executed) };
  } finally {
    stepper.world.dispose();
  }
}

/** The Foata normal form: each event's level is one more than the deepest earlier event it depends on. */
function foata(executed: { identity: string; footprint: string[] }[]): string {
  const levels: number[] = [];
  const keyed: string[] = [];
  executed.forEach((e, i) => {
    let level = 0;
    for (let j = i - 1; j >= 0; j--) if (levels[j]! >= level && dependent(e.footprint, executed[j]!.footprint)) level = levels[j]! + 1;
    levels.push(level);
    keyed.push(`${String(level).padStart(6, "0")} ${e.identity}`);
  });
  return sha256HexOfString(keyed.sort().join("\n"));
}

/** Replays deviations (by step and identity); a deviation whose event is not pending is skipped. */
export function replayPolicy(deviations: readonly Deviation[]): Policy {
  const byStep = new Map(deviations.map((d) => [d.step, d.identity]));
  return (point: ChoicePoint): PendingChoice | null => {
    const want = byStep.get(point.step);
    return want === undefined ? null : point.pending.find((p, i) => i > 0 && p.reorderable && p.identity === want) ?? null;
  };
}

