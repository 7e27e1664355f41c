// A Durable Object's life: activated in its host isolate on a request (started, woken from
// hibernation, or restored after eviction), hibernated after `objectHibernateMs` idle (memory
// kept: the instance stays in its isolate), evicted after `objectEvictMs` idle (the isolate drops
// the instance, the storage handle is closed, storage itself is kept), and alarms.

import { popIdOf } from "../net/topology.ts";
import { deliverTo, ensureIsolate } from "./isolates.ts";
import { scheduleTakes } from "./objects.ts";
import type { ObjectRecord, ObjectRequest } from "./objects-state.ts";
import type { IsolateRecord, WorldState } from "./state.ts";

/** Puts the object in memory for its next request and returns its host isolate (null if it cannot load). */
export function activate(w: WorldState, object: ObjectRecord): IsolateRecord | null {
  if (object.idleCheck) w.queue.cancel(object.idleCheck);
  object.idleCheck = null;
  const hosted = object.isolate === null ? undefined : w.isolates.get(object.isolate);
  if (hosted && hosted.handle.alive) {
    if (object.state === "hibernated") setState(w, object, "active", "wake");
    return hosted;
  }
  const pop = popIdOf(object.owner);
  const version = w.versions.get(object.worker)!.get(pop)!;
  const loaded = ensureIsolate(w, object.worker, version, pop);
  if (!loaded.ok) return null;
  object.isolate = loaded.value.isolate.key;
  object.storage ??= w.deps.objectStorage.open(object.id);
  setState(w, object, "active", object.everActive ? "restore" : "start");
  object.everActive = true;
  return loaded.value.isolate;
}

export function scheduleIdle(w: WorldState, object: ObjectRecord, atMs: number): void {
  if (object.idleCheck) w.queue.cancel(object.idleCheck);
  object.idleSinceMs = atMs;
  object.idleCheck = w.schedule(atMs + w.options.objectHibernateMs, { kind: "object_idle", object: object.id });
}

export function objectIdle(w: WorldState, objectId: string): void {
  const object = w.object(objectId);
  object.idleCheck = null;
  if (object.current !== null || object.queue.length > 0) return;
  const idleMs = w.nowMs - object.idleSinceMs;
  if (object.state === "active" && idleMs >= w.options.objectHibernateMs) {
    setState(w, object, "hibernated", "idle");
    const evictAt = object.idleSinceMs + w.options.objectEvictMs;
    object.idleCheck = w.schedule(Math.max(evictAt, w.nowMs), { kind: "object_idle", object: objectId });
  } else if (object.state === "hibernated" && idleMs >= w.options.objectEvictMs) {
    evict(w, object, "idle");
  }
}

/** Drops the instance from memory (the isolate forgets it) and closes its storage handle. */
export function evict(w: WorldState, object: ObjectRecord, reason: string): void {
  if (object.state === "evicted") return;
  const isolate = object.isolate === null ? undefined : w.isolates.get(object.isolate);
  object.isolate = null;
  closeStorage(w, object);
  setState(w, object, "evicted", reason);
  if (isolate) deliverTo(w, isolate, { kind: "object_evict", objectId: object.id }, null, 0);
}

/** The host isolate ended: its objects lose their memory; the next request restores them. */
export function loseObjectsOf(w: WorldState, isolateKey: string, _atMs: number): void {
  for (const object of w.objects.byId.values()) {
    if (object.isolate !== isolateKey) continue;
    object.isolate = null;
    closeStorage(w, object);
    setState(w, object, "evicted", "isolate_ended");
  }
}

export function closeStorage(w: WorldState, object: ObjectRecord): void {
  if (object.storage === null) return;
  object.storage = null;
  w.deps.objectStorage.close(object.id);
}

export function setState(w: WorldState, object: ObjectRecord, state: ObjectRecord["state"], reason: string): void {
  object.state = state;
  w.record({ kind: "do_state", t: w.nowMs, object: object.id, region: object.owner, state, reason });
}

/** An alarm is due: it queues like a request and runs behind the input gate. */
export function objectAlarm(w: WorldState, objectId: string): void {
  const object = w.object(objectId);
  object.alarm = null;
  const storage = object.storage ?? w.deps.objectStorage.open(object.id);
  object.storage = storage;
  // The platform clears the alarm before it runs the handler; the handler may set a new one.
  storage.deleteAlarm();
  const request: ObjectRequest = { id: w.nextId("a"), kind: "alarm", request: null, caller: null };
  object.requests.set(request.id, request);
  object.queue.push(request);
  w.record({ kind: "do_enqueue", t: w.nowMs, object: objectId, req: request.id, region: object.owner, depth: object.queue.length });
  if (object.current === null) scheduleTakes(w, object, w.nowMs);
}
