// Turns what a handler returned into the request's `response` or `exception` operation, then
// waits for its waitUntil work before `request_done`.
import { sandboxLimits } from "../../limits.ts";
import { bodyByteLength, isResponse, responseToWire, type ResponseWire } from "../web/index.ts";
import type { CallResult } from "../../../server/sim/isolate-port.ts";
import { toWireError } from "./errors.ts";
import { emit } from "./ops.ts";
import { finishIfDone, requestState } from "./request-state.ts";
import { PromiseReject, TypeErrorCtor, whenSettled } from "./primordials.ts";
import { rpcClone, rpcError } from "./rpc-values.ts";

/**
 * Checks what the handler returned and emits the `response` (or a limit). No callback here
 * returns a promise: resolving one promise with another would call its `then`, which worker
 * code may have replaced on Promise.prototype.
 */
function toWire(requestId: string, value: unknown, done: () => void, fail: (error: unknown) => void): void {
  // A brand check: user code can fake `instanceof` through Symbol.hasInstance.
  if (!isResponse(value)) {
    fail(new TypeErrorCtor(`Incorrect type for Promise: the Promise did not resolve to 'Response' (the handler returned ${value === null ? "null" : typeof value})`));
    return;
  }
  // Checked before the body is taken or copied anywhere, so an oversized body costs nothing more.
  const size = bodyByteLength(value);
  if (size > sandboxLimits.responseBodyBytesMax) {
    emit({ kind: "limit", requestId, limit: "responseBodyBytesMax", message: `The response body is ${size} bytes; the limit is ${sandboxLimits.responseBodyBytesMax} bytes (responseBodyBytesMax)` });
    done();
    return;
  }
  whenSettled(
    responseToWire(value),
    (response: ResponseWire) => {
      emit({ kind: "response", requestId, response });
      done();
    },
    fail,
  );
}

/** What the handler returned, or the error it threw synchronously as a rejected promise. */
function outcomeOf(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return PromiseReject(error);
  }
}

/** The request's handler has answered: request_done follows once its waitUntil work ends. */
function markAnswered(requestId: string, state: { answered: boolean }): void {
  state.answered = true;
  finishIfDone(requestId);
}

export function answer(requestId: string, run: () => unknown): void {
  const state = requestState(requestId);
  const result = outcomeOf(run);
  const done = () => markAnswered(requestId, state);
  const fail = (error: unknown) => {
    emit(state.passThrough ? { kind: "exception", requestId, error: toWireError(error), passThrough: true } : { kind: "exception", requestId, error: toWireError(error) });
    done();
  };
  whenSettled(result, (value) => toWire(requestId, value, done, fail), fail);
}

/** For handlers that answer nothing (alarms): success or exception, then request_done. */
export function runToCompletion(requestId: string, run: () => unknown): void {
  const state = requestState(requestId);
  const result = outcomeOf(run);
  whenSettled(
    result,
    () => markAnswered(requestId, state),
    (error) => {
      emit({ kind: "exception", requestId, error: toWireError(error) });
      markAnswered(requestId, state);
    },
  );
}

/**
 * For RPC requests: the member's value, cloned here (so only plain data leaves the isolate), or
 * the error the caller rethrows. A value that cannot be cloned fails the call, as in workerd.
 */
export function answerRpc(requestId: string, run: () => unknown): void {
  const state = requestState(requestId);
  const result = outcomeOf(run);
  const finish = (outcome: CallResult) => {
    emit({ kind: "rpc_result", requestId, result: outcome });
    markAnswered(requestId, state);
  };
  whenSettled(
    result,
    (value) => {
      let copy: unknown;
      try {
        copy = rpcClone(value);
      } catch (error) {
        finish({ ok: false, error: rpcError(error) });
        return;
      }
      finish({ ok: true, value: copy });
    },
    (error) => finish({ ok: false, error: rpcError(error) }),
  );
}
