// Messages between the gateway and a world process (Node IPC). What crosses the channel is
// bounded (16 §3): the pool sends each process at most `inFlightCommandsMax` commands it has not
// answered yet, so no burst can pile up in Node's channel parser; each message is framed as one
// buffer (ipc-frame.ts) measured before it is sent, and one larger than `ipcMessageBytesMax`
// is refused with that name; each answer carries at most `ipcTraceEntriesMax` trace entries and
// about `ipcBatchBytesMax` of response bodies (the rest follow with `session_flush`).
import type { TraceEntry } from "../sim/core/trace.ts";
import type { WireRequest } from "../sim/isolate-port.ts";
import type { HeapSample, HttpRequestSpec, LiveResponse, PendingEventInfo, ScenarioSummary } from "../protocol/index.ts";
import type { PendingChange } from "../protocol/pending-change.ts";
import type { SessionAction, SessionSpec } from "../sessions/actions.ts";
import type { SliceGoal, SliceStop } from "../sessions/slice.ts";
import type { PropertySpec } from "../sim/explore/index.ts";

export const ipcLimits = {
  /** Trace entries in one answer of a world process. */
  ipcTraceEntriesMax: 20_000,
  /** Bytes of one framed message either way (a response body is at most 8 MiB, so one always fits). */
  ipcMessageBytesMax: 32 * 1024 * 1024,
  /** Response bodies one answer carries before the rest of the trace waits for session_flush. */
  ipcBatchBytesMax: 4 * 1024 * 1024,
  /** Commands waiting for one world process (each session has at most two in flight: a slice played at max sends the next ahead). */
  ipcQueuedCommandsMax: 1_000,
  /**
   * Commands sent to a world process and not answered yet: the one it runs and the next, waiting
   * in its channel, so it starts that one at once instead of idling for a round trip. The rest
   * wait in the gateway's fair queue, where the next choice between sessions is made.
   */
  inFlightCommandsMax: 2,
  /** Events one slice runs before the process turns to the next session (16 §1). */
  sliceEventsMax: 500,
  /** Wall-clock ms one slice may run before the process turns to the next session. */
  sliceMsMax: 10,
} as const;

export type WorldRequest =
  | { type: "ping" }
  /** Runs a scenario (untrusted JSON; the world validates it) to completion. */
  | { type: "run_scenario"; scenario: unknown; seed?: number }
  /** Test hook: crash the world process the way a V8 abort would. */
  | { type: "crash" }
  /** Builds a session's world and replays it to `toStep` (null: all actions). */
  | { type: "session_open"; sessionId: string; spec: SessionSpec; toStep: number | null; nowMs: number; traceFrom: number }
  /** `heapSamples`: read each isolate's heap before every event (the session's instruments are on). */
  | { type: "session_act"; sessionId: string; action: SessionAction; heapSamples: boolean }
  | { type: "session_run"; sessionId: string; goal: SliceGoal; withPending: boolean; heapSamples: boolean }
  | { type: "session_flush"; sessionId: string; withPending: boolean }
  | { type: "session_close"; sessionId: string }
  /** The race explorer (explore-host.ts): start, run a slice of about `msMax` wall ms, cancel. */
  | { type: "explore_start"; exploreId: string; scenario: unknown; seed: number; property: PropertySpec; options: { bound: number; runsMax: number; mode: "auto" | "systematic" | "random" } }
  | { type: "explore_slice"; exploreId: string; msMax: number }
  | { type: "explore_cancel"; exploreId: string }
  /** The heavy instruments, in a shadow world replayed from `spec` to `toStep` (shadow-host.ts); files go to `fileStem`.*. */
  | { type: "instrument_profile"; spec: SessionSpec; toStep: number; request: HttpRequestSpec; repetitions: number; fileStem: string }
  | { type: "instrument_snapshot"; spec: SessionSpec; toStep: number; worker: string | null; fileStem: string }
  | { type: "instrument_compare"; spec: SessionSpec; fromStep: number; toStep: number; worker: string }
  | { type: "runtimes_compared" };

export type PendingUpdate = { events: PendingEventInfo[]; total: number } | { change: PendingChange; total: number };

export interface SessionDelta {
  /** New trace entries [offset, offset + entries.length). */
  offset: number;
  entries: TraceEntry[];
  /** stepEnds of the steps first reported here, starting at step `firstStep`. */
  firstStep: number;
  stepEnds: number[];
  step: number;
  nowMs: number;
  traceLength: number;
  atRest: boolean;
  responses: LiveResponse[];
  /** The whole shown list the first time a hosted session reports it, then what changed. */
  pending: PendingUpdate | null;
  /** More trace is waiting: ask with session_flush. */
  moreTrace: boolean;
  /** Heap statistics of the isolates whose heap changed, read after each delivery (no learner code runs). */
  heap: HeapSample[];
}

export type SessionOpenResult = { delta: SessionDelta; scenario: ScenarioSummary };
export type SessionActResult = { outcome: { req?: string; worker?: string; version?: string; faultId?: string }; delta: SessionDelta };
export type SessionRunResult = { ran: number; stopped: SliceStop; delta: SessionDelta };

/** `ms`: wall time the world process spent on the command (charged to its session). */
export type WorldReply =
  | { id: number; ok: true; value: unknown; ms: number }
  | { id: number; ok: false; error: { code: string; message: string; path?: string; limit?: string }; ms: number };

export type { WireRequest };
