// Durable Object orchestration: one instance worldwide, hosted in the isolate of its worker's
// version at the owner region's PoP. Callers pay the network path to the owner; requests queue
// and the input gate lets the next one in only when the current one has answered or failed.
// Lifecycle (hibernate, evict, restore, alarms) is in object-lifecycle.ts, storage calls in
// object-storage.ts, migration in object-migration.ts.

import { defaults, limits } from "../core/limits.ts";
import { ownerFor } from "../durable-objects/placement.ts";
import { popIdOf } from "../net/topology.ts";
import type { CallResult, RpcCall, WireRequest, WireResponse } from "../isolate-port.ts";
import { callError, replyAt } from "./calls.ts";
import type { Ctx } from "./context.ts";
import { Effects } from "./effects.ts";
import type { Caller, CallOp, InstantEvent } from "./events.ts";
import { scheduleIdle, setState } from "./object-lifecycle.ts";
import { scheduleTakes, type ObjectRecord, type ObjectRequest, type ObjectsWorld } from "./objects-state.ts";
import { objectReceiver, rpcLabel, rpcOutcome, rpcResultLabel } from "./rpc.ts";
import { chargeSubrequest, type SubrequestsSlice } from "./subrequests.ts";
import { textResponse, withHeader } from "./wire.ts";

type Instant<K extends InstantEvent["kind"]> = Extract<InstantEvent, { kind: K }>;

export const ownerHeader = "x-durable-object-owner";

/**
 * A stub's fetch or RPC call leaves the caller's isolate for the owner region. It is a
 * subrequest of the caller's tree, charged like a fetch (subrequests.ts).
 */
export function objectCall(objects: ObjectsWorld, subrequests: SubrequestsSlice, ctx: Ctx, e: { caller: Caller; op: CallOp; atMs: number }): Effects {
  const out = new Effects();
  const { caller, op, atMs } = e;
  if (op.target.type !== "object") return out;
  if (!chargeSubrequest(subrequests, ctx, out, caller, op, atMs)) return out;
  const target = op.target;
  const object = objectFor(objects, ctx, caller.worker, target.className, target.objectId, target.objectName, target.locationHint);
  const reach = ctx.network.send(caller.region, object.owner);
  if (!reach.ok) {
    replyAt(out, caller, op.callId, atMs + 1, callError("Error", `Durable Object unreachable: ${reach.reason}`), "DO error", true);
    return out;
  }
  const lineage = { root: caller.lineage.root, depth: caller.lineage.depth + 1 };
  const id = ctx.ids.next("o");
  const from = { isolate: caller.isolate, callId: op.callId, region: caller.region };
  let request: ObjectRequest;
  if (op.method === "rpc") {
    const rpc = op.args[0] as RpcCall;
    const label = rpcLabel(objectReceiver(target.className, target.objectName, target.objectId), rpc);
    request = { id, kind: "rpc", request: null, rpc, label, caller: from, lineage };
    out.trace({ kind: "rpc_call", t: ctx.nowMs, req: op.requestId, call: id, target: `object:${object.id}`, label: `${op.requestId ?? caller.isolate} calls ${label}` });
  } else {
    request = { id, kind: "fetch", request: op.args[0] as WireRequest, caller: from, lineage };
  }
  object.requests.set(request.id, request);
  out.send(atMs + reach.latencyMs, { kind: "object_arrive", object: object.id, doReq: request.id, region: object.owner, ...(request.label === undefined ? {} : { what: request.label }) });
  return out;
}

function objectFor(objects: ObjectsWorld, ctx: Ctx, worker: string, className: string, id: string, name: string | null, hint: string | null): ObjectRecord {
  const known = objects.byId.get(id);
  if (known) return known;
  const healthy = new Set(ctx.network.topology.regions.filter((r) => !ctx.network.regionsDown.has(r)));
  const placement = ownerFor(id, { ring: objects.ring, healthy, hint: hint ?? objects.uniqueHints.get(id) ?? null });
  const object: ObjectRecord = {
    id, worker, className, name, owner: placement?.region ?? ctx.network.topology.regions[0]!, state: "evicted", everActive: false, isolate: null,
    queue: [], current: null, takes: [], idleCheck: null, idleSinceMs: ctx.nowMs, alarm: null, alarmRetries: 0, storage: null, requests: new Map(),
  };
  objects.byId.set(id, object);
  return object;
}

