// The `ctx` a fetch handler receives. waitUntil work keeps the request alive after its response;
// the host learns it is over from `request_done`. passThroughOnException marks the request so
// that an exception becomes a pass-through to the origin instead of a 500 (answer.ts).
import { reportUncaught } from "./errors.ts";
import { finishIfDone, requestState } from "./request-state.ts";
import { whenSettled } from "./primordials.ts";

export function trackWaitUntil(requestId: string, promise: unknown): void {
  const state = requestState(requestId);
  state.waitUntilPending++;
  const settle = () => {
    state.waitUntilPending--;
    finishIfDone(requestId);
  };
  whenSettled(promise, settle, (error) => {
    reportUncaught(error, "in ctx.waitUntil");
    settle();
  });
}

export function createExecutionContext(requestId: string): object {
  return Object.freeze({
    waitUntil: (promise: unknown) => trackWaitUntil(requestId, promise),
    // Fail open: if the handler then throws, the world sends the request on to its origin.
    passThroughOnException: () => {
      requestState(requestId).passThrough = true;
    },
    props: Object.freeze({}),
  });
}
