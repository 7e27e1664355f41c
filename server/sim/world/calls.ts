// Small helpers every concern that answers an isolate's call uses: schedule the answer, and the
// shape of a failed call.

import type { CallResult } from "../isolate-port.ts";
import type { Effects } from "./effects.ts";

/** Schedules the answer to a call. `inFlight` says whether it crossed the network (reorderable). */
export function replyAt(out: Effects, caller: { isolate: string }, callId: number, atMs: number, result: CallResult, label: string, inFlight: boolean): void {
  out.send(atMs, { kind: "isolate_reply", isolate: caller.isolate, callId, result, label, inFlight });
}

export function callError(name: string, message: string): CallResult {
  return { ok: false, error: { name, message } };
}
