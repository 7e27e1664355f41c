// The queue of operations the isolate has issued since the host last drained it, in issue order
// (DESIGN.md rule 2), and the request on whose behalf code is running right now.
//
// An isolate cannot tell which request a resumed `await` belongs to, so the runtime attributes
// every operation to the request of the event being delivered: a reply or timer belongs to the
// request that issued the call or set the timer. Work shared between two requests (one promise
// awaited by both) is attributed to whichever delivery resumed it.
import type { IsolateOp } from "../../../server/sim/isolate-port.ts";
import { arrayAppend } from "./primordials.ts";

let queue: IsolateOp[] = [];
let currentRequestId: string | null = null;

export function emit(op: IsolateOp): void {
  arrayAppend(queue, op);
}

export function drainOps(): IsolateOp[] {
  const drained = queue;
  queue = [];
  return drained;
}

export function getCurrentRequestId(): string | null {
  return currentRequestId;
}

export function setCurrentRequestId(requestId: string | null): void {
  currentRequestId = requestId;
}
