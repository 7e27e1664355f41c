// Turns what a handler returned into the request's `response` or `exception` operation, then
// waits for its waitUntil work before `request_done`.
import { sandboxLimits } from "../../limits.ts";
import { bodyByteLength, isResponse, responseToWire } from "../web/index.ts";
import { toWireError } from "./errors.ts";
import { emit } from "./ops.ts";
import { finishIfDone, requestState } from "./request-state.ts";
import { PromisePrototypeThen, PromiseResolve } from "./primordials.ts";

async function toWire(requestId: string, value: unknown): Promise<void> {
  // A brand check: user code can fake `instanceof` through Symbol.hasInstance.
  if (!isResponse(value)) {
    throw new TypeError(`Incorrect type for Promise: the Promise did not resolve to 'Response' (the handler returned ${value === null ? "null" : typeof value})`);
  }
  // Checked before the body is taken or copied anywhere, so an oversized body costs nothing more.
  const size = bodyByteLength(value);
  if (size > sandboxLimits.responseBodyBytesMax) {
    emit({ kind: "limit", requestId, limit: "responseBodyBytesMax", message: `The response body is ${size} bytes; the limit is ${sandboxLimits.responseBodyBytesMax} bytes (responseBodyBytesMax)` });
    return;
  }
  emit({ kind: "response", requestId, response: await responseToWire(value) });
}

/** `result` is whatever the handler returned, or the error it threw synchronously. */
export function answer(requestId: string, run: () => unknown): void {
  const state = requestState(requestId);
  let result: unknown;
  try {
    result = run();
  } catch (error) {
    result = Promise.reject(error);
  }
  const done = () => {
    state.answered = true;
    finishIfDone(requestId);
  };
  PromisePrototypeThen(
    PromisePrototypeThen(PromiseResolve(result), (value) => toWire(requestId, value), (error) => {
      throw error;
    }),
    done,
    (error) => {
      emit({ kind: "exception", requestId, error: toWireError(error) });
      done();
    },
  );
}

/** For handlers that answer nothing (alarms): success or exception, then request_done. */
export function runToCompletion(requestId: string, run: () => unknown): void {
  const state = requestState(requestId);
  let result: unknown;
  try {
    result = run();
  } catch (error) {
    result = Promise.reject(error);
  }
  PromisePrototypeThen(
    PromiseResolve(result),
    () => {
      state.answered = true;
      finishIfDone(requestId);
    },
    (error) => {
      emit({ kind: "exception", requestId, error: toWireError(error) });
      state.answered = true;
      finishIfDone(requestId);
    },
  );
}
