// The shape of the app's one store: slices for the session, the editor, the world view, the
// timeline, the lesson and the UI. Everything here is serializable view state; the WebSocket
// client and the view index live outside the store and call its actions.
import type { LiveResponse, PendingEventInfo, ProjectSummary, SessionState, TraceEntry, WorldView } from "../../../server/protocol/index.ts";
import type { PendingChange } from "../../../server/protocol/pending-change.ts";
import type { PendingHistory } from "./pending-at.ts";
import type { LessonContent } from "../lessons/lesson-content.ts";
import type { CheckFigure } from "../../../server/lessons/types.ts";
import type { ExploreSlice } from "./explore-slice.ts";
import type { InstrumentsSlice } from "./instruments-slice.ts";
import type { SideSlice } from "./side-slice.ts";

export type ConnectionState = "connecting" | "open" | "closed";

export interface Notice { id: number; level: "info" | "warning" | "error"; text: string }

export interface SessionSlice {
  connection: ConnectionState;
  token: string | null;
  server: SessionState | null;
  limits: Record<string, number>;
  projects: ProjectSummary[];
  projectId: string | null;
  projectName: string;
  notices: Notice[];
  setConnection(connection: ConnectionState): void;
  welcome(token: string, limits: Record<string, number>, state: SessionState): void;
  setServerState(state: SessionState): void;
  setProjects(projects: ProjectSummary[]): void;
  setProject(projectId: string | null, name: string): void;
  notify(level: Notice["level"], text: string): void;
  dismissNotice(id: number): void;
}

export interface EditorMarker { file: string; line: number; column?: number; message: string; severity: "error" | "warning" }

export interface EditorSlice {
  /** File name → text: `<worker>.js` for each worker, and `scenario.json`. */
  files: Record<string, string>;
  activeFile: string;
  /** Files changed since the last deploy or load (what Ctrl+Enter would deploy). */
  dirty: string[];
  markers: EditorMarker[];
  /** A place the editor should show (a log line's source, clicked): opened, revealed, focused. */
  revealAt: { file: string; line: number; column: number; seq: number } | null;
  setFile(name: string, text: string): void;
  setFiles(files: Record<string, string>, activeFile?: string): void;
  openFile(name: string): void;
  markClean(): void;
  setMarkers(markers: EditorMarker[]): void;
  /** Opens `file` at its line in the editor (a file the project lacks is ignored). */
  revealSource(file: string, line: number, column?: number): void;
}

export interface RequestDraft { from: string; method: string; url: string; headers: string; body: string }

export interface WorldSlice {
  /** The view at the timeline's cursor (recomputed from the trace on every move). */
  view: WorldView | null;
  responses: LiveResponse[];
  selectedResponse: string | null;
  draft: RequestDraft;
  setView(view: WorldView): void;
  addResponse(response: LiveResponse): void;
  selectResponse(req: string | null): void;
  setDraft(patch: Partial<RequestDraft>): void;
}

export interface TimelineFilter { text: string; kinds: string[] }

export interface TimelineSlice {
  /** The trace as received; replaced (not mutated) when it grows, so selectors see the change. */
  trace: readonly TraceEntry[];
  /** stepEnds[i]: trace length after step i + 1. */
  stepEnds: number[];
  /** Entries shown: the view is the world after trace[0 .. cursor). */
  cursor: number;
  /** True while the cursor follows the head as the world advances. */
  following: boolean;
  playing: boolean;
  /** Trace entries revealed per second while replaying the past. */
  speed: number;
  pending: PendingEventInfo[];
  pendingTotal: number;
  /** The pending list reported at each step (mutated in place: read it with the cursor). */
  pendingHistory: PendingHistory;
  selectedPending: number | null;
  selectedEntry: number | null;
  filter: TimelineFilter;
  branch: number;
  /** Set when a choice made a branch: the step it branched at, to offer restoring the original. */
  branchedAtStep: number | null;
  appendTrace(offset: number, entries: readonly TraceEntry[], firstStep: number, stepEnds: number[]): "ok" | "gap";
  truncateTrace(offset: number, step: number, branch: number): void;
  resetTrace(): void;
  seek(cursor: number): void;
  setPlaying(playing: boolean): void;
  setSpeed(speed: number): void;
  setPending(events: PendingEventInfo[], total: number, step: number): void;
  /** Applies a `pending_changed`; "mismatch" when the result is not `shown` long (ask for the whole list). */
  changePending(change: PendingChange, shown: number, total: number, step: number): "ok" | "mismatch";
  selectPending(id: number | null): void;
  selectEntry(index: number | null): void;
  setFilter(patch: Partial<TimelineFilter>): void;
  markBranched(step: number | null): void;
}

/** `passed` stays true once a check passed; `lastPass` is the latest check's verdict (absent in older saves). */
export interface LessonProgress {
  stepIndex: number; answers: Record<string, string>; revealed: string[]; passed: boolean; lastHint: string | null; lastPass?: boolean;
  /** The figures of the last Check, measured on the learner's run (older saves have none). */
  lastFigures?: CheckFigure[];
}

export interface LessonSlice {
  lessons: LessonContent[];
  openLessonId: string | null;
  progress: Record<string, LessonProgress>;
  checking: boolean;
  openLesson(id: string | null): void;
  goToStep(index: number): void;
  answer(questionId: string, answer: string): void;
  reveal(questionId: string): void;
  setCheckResult(lessonId: string, pass: boolean, hint: string, figures?: CheckFigure[]): void;
  /** Forgets the latest check's verdict (the run it judged was replaced). */
  clearCheckResult(lessonId: string): void;
  setChecking(checking: boolean): void;
  setProgress(progress: Record<string, LessonProgress>): void;
}

export type DiagramId = "world-map" | "kv-replication" | "do-lifecycle" | "race" | "cold-start" | "route-trie";

export interface UiSlice {
  theme: "light" | "dark";
  lessonPanelOpen: boolean;
  diagram: DiagramId;
  dialog: "projects" | "share" | null;
  shareLink: string | null;
  setTheme(theme: "light" | "dark"): void;
  toggleLessonPanel(open?: boolean): void;
  showDiagram(diagram: DiagramId): void;
  openDialog(dialog: UiSlice["dialog"]): void;
  setShareLink(link: string | null): void;
}

export type AppState = SessionSlice & EditorSlice & WorldSlice & TimelineSlice & LessonSlice & UiSlice & ExploreSlice & SideSlice & InstrumentsSlice;
export type SliceCreator<T> = (set: (partial: Partial<AppState> | ((state: AppState) => Partial<AppState>)) => void, get: () => AppState) => T;
