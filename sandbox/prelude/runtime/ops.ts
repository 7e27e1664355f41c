// The queue of operations the isolate has issued since the host last drained it, in issue order
// (DESIGN.md rule 2), and the request on whose behalf code is running right now.
//
// An isolate cannot tell which request a resumed `await` belongs to, so the runtime attributes
// every operation to the request of the event being delivered: a reply or timer belongs to the
// request that issued the call or set the timer. Work shared between two requests (one promise
// awaited by both) is attributed to whichever delivery resumed it.
import type { IsolateOp } from "../../../server/sim/isolate-port.ts";
import { listAppend, runtimeList, type RuntimeList } from "../web/primordials.ts";

// Only the host ever reads the queue (a delivery's result is copied out): a runtime list.
let queue: RuntimeList<IsolateOp> = runtimeList();
let currentRequestId: string | null = null;

export function emit(op: IsolateOp): void {
  listAppend(queue, op);
}

export function drainOps(): IsolateOp[] {
  const drained = queue;
  queue = runtimeList();
  return drained;
}

/**
 * Starts the queue of one delivery and returns it. The delivery hands this very array back to
 * the host as its result: isolated-vm copies a call's result only after V8 has run every
 * microtask, so operations issued after an `await` in this delivery are in it too, and one call
 * per delivery suffices (no second call to collect them).
 */
export function startDeliveryOps(): IsolateOp[] {
  queue = runtimeList();
  return queue;
}

export function getCurrentRequestId(): string | null {
  return currentRequestId;
}

export function setCurrentRequestId(requestId: string | null): void {
  currentRequestId = requestId;
}
