// The search over orders. Systematic: a depth-first walk of the tree of deviation sequences
// (pull one reorderable event ahead of the head at one step), at most `bound` deviations per
// run, branching only where partial-order reduction says the pull can matter; each run is a
// fresh world replayed from the scenario (no checkpoints: isolates cannot be copied). Random:
// seeded walks that deviate at random choice points, for trees too big to cover. Either way the
// answer says honestly what was covered, and the first failing run is shrunk (shrink.ts).

import { deriveStream } from "../core/prng.ts";
import type { Scenario } from "../scenario-types.ts";
import type { WorldDeps } from "../world/state.ts";
import { FootprintBook, type PendingChoice } from "./footprint.ts";
import { PropertyError, type Property } from "./properties.ts";
import { alternatives, replayPolicy, runOnce, type AppliedChoice, type ChoicePoint, type Deviation, type RunContext, type RunRecord } from "./run.ts";
import { shrink, type Shrunk } from "./shrink.ts";

export const exploreLimits = { boundMax: 8, runsMax: 100_000, runsDefault: 4_000, boundDefault: 2, predicateCodeCharsMax: 20_000, replayChoicesMax: 64 };

export interface ExploreOptions {
  /** Deviations from the default order allowed per run. */
  bound?: number;
  /** Runs at most, over both searches. */
  runsMax?: number;
  seed?: number;
  /** "systematic" stops at the run limit; "random" only walks; "auto" walks at random once the tree proves larger than half the runs. */
  mode?: "systematic" | "random" | "auto";
  /** Called after every run; returning true cancels the search. */
  onProgress?: (progress: ExploreProgress) => boolean | void;
}

export interface ExploreProgress {
  runs: number;
  distinctOrders: number;
  phase: "systematic" | "random" | "shrinking";
  /** The failing run found so far, if any (its deviations, before shrinking). */
  counterexample: AppliedChoice[] | null;
}

export interface ExploreAnswer {
  verdict: "violated" | "holds-within-bound" | "cancelled" | "error";
  property: string;
  runs: number;
  distinctOrders: number;
  bound: number;
  seed: number;
  /** True when every distinct order within the bound was run. */
  exhaustive: boolean;
  /** "all 1,312 distinct orders within 2 deviations explored" or "4,000 random orders tried, none failed". */
  statement: string;
  /** The first failing run, before shrinking. */
  found: { choices: AppliedChoice[]; message: string } | null;
  shrunk: Shrunk | null;
  explanation: string | null;
}


const number = (n: number) => n.toLocaleString("en-US");

/** Runs the whole search; `onProgress` hears after every run and may cancel. */
export function explore(scenario: Scenario, makeDeps: () => WorldDeps, property: Property, options: ExploreOptions = {}): ExploreAnswer {
  const search = exploreSteps(scenario, makeDeps, property, options);
  let cancel = false;
  for (;;) {
    const next = search.next(cancel);
    if (next.done) return next.value;
    if (options.onProgress?.(next.value) === true) cancel = true;
  }
}

/**
 * The search as a generator: it yields its progress after every run, and `next(true)` cancels
 * it; a host that must not block (a world process serving other sessions) runs it in slices.
 */
