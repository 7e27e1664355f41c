// Delivery of one event from the host. The host calls `deliver`; V8 then drains the microtask
// queue before the host's call returns and before the returned queue is copied, so the copy
// holds every operation the event caused, in issue order.
import type { DeliveryEvent, IsolateOp, RequestCf } from "../../../server/sim/isolate-port.ts";
import { requestFromWire } from "../web/index.ts";
import { answer } from "./answer.ts";
import { settleCall } from "./calls.ts";
import { setVirtualNow } from "./clock.ts";
import { createExecutionContext } from "./execution-context.ts";
import { evictObject, handleObjectAlarm, handleObjectFetch } from "./objects.ts";
import { setCurrentRequestId, startDeliveryOps } from "./ops.ts";
import { enterAsyncFrame } from "./async-context.ts";
import { fireTimer } from "./timers.ts";
import { loadedWorker } from "./worker.ts";

function handleFetch(requestId: string, wire: never, cf: RequestCf | undefined): void {
  setCurrentRequestId(requestId);
  const worker = loadedWorker();
  answer(requestId, () => {
    const handler = worker.exports.default as { fetch?: (request: unknown, env: unknown, ctx: unknown) => unknown } | undefined;
    if (handler === undefined || typeof handler.fetch !== "function") throw new TypeError("The worker has no fetch handler");
    return handler.fetch(requestFromWire(wire, true, cf), worker.env, createExecutionContext(requestId));
  });
}

/** Runs one event; returns the delivery's operations (complete once its microtasks have run). */
export function deliver(event: DeliveryEvent, nowMs: number): IsolateOp[] {
  const ops = startDeliveryOps();
  setVirtualNow(nowMs);
  setCurrentRequestId(null);
  enterAsyncFrame(null);
  run(event);
  return ops;
}

function run(event: DeliveryEvent): void {
  switch (event.kind) {
    case "fetch":
      return handleFetch(event.requestId, event.request as never, event.cf);
    case "object_fetch":
      return handleObjectFetch(event.requestId, event.className, event.objectId, event.objectName, event.request as never);
    case "object_alarm":
      return handleObjectAlarm(event.requestId, event.className, event.objectId, event.objectName);
    case "object_evict":
      return evictObject(event.objectId);
    case "reply":
      return settleCall(event.callId, event.result);
    case "timer":
      return fireTimer(event.timerId);
    default:
      throw new TypeError(`unknown event kind ${(event as { kind: unknown }).kind}`);
  }
}
