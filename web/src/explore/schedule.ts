// Pure helpers of the Explore panel: where the timeline opens a replayed schedule, and how a
// shrunk schedule reads as a story.
import type { ExploreResultInfo } from "../store/explore-slice.ts";

/**
 * The cursor just after the first deviating event ran. `stepEnds[s]` is the trace length after
 * `s` steps (stepEnds[0]: the world built), and a choice at step `s` is step `s + 1`.
 */
export function openingCursor(stepEnds: readonly number[], firstChoiceStep: number | null, traceLength: number): number {
  if (firstChoiceStep === null) return traceLength;
  return Math.min(stepEnds[firstChoiceStep + 1] ?? traceLength, traceLength);
}

export interface StoryLine { step: number; text: string }

/** "at step 14: r2 reaches us-east-pop before the events ahead of it". */
export function scheduleStory(shrunk: NonNullable<ExploreResultInfo["shrunk"]>): StoryLine[] {
  return shrunk.choices.map((c) => ({ step: c.step, text: `at step ${c.step + 1}: ${c.label}, ahead of the default order` }));
}

/** "traffic entries 1 and 2 of 4": which entries of the scenario's traffic the shrunk story kept. */
export function keptRequests(kept: readonly number[], trafficCount: number | null): string {
  const numbers = kept.map((i) => String(i + 1));
  const list = numbers.length <= 1 ? numbers.join("") : `${numbers.slice(0, -1).join(", ")} and ${numbers.at(-1)}`;
  const of = trafficCount === null ? "" : ` of ${trafficCount}`;
  return `traffic ${numbers.length === 1 ? "entry" : "entries"} ${list}${of}`;
}

/** The progress bar's value: runs done of the runs allowed (the search may end sooner). */
export function progressShare(runs: number, runsMax: number): number {
  if (runsMax <= 0) return 0;
  return Math.max(0, Math.min(1, runs / runsMax));
}