/** A request reaches the region it was sent to; if the object has moved meanwhile, 307. */
export function objectArrive(objects: ObjectsWorld, ctx: Ctx, e: { object: string; doReq: string; region: string }): Effects {
  const out = new Effects();
  const object = objects.get(e.object);
  const request = object.requests.get(e.doReq);
  if (!request) return out;
  if (object.owner !== e.region) {
    redirect(ctx, out, object, request, ctx.nowMs);
    return out;
  }
  if (object.queue.length >= limits.objectQueueDepthMax) {
    answerCaller(ctx, out, object, request, textResponse(503, `object queue full (objectQueueDepthMax ${limits.objectQueueDepthMax})`), ctx.nowMs);
    return out;
  }
  object.queue.push(request);
  out.trace({ kind: "do_enqueue", t: ctx.nowMs, object: e.object, req: e.doReq, region: e.region, depth: object.queue.length });
  if (object.current === null) scheduleTakes(out, object, ctx.nowMs);
  return out;
}

/** The gate lets a request in: the object is put in memory (a wake, or a load first) and runs it. */
export function objectTake(objects: ObjectsWorld, ctx: Ctx, e: { object: string; doReq: string }): Effects {
  const out = new Effects();
  const object = objects.get(e.object);
  const index = object.queue.findIndex((r) => r.id === e.doReq);
  if (object.current !== null || index < 0) return out;
  const request = object.queue.splice(index, 1)[0]!;
  for (const take of object.takes) out.cancel(take);
  object.takes = [];
  object.current = request;
  out.trace({ kind: "do_dequeue", t: ctx.nowMs, object: e.object, req: e.doReq, depth: object.queue.length });
  out.cancel(object.idleCheck);
  object.idleCheck = null;
  if (object.isolate !== null && ctx.reads.isolateAlive(object.isolate)) {
    if (object.state === "hibernated") setState(ctx, out, object, "active", "wake");
    deliverRequest(out, object, request, object.isolate);
    return out;
  }
  const pop = popIdOf(object.owner);
  out.now({ kind: "object_host", object: object.id, doReq: request.id, worker: object.worker, version: ctx.reads.versionAt(object.worker, pop), pop });
  return out;
}

/** The isolate that will host the object is loaded (or failed to load): start or restore it there. */
export function objectHosted(objects: ObjectsWorld, ctx: Ctx, e: Instant<"object_hosted">): Effects {
  const out = new Effects();
  const object = objects.get(e.object);
  const request = object.current;
  if (request === null || request.id !== e.doReq) return out;
  if (e.isolate === null) {
    answerCaller(ctx, out, object, request, textResponse(500, "the object's worker failed to load"), ctx.nowMs);
    return out;
  }
  object.isolate = e.isolate;
  object.storage ??= ctx.deps.objectStorage.open(object.id);
  setState(ctx, out, object, "active", object.everActive ? "restore" : "start");
  object.everActive = true;
  deliverRequest(out, object, request, e.isolate);
  return out;
}

function deliverRequest(out: Effects, object: ObjectRecord, request: ObjectRequest, isolate: string): void {
  const base = { requestId: request.id, className: object.className, objectId: object.id, objectName: object.name };
  const delivery =
    request.kind === "fetch" ? { kind: "object_fetch" as const, ...base, request: request.request! }
    : request.kind === "rpc" ? { kind: "object_rpc" as const, ...base, call: request.rpc! }
    : { kind: "object_alarm" as const, ...base };
  out.now({ kind: "isolate_deliver", isolate, delivery, req: request.id, responder: { type: "object", object: object.id, doReq: request.id }, lineage: request.lineage });
}

