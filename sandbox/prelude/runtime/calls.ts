// Asynchronous calls to the host (binding methods, Durable Object stubs, subrequests). A call
// is an operation in the queue and a promise here; the host answers later with a `reply` event,
// when the simulated world says the answer has arrived.
import type { CallResult, CallTarget } from "../../../server/sim/isolate-port.ts";
import { sandboxLimits } from "../../limits.ts";
import { fromHostError } from "./errors.ts";
import { emit, getCurrentRequestId, setCurrentRequestId } from "./ops.ts";
import { requestState } from "./request-state.ts";
import { currentAsyncFrame, enterAsyncFrame } from "./async-context.ts";
import type { AsyncFrame } from "../node/async-hooks.ts";
import { MapCtor, MapPrototypeDelete, MapPrototypeGet, MapPrototypeSet, PromiseCtor } from "./primordials.ts";

interface PendingCall {
  resolve(reply: CallReply): void;
  reject(error: unknown): void;
  requestId: string | null;
  frame: AsyncFrame | null;
}

const pending: Map<number, PendingCall> = new MapCtor();
let nextCallId = 1;

/**
 * The reply arrives in a null-prototype box: resolving a promise with the host's copied object
 * itself would read its `then`, which the learner's code may have planted on Object.prototype
 * or Array.prototype. Callers `await` the box and take `.value`.
 */
export interface CallReply {
  value: unknown;
}

export function callHost(target: CallTarget, method: string, args: unknown[]): Promise<CallReply> {
  const requestId = getCurrentRequestId();
  if (requestId !== null) {
    const state = requestState(requestId);
    if (state.calls >= sandboxLimits.callsPerRequestMax) {
      return PromiseCtor.reject(new Error(`Too many subrequests and binding calls: at most ${sandboxLimits.callsPerRequestMax} per request (callsPerRequestMax)`));
    }
    state.calls++;
  }
  const callId = nextCallId++;
  return new PromiseCtor<CallReply>((resolve, reject) => {
    MapPrototypeSet(pending, callId, { resolve, reject, requestId, frame: currentAsyncFrame() });
    emit({ kind: "call", callId, requestId, target, method, args });
  });
}

/** Settles a call with the host's reply; its continuations run as part of this delivery. */
export function settleCall(callId: number, result: CallResult): void {
  const call = MapPrototypeGet(pending, callId);
  if (call === undefined) return;
  MapPrototypeDelete(pending, callId);
  setCurrentRequestId(call.requestId);
  enterAsyncFrame(call.frame);
  if (result.ok) call.resolve({ __proto__: null, value: result.value } as CallReply);
  else call.reject(fromHostError(result.error));
}
