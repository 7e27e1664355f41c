// A Durable Object's life: activated in its host isolate on a request (started, woken from
// hibernation, or restored after eviction; see objects.ts), hibernated after
// `objectHibernateMs` idle (memory kept: the instance stays in its isolate), evicted after
// `objectEvictMs` idle (the isolate drops the instance, the storage handle is closed, storage
// itself is kept), and alarms.

import type { Ctx } from "./context.ts";
import { Effects } from "./effects.ts";
import { scheduleTakes, type ObjectRecord, type ObjectRequest, type ObjectsWorld } from "./objects-state.ts";

export function scheduleIdle(ctx: Ctx, out: Effects, object: ObjectRecord, atMs: number): void {
  out.cancel(object.idleCheck);
  object.idleSinceMs = atMs;
  object.idleCheck = out.at(atMs + ctx.options.objectHibernateMs, { kind: "object_idle", object: object.id });
}

export function objectIdle(objects: ObjectsWorld, ctx: Ctx, objectId: string): Effects {
  const out = new Effects();
  const object = objects.get(objectId);
  object.idleCheck = null;
  if (object.current !== null || object.queue.length > 0) return out;
  const idleMs = ctx.nowMs - object.idleSinceMs;
  if (object.state === "active" && idleMs >= ctx.options.objectHibernateMs) {
    setState(ctx, out, object, "hibernated", "idle");
    const evictAt = object.idleSinceMs + ctx.options.objectEvictMs;
    object.idleCheck = out.at(Math.max(evictAt, ctx.nowMs), { kind: "object_idle", object: objectId });
  } else if (object.state === "hibernated" && idleMs >= ctx.options.objectEvictMs) {
    evict(ctx, out, object, "idle");
  }
  return out;
}

/** An eviction asked for by a fault, by object id (ignored for an object never placed). */
export function objectEvict(objects: ObjectsWorld, ctx: Ctx, e: { object: string; reason: string }): Effects {
  const out = new Effects();
  const object = objects.byId.get(e.object);
  if (object) evict(ctx, out, object, e.reason);
  return out;
}

/** Drops the instance from memory (the isolate forgets it) and closes its storage handle. */
function evict(ctx: Ctx, out: Effects, object: ObjectRecord, reason: string): void {
  if (object.state === "evicted") return;
  const isolate = object.isolate;
  object.isolate = null;
  closeStorage(ctx, object);
  setState(ctx, out, object, "evicted", reason);
  if (isolate !== null) out.now({ kind: "isolate_deliver", isolate, delivery: { kind: "object_evict", objectId: object.id }, req: null, responder: null, lineage: { root: object.id, depth: 0 } });
}

/** The host isolate ended: its objects lose their memory; the next request restores them. */
export function objectsLost(objects: ObjectsWorld, ctx: Ctx, e: { isolate: string }): Effects {
  const out = new Effects();
  for (const object of objects.byId.values()) {
    if (object.isolate !== e.isolate) continue;
    object.isolate = null;
    closeStorage(ctx, object);
    setState(ctx, out, object, "evicted", "isolate_ended");
  }
  return out;
}

export function closeStorage(ctx: Ctx, object: ObjectRecord): void {
  if (object.storage === null) return;
  object.storage = null;
  ctx.deps.objectStorage.close(object.id);
}

export function setState(ctx: Ctx, out: Effects, object: ObjectRecord, state: ObjectRecord["state"], reason: string): void {
  object.state = state;
  out.trace({ kind: "do_state", t: ctx.nowMs, object: object.id, region: object.owner, state, reason });
}

/** An alarm is due: it queues like a request and runs behind the input gate. */
export function objectAlarm(objects: ObjectsWorld, ctx: Ctx, objectId: string): Effects {
  const out = new Effects();
  const object = objects.get(objectId);
  object.alarm = null;
  const storage = object.storage ?? ctx.deps.objectStorage.open(object.id);
  object.storage = storage;
  // The platform clears the alarm before it runs the handler; the handler may set a new one.
  storage.deleteAlarm();
  const id = ctx.ids.next("a");
  const request: ObjectRequest = { id, kind: "alarm", request: null, caller: null, lineage: { root: id, depth: 0 } };
  object.requests.set(request.id, request);
  object.queue.push(request);
  out.trace({ kind: "do_enqueue", t: ctx.nowMs, object: objectId, req: request.id, region: object.owner, depth: object.queue.length });
  if (object.current === null) scheduleTakes(out, object, ctx.nowMs);
  return out;
}
