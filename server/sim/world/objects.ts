// Durable Object orchestration: one instance worldwide, hosted in the isolate of its worker's
// version at the owner region's PoP. Callers pay the network path to the owner; requests queue
// and the input gate lets the next one in only when the current one has answered or failed.
// Lifecycle (hibernate, evict, restore) is in object-lifecycle.ts, storage calls in
// object-storage.ts, migration in faults.ts.

import { limits } from "../core/limits.ts";
import { ownerFor } from "../durable-objects/placement.ts";
import type { CallTarget, WireRequest, WireResponse } from "../isolate-port.ts";
import { callError, replyAt, type CallOp } from "./calls.ts";
import { deliverTo } from "./isolates.ts";
import { activate, scheduleIdle } from "./object-lifecycle.ts";
import type { ObjectRecord, ObjectRequest } from "./objects-state.ts";
import type { IsolateRecord, WorldState } from "./state.ts";
import { textResponse, withHeader } from "./wire.ts";

export { storageCall } from "./object-storage.ts";
export { loseObjectsOf } from "./object-lifecycle.ts";

export const ownerHeader = "x-durable-object-owner";

/** A stub's fetch leaves the caller's isolate for the owner region. */
export function objectCall(w: WorldState, isolate: IsolateRecord, op: CallOp, target: Extract<CallTarget, { type: "object" }>, atMs: number): void {
  const object = objectFor(w, isolate.worker, target.className, target.objectId, target.objectName, target.locationHint);
  const reach = w.network.send(isolate.region, object.owner);
  if (!reach.ok) {
    replyAt(w, isolate, op.callId, atMs + 1, callError("Error", `Durable Object unreachable: ${reach.reason}`), "DO error", true);
    return;
  }
  const request: ObjectRequest = { id: w.nextId("o"), kind: "fetch", request: op.args[0] as WireRequest, caller: { isolate: isolate.key, callId: op.callId, region: isolate.region } };
  object.requests.set(request.id, request);
  w.schedule(atMs + reach.latencyMs, { kind: "object_arrive", object: object.id, doReq: request.id, region: object.owner });
}

export function objectFor(w: WorldState, worker: string, className: string, id: string, name: string | null, hint: string | null): ObjectRecord {
  const known = w.objects.byId.get(id);
  if (known) return known;
  const healthy = new Set(w.network.topology.regions.filter((r) => !w.network.regionsDown.has(r)));
  const placement = ownerFor(id, { ring: w.objects.ring, healthy, hint: hint ?? w.objects.uniqueHints.get(id) ?? null });
  const object: ObjectRecord = {
    id, worker, className, name, owner: placement?.region ?? w.network.topology.regions[0]!, state: "evicted", everActive: false, isolate: null,
    queue: [], current: null, takes: [], idleCheck: null, idleSinceMs: w.nowMs, alarm: null, storage: null, requests: new Map(),
  };
  w.objects.byId.set(id, object);
  return object;
}

/** A request reaches the region it was sent to; if the object has moved meanwhile, 307. */
export function objectArrive(w: WorldState, objectId: string, reqId: string, region: string): void {
  const object = w.object(objectId);
  const request = object.requests.get(reqId);
  if (!request) return;
  if (object.owner !== region) {
    redirect(w, object, request, w.nowMs);
    return;
  }
  if (object.queue.length >= limits.objectQueueDepthMax) {
    answerCaller(w, object, request, textResponse(503, `object queue full (objectQueueDepthMax ${limits.objectQueueDepthMax})`), w.nowMs);
    return;
  }
  object.queue.push(request);
  w.record({ kind: "do_enqueue", t: w.nowMs, object: objectId, req: reqId, region, depth: object.queue.length });
  if (object.current === null) scheduleTakes(w, object, w.nowMs);
}

/**
 * The gate is open: one `object_take` per queued request, all due now, in arrival order. The
 * first to run wins and cancels the rest; a learner may pick another (stepChoose).
 */
export function scheduleTakes(w: WorldState, object: ObjectRecord, atMs: number): void {
  for (const take of object.takes) w.queue.cancel(take);
  object.takes = object.queue.map((r) => w.schedule(atMs, { kind: "object_take", object: object.id, doReq: r.id }));
}

export function objectTake(w: WorldState, objectId: string, reqId: string): void {
  const object = w.object(objectId);
  const index = object.queue.findIndex((r) => r.id === reqId);
  if (object.current !== null || index < 0) return;
  const request = object.queue.splice(index, 1)[0]!;
  for (const take of object.takes) w.queue.cancel(take);
  object.takes = [];
  object.current = request;
  w.record({ kind: "do_dequeue", t: w.nowMs, object: objectId, req: reqId, depth: object.queue.length });
  const isolate = activate(w, object);
  if (!isolate) {
    answerCaller(w, object, request, textResponse(500, "the object's worker failed to load"), w.nowMs);
    return;
  }
  isolate.inFlight.set(request.id, { type: "object", object: objectId, doReq: request.id });
  const base = { requestId: request.id, className: object.className, objectId, objectName: object.name };
  if (request.kind === "fetch") deliverTo(w, isolate, { kind: "object_fetch", ...base, request: request.request! }, request.id, 0);
  else deliverTo(w, isolate, { kind: "object_alarm", ...base }, request.id, 0);
}

/** The instance answered (or failed): the caller gets the response, the gate opens. */
export function respondToObjectCaller(w: WorldState, objectId: string, reqId: string, response: WireResponse, atMs: number): void {
  const object = w.object(objectId);
  const request = object.requests.get(reqId);
  if (!request) return;
  answerCaller(w, object, request, response, atMs);
  objectRequestDone(w, objectId, reqId, atMs);
}

export function objectRequestDone(w: WorldState, objectId: string, reqId: string, atMs: number): void {
  const object = w.object(objectId);
  object.requests.delete(reqId);
  if (object.current?.id !== reqId) return;
  object.current = null;
  w.record({ kind: "do_done", t: w.nowMs, object: objectId, req: reqId, depth: object.queue.length });
  if (object.queue.length > 0) scheduleTakes(w, object, atMs);
  else scheduleIdle(w, object, atMs);
}

export function answerCaller(w: WorldState, object: ObjectRecord, request: ObjectRequest, response: WireResponse, atMs: number): void {
  object.requests.delete(request.id);
  const caller = request.caller;
  if (!caller) return;
  const callerIsolate = w.isolates.get(caller.isolate);
  if (!callerIsolate) return;
  const back = w.network.send(object.owner, caller.region);
  if (!back.ok) {
    replyAt(w, callerIsolate, caller.callId, atMs + 1, callError("Error", `Durable Object reply lost: ${back.reason}`), "DO error", true);
    return;
  }
  replyAt(w, callerIsolate, caller.callId, atMs + back.latencyMs, { ok: true, value: response }, `DO answer ${response.status}`, true);
}

/** 307 to the same URL, naming the new owner: the caller retries there. */
export function redirect(w: WorldState, object: ObjectRecord, request: ObjectRequest, atMs: number): void {
  const location = request.request?.url ?? "";
  w.record({ kind: "do_redirect", t: w.nowMs, object: object.id, req: request.id, location, owner: object.owner });
  const response = withHeader(withHeader(textResponse(307, `object moved to ${object.owner}`), "location", location), ownerHeader, object.owner);
  answerCaller(w, object, request, response, atMs);
}
