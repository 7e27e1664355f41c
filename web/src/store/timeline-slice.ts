// Timeline: the trace as streamed by the server, the cursor the learner looks at, local replay
// (play, speed), the pending events and the filter. Seeking moves only the cursor: the view is
// computed from the trace on the client, so it never waits on the server.
import { applyPendingChange } from "../../../server/protocol/pending-change.ts";
import { PendingHistory } from "./pending-at.ts";
import type { SliceCreator, TimelineSlice } from "./types.ts";

export const playSpeedsEntriesPerSecond = [10, 30, 100, 300, 1000] as const;

export const createTimelineSlice: SliceCreator<TimelineSlice> = (set, get) => ({
  trace: [],
  stepEnds: [],
  cursor: 0,
  following: true,
  playing: false,
  speed: 100,
  pending: [],
  pendingTotal: 0,
  pendingHistory: new PendingHistory(),
  selectedPending: null,
  selectedEntry: null,
  filter: { text: "", kinds: [] },
  branch: 0,
  branchedAtStep: null,
  appendTrace: (offset, entries, firstStep, stepEnds) => {
    const s = get();
    if (offset > s.trace.length) return "gap";
    // An overlap (a resync from an earlier offset) replaces what we had from `offset` on.
    const trace = offset === s.trace.length ? s.trace.concat(entries) : s.trace.slice(0, offset).concat(entries);
    const ends = s.stepEnds.slice(0, firstStep).concat(stepEnds);
    set({ trace, stepEnds: ends, cursor: s.following ? trace.length : s.cursor });
    return "ok";
  },
  truncateTrace: (offset, step, branch) => {
    get().pendingHistory.truncate(step);
    // The world is now at the branch step, with the run's later events still to come (a branch is
    // cut before the head), until the server's next state says more.
    set((s) => ({ trace: s.trace.slice(0, offset), stepEnds: s.stepEnds.slice(0, step), cursor: Math.min(s.cursor, offset), branch, following: true, server: s.server && { ...s.server, step, position: step, atRest: false, branch, traceLength: offset } }));
  },
  resetTrace: () => {
    get().pendingHistory.clear();
    set({ trace: [], stepEnds: [], cursor: 0, following: true, playing: false, pending: [], pendingTotal: 0, selectedEntry: null, selectedPending: null, branchedAtStep: null });
  },
  seek: (cursor) =>
    set((s) => {
      const clamped = Math.max(0, Math.min(cursor, s.trace.length));
      return { cursor: clamped, following: clamped === s.trace.length };
    }),
  setPlaying: (playing) => set({ playing }),
  setSpeed: (speed) => set({ speed }),
  setPending: (pending, pendingTotal, step) => {
    get().pendingHistory.record(step, pending);
    set((s) => ({ pending, pendingTotal, selectedPending: pending.some((p) => p.id === s.selectedPending) ? s.selectedPending : (pending.find((p) => p.reorderable)?.id ?? null) }));
  },
  changePending: (change, shown, total, step) => {
    const pending = applyPendingChange(get().pending, change);
    get().setPending(pending, total, step);
    return pending.length === shown ? "ok" : "mismatch";
  },
  selectPending: (selectedPending) => set({ selectedPending }),
  selectEntry: (selectedEntry) => set({ selectedEntry }),
  setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch } })),
  markBranched: (branchedAtStep) => set({ branchedAtStep }),
});
