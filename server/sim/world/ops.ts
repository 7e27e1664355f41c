// What an isolate's operations do in the world. They come back from a delivery in issue order
// and are handled in that order, each effect starting at `atMs` (the delivery's virtual time
// plus any charged cost), so two awaits in the code become two events in the queue.

import { limits } from "../core/limits.ts";
import { assert, exhaustiveSwitchError } from "../core/result.ts";
import type { IsolateOp, WireResponse } from "../isolate-port.ts";
import { callDispatch } from "./calls.ts";
import { objectRequestDone } from "./objects.ts";
import { respond } from "./requests.ts";
import type { IsolateRecord, WorldState } from "./state.ts";
import { textResponse } from "./wire.ts";

export function processOps(w: WorldState, isolate: IsolateRecord, ops: readonly IsolateOp[], atMs: number): void {
  assert(ops.length <= limits.opsPerDeliveryMax, "the sandbox returned more than opsPerDeliveryMax ops");
  for (const op of ops) processOp(w, isolate, op, atMs);
}

function processOp(w: WorldState, isolate: IsolateRecord, op: IsolateOp, atMs: number): void {
  switch (op.kind) {
    case "log":
      w.record({ kind: "log", t: w.nowMs, isolate: isolate.key, req: op.requestId, level: op.level, message: op.message.slice(0, limits.logMessageCharsMax) });
      return;
    case "call":
      callDispatch(w, isolate, op, atMs);
      return;
    case "timer_set":
      setTimer(w, isolate, op.timerId, op.delayMs, atMs);
      return;
    case "timer_clear": {
      const timer = isolate.timers.get(op.timerId);
      if (!timer) return;
      w.queue.cancel(timer);
      isolate.timers.delete(op.timerId);
      w.record({ kind: "timer", t: w.nowMs, isolate: isolate.key, timerId: op.timerId, action: "clear" });
      return;
    }
    case "response":
      finishRequest(w, isolate, op.requestId, op.response, atMs);
      return;
    case "exception":
      w.record({ kind: "log", t: w.nowMs, isolate: isolate.key, req: op.requestId, level: "error", message: `${op.error.name}: ${op.error.message}` });
      finishRequest(w, isolate, op.requestId, textResponse(500, `${op.error.name}: ${op.error.message}`), atMs);
      return;
    case "request_done":
      finishRequest(w, isolate, op.requestId, null, atMs);
      return;
    case "limit":
      w.record({ kind: "limit", t: w.nowMs, isolate: isolate.key, req: op.requestId, limit: op.limit, message: op.message });
      return;
    default:
      exhaustiveSwitchError(op);
  }
}

function setTimer(w: WorldState, isolate: IsolateRecord, timerId: number, delayMs: number, atMs: number): void {
  if (isolate.timers.size >= limits.timersPerIsolateMax) {
    w.record({ kind: "limit", t: w.nowMs, isolate: isolate.key, req: null, limit: "timersPerIsolateMax", message: `more than ${limits.timersPerIsolateMax} timers` });
    return;
  }
  // Timers fire on whole virtual ms; a negative or fractional delay rounds up as browsers clamp it.
  const due = atMs + Math.max(0, Math.ceil(Number.isFinite(delayMs) ? delayMs : 0));
  isolate.timers.set(timerId, w.schedule(due, { kind: "timer_fire", isolate: isolate.key, timerId }));
  w.record({ kind: "timer", t: w.nowMs, isolate: isolate.key, timerId, action: "set" });
}

/**
 * A request's end as the isolate reports it. The first of response/exception answers the
 * caller; an object request also releases its input gate then. `request_done` (waitUntil
 * settled, or an alarm handler finished) only clears what is left.
 */
function finishRequest(w: WorldState, isolate: IsolateRecord, req: string, answer: WireResponse | null, atMs: number): void {
  const responder = isolate.inFlight.get(req);
  if (!responder) return;
  isolate.inFlight.delete(req);
  if (answer !== null) respond(w, responder, answer, isolate.pop, isolate.version, atMs);
  else if (responder.type === "object") objectRequestDone(w, responder.object, responder.doReq, atMs);
}
