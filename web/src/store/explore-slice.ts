// Explore: the race explorer's state as the Explore panel shows it (the search asked for, its
// progress, its result with the shrunk schedule) and the checked history of the current run
// that the history view draws. Serializable view state only; the panel's actions send messages.
import type { ServerMessageOf } from "../../../server/protocol/index.ts";
import type { SliceCreator } from "./types.ts";

export type ExplorePropertyKind = "no-lost-update" | "linearizable" | "no-5xx" | "predicate";

export interface ExploreForm {
  property: ExplorePropertyKind;
  /** For `linearizable`: the requests as counter operations, or the KV reads and writes. */
  history: "requests" | "kv";
  bound: number;
  runsMax: number;
  mode: "auto" | "systematic" | "random";
  /** For `predicate`: a function expression, run in an isolate on the server. */
  predicate: string;
}

export type ExploreProgressInfo = Omit<ServerMessageOf<"explore_progress">, "type" | "replyTo">;
export type ExploreResultInfo = Omit<ServerMessageOf<"explore_result">, "type" | "replyTo">;
export type CheckedHistory = Omit<ServerMessageOf<"history_checked">, "type" | "replyTo">;

export interface ExploreSlice {
  exploreForm: ExploreForm;
  exploreStatus: "idle" | "starting" | "running" | "cancelling" | "done";
  /** The id of the `explore` message (its progress, result and errors carry it as replyTo). */
  exploreId: number | null;
  /** The runs the search may take (for the progress bar). */
  exploreRunsMax: number;
  /** Traffic entries of the scenario searched (to say how many the shrunk story kept). */
  exploreTrafficCount: number | null;
  exploreProgress: ExploreProgressInfo | null;
  exploreResult: ExploreResultInfo | null;
  checkedHistory: CheckedHistory | null;
  /** The operation the history view highlights (hovered or focused). */
  historyFocus: number | null;
  setExploreForm(patch: Partial<ExploreForm>): void;
  exploreStarted(runsMax: number, trafficCount: number | null): void;
  exploreRunning(exploreId: number): void;
  exploreCancelling(): void;
  setExploreProgress(progress: ExploreProgressInfo): void;
  setExploreResult(result: ExploreResultInfo): void;
  exploreFailed(): void;
  setCheckedHistory(history: CheckedHistory | null): void;
  focusOperation(id: number | null): void;
}

const defaultPredicate = "({ responses }) => responses.every((r) => r !== null && r.status < 500) || 'a request failed'";

export const createExploreSlice: SliceCreator<ExploreSlice> = (set, get) => ({
  exploreForm: { property: "no-lost-update", history: "requests", bound: 2, runsMax: 4_000, mode: "auto", predicate: defaultPredicate },
  exploreStatus: "idle",
  exploreId: null,
  exploreRunsMax: 4_000,
  exploreTrafficCount: null,
  exploreProgress: null,
  exploreResult: null,
  checkedHistory: null,
  historyFocus: null,
  setExploreForm: (patch) => set((s) => ({ exploreForm: { ...s.exploreForm, ...patch } })),
  exploreStarted: (exploreRunsMax, exploreTrafficCount) => set({ exploreStatus: "starting", exploreId: null, exploreRunsMax, exploreTrafficCount, exploreProgress: null, exploreResult: null }),
  exploreRunning: (exploreId) => set((s) => ({ exploreId, exploreStatus: s.exploreStatus === "starting" ? "running" : s.exploreStatus })),
  exploreCancelling: () => set((s) => (s.exploreStatus === "running" || s.exploreStatus === "starting" ? { exploreStatus: "cancelling" } : {})),
  // Progress that arrives after the result (it cannot, but a reconnect may replay) is ignored.
  setExploreProgress: (exploreProgress) => {
    if (get().exploreStatus === "done" || get().exploreStatus === "idle") return;
    set((s) => ({ exploreProgress, exploreStatus: s.exploreStatus === "starting" ? "running" : s.exploreStatus }));
  },
  setExploreResult: (exploreResult) => set({ exploreResult, exploreStatus: "done" }),
  exploreFailed: () => set({ exploreStatus: "idle" }),
  setCheckedHistory: (checkedHistory) => set({ checkedHistory, historyFocus: null }),
  focusOperation: (historyFocus) => set({ historyFocus }),
});
