// Per-request bookkeeping inside the isolate: the counters behind the per-request limits, and
// the `ctx.waitUntil` promises that keep a request alive after its response.
import { sandboxLimits } from "../../limits.ts";
import { emit } from "./ops.ts";
import { MapCtor, MapPrototypeDelete, MapPrototypeGet, MapPrototypeSet } from "./primordials.ts";

export interface RequestState {
  logLines: number;
  logLinesDropped: number;
  timersPending: number;
  calls: number;
  waitUntilPending: number;
  /** The response (or exception) has been emitted. */
  answered: boolean;
  /** The handler called `ctx.passThroughOnException()`: an exception sends the request to the origin. */
  passThrough: boolean;
}

const states: Map<string, RequestState> = new MapCtor();

export function requestState(requestId: string): RequestState {
  let state = MapPrototypeGet(states, requestId);
  if (state === undefined) {
    state = { logLines: 0, logLinesDropped: 0, timersPending: 0, calls: 0, waitUntilPending: 0, answered: false, passThrough: false };
    MapPrototypeSet(states, requestId, state);
  }
  return state;
}

/** Emits `request_done` once the request has answered and no waitUntil work is left. */
export function finishIfDone(requestId: string): void {
  const state = MapPrototypeGet(states, requestId);
  if (state === undefined || !state.answered || state.waitUntilPending > 0) return;
  if (state.logLinesDropped > 0) {
    emit({
      kind: "limit",
      requestId,
      limit: "logLinesPerRequestMax",
      message: `${state.logLinesDropped} console lines dropped (limit: logLinesPerRequestMax = ${sandboxLimits.logLinesPerRequestMax} lines per request)`,
    });
  }
  MapPrototypeDelete(states, requestId);
  emit({ kind: "request_done", requestId });
}
