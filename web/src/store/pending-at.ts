// What was pending at the moment the cursor shows. The server reports the pending list after
// each command, tagged with its step; the client keeps the first list reported at each step, so
// a learner who steps back sees what could run next then, and "run this next" there picks an
// event of that moment (a replay to that step rebuilds the same events with the same ids). After
// a run that went past many steps in one go (play, run to rest) those steps have no list.
import type { PendingEventInfo } from "../../../server/protocol/index.ts";
import { worldStepAt } from "./step-index.ts";

export const pendingHistoryLimits = {
  /** Steps whose pending list is kept (the oldest are forgotten first). */
  pendingHistoryStepsMax: 2_000,
} as const;

export class PendingHistory {
  private readonly byStep = new Map<number, PendingEventInfo[]>();

  /** Keeps the first list reported at `step`: a later one at the same step followed an action there. */
  record(step: number, events: PendingEventInfo[]): void {
    if (this.byStep.has(step)) return;
    this.byStep.set(step, events);
    if (this.byStep.size > pendingHistoryLimits.pendingHistoryStepsMax) this.byStep.delete(this.byStep.keys().next().value!);
  }

  at(step: number): PendingEventInfo[] | null {
    return this.byStep.get(step) ?? null;
  }

  /** A branch at `step`: the lists of the steps after it are of the old future. */
  truncate(step: number): void {
    for (const s of [...this.byStep.keys()]) if (s > step) this.byStep.delete(s);
  }

  clear(): void {
    this.byStep.clear();
  }
}

export interface ShownPending {
  /** The events shown, or null when that moment's list was not recorded. */
  events: PendingEventInfo[] | null;
  /** Null at the present; else the step the cursor shows. */
  pastStep: number | null;
}

export interface PendingSources {
  cursor: number;
  traceLength: number;
  stepEnds: readonly number[];
  pending: PendingEventInfo[];
  pendingHistory: PendingHistory;
}

export function shownPending(state: PendingSources): ShownPending {
  if (state.cursor >= state.traceLength) return { events: state.pending, pastStep: null };
  const step = worldStepAt(state.stepEnds, state.cursor);
  return { events: state.pendingHistory.at(step), pastStep: step };
}
