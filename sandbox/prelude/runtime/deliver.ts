// Delivery of one event from the host. The host calls `deliver`; V8 then drains the microtask
// queue before the host's call returns and before the returned queue is copied, so the copy
// holds every operation the event caused, in issue order.
import type { DeliveryEvent, IsolateOp, RequestCf, RpcCall } from "../../../server/sim/isolate-port.ts";
import { requestFromWire } from "../web/index.ts";
import { answer, answerRpc } from "./answer.ts";
import { settleCall } from "./calls.ts";
import { setVirtualNow } from "./clock.ts";
import { createExecutionContext } from "./execution-context.ts";
import { evictObject, handleObjectAlarm, handleObjectFetch, handleObjectRpc } from "./objects.ts";
import { entrypointFor, invokeEntrypoint } from "./rpc-receiver.ts";
import { setCurrentRequestId, startDeliveryOps } from "./ops.ts";
import { enterAsyncFrame } from "./async-context.ts";
import { fireTimer } from "./timers.ts";
import { loadedWorker } from "./worker.ts";
import { ReflectApply } from "./primordials.ts";

function handleFetch(requestId: string, wire: never, cf: RequestCf | undefined, entrypoint: string | null): void {
  setCurrentRequestId(requestId);
  const worker = loadedWorker();
  // A named WorkerEntrypoint (through a service binding), or a default export that is one.
  if (entrypoint !== null || typeof worker.exports.default === "function") return handleEntrypointFetch(requestId, wire, cf, entrypoint);
  answer(requestId, () => {
    const handler = worker.exports.default as { fetch?: (request: unknown, env: unknown, ctx: unknown) => unknown } | undefined;
    if (handler === undefined || typeof handler.fetch !== "function") throw new TypeError("The worker has no fetch handler");
    return handler.fetch(requestFromWire(wire, true, cf), worker.env, createExecutionContext(requestId));
  });
}

function handleEntrypointFetch(requestId: string, wire: never, cf: RequestCf | undefined, name: string | null): void {
  answer(requestId, () => {
    const entrypoint = entrypointFor(name, requestId);
    const request = requestFromWire(wire, true, cf);
    if (entrypoint.type === "object") {
      const fetch = (entrypoint.handler as { fetch?: unknown }).fetch;
      if (typeof fetch !== "function") throw new TypeError("The worker has no fetch handler");
      return ReflectApply(fetch, entrypoint.handler, [request, entrypoint.env, entrypoint.ctx]);
    }
    const fetch = (entrypoint.instance as { fetch?: unknown }).fetch;
    if (typeof fetch !== "function") throw new TypeError(`The entrypoint ${name ?? "default"} has no fetch() method`);
    return ReflectApply(fetch, entrypoint.instance, [request]);
  });
}

function handleRpc(requestId: string, name: string | null, call: RpcCall): void {
  setCurrentRequestId(requestId);
  answerRpc(requestId, () => invokeEntrypoint(entrypointFor(name, requestId), call));
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
      return handleFetch(event.requestId, event.request as never, event.cf, event.entrypoint ?? null);
    case "rpc":
      return handleRpc(event.requestId, event.entrypoint, event.call);
    case "object_rpc":
      return handleObjectRpc(event.requestId, event.className, event.objectId, event.objectName, event.call);
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