/** The instance answered (or failed): the caller gets the response, the gate opens. */
export function objectRespond(objects: ObjectsWorld, ctx: Ctx, e: Instant<"object_respond">): Effects {
  const out = new Effects();
  const object = objects.get(e.object);
  const request = object.requests.get(e.doReq);
  if (!request) return out;
  answerCaller(ctx, out, object, request, e.response, e.atMs, e.rpc);
  if (request.kind === "alarm") retryAlarm(ctx, out, object, e.atMs);
  requestDone(ctx, out, object, e.doReq, e.atMs);
  return out;
}

export function objectDone(objects: ObjectsWorld, ctx: Ctx, e: Instant<"object_done">): Effects {
  const out = new Effects();
  const object = objects.get(e.object);
  if (object.requests.get(e.doReq)?.kind === "alarm" && object.alarm === null) object.alarmRetries = 0;
  requestDone(ctx, out, object, e.doReq, e.atMs);
  return out;
}

/**
 * An alarm handler threw (an alarm only answers when it fails): the platform retries it with
 * exponential backoff from `alarmRetryBackoffMs`, at most `alarmRetriesMax` times, unless the
 * handler set a new alarm before it threw.
 */
function retryAlarm(ctx: Ctx, out: Effects, object: ObjectRecord, atMs: number): void {
  if (object.alarm !== null) return;
  if (object.alarmRetries >= defaults.alarmRetriesMax) {
    out.trace({ kind: "limit", t: ctx.nowMs, isolate: object.isolate ?? "", req: null, limit: "alarmRetriesMax", message: `alarm of ${object.id.slice(0, 8)} failed after ${defaults.alarmRetriesMax} retries; it is not retried again` });
    object.alarmRetries = 0;
    return;
  }
  const delayMs = defaults.alarmRetryBackoffMs * 2 ** object.alarmRetries;
  object.alarmRetries++;
  object.alarm = out.at(atMs + delayMs, { kind: "object_alarm", object: object.id });
}

function requestDone(ctx: Ctx, out: Effects, object: ObjectRecord, reqId: string, atMs: number): void {
  object.requests.delete(reqId);
  if (object.current?.id !== reqId) return;
  object.current = null;
  out.trace({ kind: "do_done", t: ctx.nowMs, object: object.id, req: reqId, depth: object.queue.length });
  if (object.queue.length > 0) scheduleTakes(out, object, atMs);
  else scheduleIdle(ctx, out, object, atMs);
}

/** The caller gets the answer one network path later; an RPC caller gets the call's outcome. */
export function answerCaller(ctx: Ctx, out: Effects, object: ObjectRecord, request: ObjectRequest, response: WireResponse, atMs: number, rpc?: CallResult): void {
  object.requests.delete(request.id);
  const caller = request.caller;
  if (!caller || !ctx.reads.isolateLoaded(caller.isolate)) return;
  const back = ctx.network.send(object.owner, caller.region);
  if (!back.ok) {
    replyAt(out, caller, caller.callId, atMs + 1, callError("Error", `Durable Object reply lost: ${back.reason}`), "DO error", true);
    return;
  }
  if (request.kind === "rpc") {
    const outcome = rpcOutcome(rpc, response);
    replyAt(out, caller, caller.callId, atMs + back.latencyMs, outcome, rpcResultLabel(request.label ?? "RPC", outcome), true);
    return;
  }
  replyAt(out, caller, caller.callId, atMs + back.latencyMs, { ok: true, value: response }, `DO answer ${response.status}`, true);
}

/** 307 to the same URL, naming the new owner: the caller retries there. */
export function redirect(ctx: Ctx, out: Effects, object: ObjectRecord, request: ObjectRequest, atMs: number): void {
  const location = request.request?.url ?? "";
  out.trace({ kind: "do_redirect", t: ctx.nowMs, object: object.id, req: request.id, location, owner: object.owner });
  const response = withHeader(withHeader(textResponse(307, `object moved to ${object.owner}`), "location", location), ownerHeader, object.owner);
  answerCaller(ctx, out, object, request, response, atMs);
}