export function* exploreSteps(scenario: Scenario, makeDeps: () => WorldDeps, property: Property, options: Omit<ExploreOptions, "onProgress"> = {}): Generator<ExploreProgress, ExploreAnswer, boolean | undefined> {
  const bound = Math.min(Math.max(0, options.bound ?? exploreLimits.boundDefault), exploreLimits.boundMax);
  const runsMax = Math.min(Math.max(1, options.runsMax ?? exploreLimits.runsDefault), exploreLimits.runsMax);
  const seed = options.seed ?? scenario.seed;
  const ctx: RunContext = { scenario, makeDeps, seed, book: new FootprintBook() };
  const signatures = new Set<string>();
  const state = { runs: 0, phase: "systematic" as ExploreProgress["phase"], cancelled: false };
  const answer = (verdict: ExploreAnswer["verdict"], exhaustive: boolean, statement: string, extra: Partial<ExploreAnswer> = {}): ExploreAnswer =>
    ({ verdict, property: property.name, runs: state.runs, distinctOrders: signatures.size, bound, seed, exhaustive, statement, found: null, shrunk: null, explanation: null, ...extra });

  const progress = (counterexample: AppliedChoice[] | null): ExploreProgress => ({ runs: state.runs, distinctOrders: signatures.size, phase: state.phase, counterexample });

  /** Runs one order; returns the failure message, or null. */
  const tryRun = (policy: Parameters<typeof runOnce>[1]): { record: RunRecord; failure: string | null } => {
    const record = runOnce(ctx, policy);
    state.runs++;
    signatures.add(record.signature);
    const verdict = property.check(record.result);
    return { record, failure: verdict.ok ? null : verdict.message };
  };

  try {
    const mode = options.mode ?? "auto";
    const systematicRuns = mode === "random" ? 0 : mode === "auto" ? Math.ceil(runsMax / 2) : runsMax;
    const stack: Deviation[][] = [[]];
    while (stack.length > 0 && state.runs < systematicRuns && !state.cancelled) {
      const deviations = stack.pop()!;
      const { record, failure } = tryRun(replayPolicy(deviations));
      if ((yield progress(failure === null ? null : record.applied)) === true) state.cancelled = true;
      if (failure !== null) return finish(record, failure);
      if (deviations.length >= bound) continue;
      const last = deviations.at(-1)?.step ?? -1;
      const children: Deviation[][] = [];
      for (const point of record.choicePoints) {
        if (point.step <= last) continue;
        for (const alt of alternatives(point, ctx.book)) children.push([...deviations, { step: point.step, identity: alt.identity }]);
      }
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
    if (state.cancelled) return answer("cancelled", false, `cancelled after ${number(state.runs)} runs (${number(signatures.size)} distinct orders)`);
    if (stack.length === 0 && systematicRuns > 0) return answer("holds-within-bound", true, `all ${number(signatures.size)} distinct orders within ${bound} deviation${bound === 1 ? "" : "s"} explored (${number(state.runs)} runs), none failed`);
    if (mode === "systematic") return answer("holds-within-bound", false, `${number(state.runs)} runs (${number(signatures.size)} distinct orders) within ${bound} deviations tried, none failed; the search stopped at its run limit before covering them all`);
    const systematic = state.runs;
    state.phase = "random";
    const rng = deriveStream(seed, "explore");
    while (state.runs < runsMax && !state.cancelled) {
      const { record, failure } = tryRun(randomPolicy(rng, bound));
      if ((yield progress(failure === null ? null : record.applied)) === true) state.cancelled = true;
      if (failure !== null) return finish(record, failure);
    }
    if (state.cancelled) return answer("cancelled", false, `cancelled after ${number(state.runs)} runs (${number(signatures.size)} distinct orders)`);
    const prefix = systematic > 0 ? `${number(systematic)} systematic runs, then ` : "";
    return answer("holds-within-bound", false, `${prefix}${number(state.runs - systematic)} random orders tried (${number(signatures.size)} distinct, up to ${bound} deviations each), none failed`);
  } catch (e) {
    if (e instanceof PropertyError) return answer("error", false, `the property could not be checked: ${e.message}`, { explanation: e.message });
    throw e;
  }

  function finish(record: RunRecord, message: string): ExploreAnswer {
    state.phase = "shrinking";
    const shrunk = shrink(ctx, property, record.applied);
    const statement = `failed on run ${number(state.runs)} (${number(signatures.size)} distinct order${signatures.size === 1 ? "" : "s"} tried)`;
    const explanation = shrunk.history === null ? shrunk.message : `${shrunk.message}. ${shrunk.history}`;
    return answer("violated", false, statement, { found: { choices: record.applied, message }, shrunk, explanation });
  }
}

/** Deviates at each choice point with probability bound / 16 (a few per run), at most `bound` times. */
function randomPolicy(rng: ReturnType<typeof deriveStream>, bound: number) {
  let used = 0;
  return (point: ChoicePoint): PendingChoice | null => {
    if (used >= bound || rng.nextInt(16) >= Math.max(1, bound)) return null;
    const options = point.pending.filter((p, i) => i > 0 && p.reorderable);
    if (options.length === 0) return null;
    used++;
    return options[rng.nextInt(options.length)]!;
  };
}
