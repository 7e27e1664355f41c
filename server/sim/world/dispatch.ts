// The dispatcher: the one place that maps every event kind to the concern that handles it, and
// the only code that applies what handlers return. Queue events (`SimEvent`) wait for their
// virtual time; same-instant events (`InstantEvent`) are what one concern causes in another
// where the platform is instantaneous. Handlers take their own slice, the shared context and one
// event, and return effects (effects.ts); `run` applies them in order with an explicit stack,
// running each same-instant event where it stands, so a worker that fetches itself a thousand
// times deep grows an array here, never the host's call stack.
//
//   queue event        handler                        same-instant event   handler
//   client_send        requests.clientSend            route                requests.route
//   pop_arrive         requests.popArrive             respond              requests.respond
//   client_receive     requests.clientReceive         isolate_fetch        isolates.isolateFetch
//   isolate_reply      isolates.isolateReply          isolate_deliver      isolates.isolateDeliver
//   timer_fire         isolates.timerFire             isolate_delivered    isolates.isolateDelivered
//   isolate_idle       isolates.isolateIdle           isolate_end          isolates.isolateEnd
//   object_arrive      objects.objectArrive           isolates_end_at      isolates.isolatesEndAt
//   object_take        objects.objectTake             isolate_forget       isolates.isolateForget
//   object_idle        object-lifecycle.objectIdle    object_host          isolates.objectHost
//   object_alarm       object-lifecycle.objectAlarm   kv_call              kv.kvCall
//   kv_replicate       kv.kvReplicate                 object_call          objects.objectCall
//   health_check       faults.healthCheck             storage_call         object-storage.storageCall
//   fault              faults.faultStart              subrequest           subrequests.subrequest
//   fault_end          faults.faultEnd                service_call         services.serviceCall
//                                                     object_hosted        objects.objectHosted
//   deploy             deployments.deployStep         object_respond       objects.objectRespond
//                                                     object_done          objects.objectDone
//                                                     objects_lost         object-lifecycle.objectsLost
//                                                     object_evict         object-lifecycle.objectEvict
//                                                     region_migrate       object-migration.regionMigrate
//                                                     tree_refused         requests.treeRefused
//                                                     cache_call           cache.cacheCall
//                                                     tree_cpu             subrequests.chargeTreeCpu
//                                                     tree_done            subrequests.treeDone

import { limits } from "../core/limits.ts";
import { assert, exhaustiveSwitchError } from "../core/result.ts";
import { textCharsOf, type TraceEntry } from "../core/trace.ts";
import { cacheCall } from "./cache.ts";
import { deployStep } from "./deployments.ts";
import type { Effect, Effects } from "./effects.ts";
import type { InstantEvent, SimEvent } from "./events.ts";
import { faultEnd, faultStart, healthCheck } from "./faults.ts";
import { isolateDeliver, isolateDelivered, isolateEnd, isolateFetch, isolateForget, isolateIdle, isolateReply, isolatesEndAt, objectHost, timerFire } from "./isolates.ts";
import { kvCall, kvReplicate } from "./kv.ts";
import { objectAlarm, objectEvict, objectIdle, objectsLost } from "./object-lifecycle.ts";
import { regionMigrate } from "./object-migration.ts";
import { storageCall } from "./object-storage.ts";
import { objectArrive, objectCall, objectDone, objectHosted, objectRespond, objectTake } from "./objects.ts";
import { clientReceive, clientSend, popArrive, respond, route, treeRefused } from "./requests.ts";
import { runBound } from "../run-bounds.ts";
import type { WorldState } from "./state.ts";
import { serviceCall } from "./services.ts";
import { chargeTreeCpu, subrequest, treeDone } from "./subrequests.ts";

function handle(w: WorldState, event: SimEvent | InstantEvent): Effects {
  const { ctx, slices: s } = w;
  switch (event.kind) {
    // Queue events, at their virtual time.
    case "client_send": return clientSend(s.requests, ctx, event.req, event.attempt);
    case "pop_arrive": return popArrive(s.requests, ctx, event.req, event.pop);
    case "client_receive": return clientReceive(s.requests, ctx, event);
    case "isolate_reply": return isolateReply(s.isolates, ctx, event);
    case "timer_fire": return timerFire(s.isolates, ctx, event.isolate, event.timerId);
    case "isolate_idle": return isolateIdle(s.isolates, ctx, event.isolate);
    case "object_arrive": return objectArrive(s.objects, ctx, event);
    case "object_take": return objectTake(s.objects, ctx, event);
    case "object_idle": return objectIdle(s.objects, ctx, event.object);
    case "object_alarm": return objectAlarm(s.objects, ctx, event.object);
    case "kv_replicate": return kvReplicate(s.kv, ctx, event);
    case "health_check": return healthCheck(s.advertised, ctx);
    case "fault": return faultStart(ctx, event);
    case "fault_end": return faultEnd(ctx, event);
    case "deploy": return deployStep(s.versions, ctx, event);
    // Same-instant events, caused by the event being run.
    case "route": return route(ctx, event);
    case "respond": return respond(s.requests, ctx, event);
    case "isolate_fetch": return isolateFetch(s.isolates, ctx, event);
    case "isolate_deliver": return isolateDeliver(s.isolates, ctx, event);
    case "isolate_delivered": return isolateDelivered(s.isolates, ctx, event);
    case "isolate_end": return isolateEnd(s.isolates, ctx, event);
    case "isolates_end_at": return isolatesEndAt(s.isolates, ctx, event);
    case "isolate_forget": return isolateForget(s.isolates, ctx, event);
    case "object_host": return objectHost(s.isolates, ctx, event);
    case "kv_call": return kvCall(s.kv, ctx, event);
    case "object_call": return objectCall(s.objects, s.subrequests, ctx, event);
    case "storage_call": return storageCall(s.objects, ctx, event);
    case "subrequest": return subrequest(s.subrequests, ctx, event);
    case "service_call": return serviceCall(s.subrequests, ctx, event);
    case "object_hosted": return objectHosted(s.objects, ctx, event);
    case "object_respond": return objectRespond(s.objects, ctx, event);
    case "object_done": return objectDone(s.objects, ctx, event);
    case "objects_lost": return objectsLost(s.objects, ctx, event);
    case "object_evict": return objectEvict(s.objects, ctx, event);
    case "region_migrate": return regionMigrate(s.objects, ctx, event);
    case "tree_refused": return treeRefused(s.requests, ctx, event);
    case "cache_call": return cacheCall(s.cache, ctx, event);
    case "tree_cpu": return chargeTreeCpu(s.subrequests, ctx, event);
    case "tree_done": return treeDone(s.subrequests, event.root);
    default: return exhaustiveSwitchError(event);
  }
}

/** Runs one event and everything it causes at this instant, applying effects in order. */
export function dispatch(w: WorldState, event: SimEvent | InstantEvent): void {
  applyEffects(w, handle(w, event));
}

/** Applies effects built outside a handler (a live operation of a session) the same way. */
export function applyEffects(w: WorldState, effects: Effects): void {
  const frames: { list: Effect[]; next: number }[] = [{ list: effects.list, next: 0 }];
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    if (frame.next >= frame.list.length) {
      frames.pop();
      continue;
    }
    const effect = frame.list[frame.next++]!;
    switch (effect.type) {
      case "trace":
        record(w, effect.entry);
        break;
      case "schedule":
        schedule(w, effect);
        break;
      case "cancel":
        effect.ticket.cancelled = true;
        if (effect.ticket.scheduled) w.queue.cancel(effect.ticket.scheduled);
        break;
      case "now":
        frames.push({ list: handle(w, effect.event).list, next: 0 });
        break;
      default:
        exhaustiveSwitchError(effect);
    }
  }
}

function schedule(w: WorldState, effect: Extract<Effect, { type: "schedule" }>): void {
  if (effect.ticket?.cancelled || w.stoppedBy !== null) return;
  if (w.queue.size >= limits.pendingEventsMax) {
    stopRun(w, "pendingEventsMax", `more than pendingEventsMax (${limits.pendingEventsMax}) events pending; the run ends here`);
    return;
  }
  assert(effect.atMs >= w.ctx.nowMs, `cannot schedule ${effect.event.kind} in the past (${effect.atMs} < ${w.ctx.nowMs})`);
  const scheduled = w.queue.push(effect.atMs, effect.event);
  if (effect.ticket) effect.ticket.scheduled = scheduled;
}

/**
 * Appends to the trace. The trace's bounds are the run's own (entries, and characters of free
 * text): reaching one ends the run cleanly, with a last entry that names the limit (what came
 * before stays a valid trace).
 */
function record(w: WorldState, entry: TraceEntry): void {
  if (w.stoppedBy !== null) return;
  const entriesMax = runBound(w.options, "traceEntriesMax");
  if (w.trace.length >= entriesMax - 1) {
    stopRun(w, "traceEntriesMax", `the run's trace reached traceEntriesMax (${entriesMax} entries); the run ends here`);
    return;
  }
  w.traceTextChars += textCharsOf(entry);
  if (w.traceTextChars > limits.traceTextCharsMax) {
    stopRun(w, "traceTextCharsMax", `the run's trace reached traceTextCharsMax (${limits.traceTextCharsMax} characters of log lines, URLs, keys and messages); the run ends here`);
    return;
  }
  w.trace.push(entry);
}

/** Ends the run at one of its own bounds: the last trace entry names the limit. */
export function stopRun(w: WorldState, limit: string, message: string): void {
  if (w.stoppedBy !== null) return;
  w.stoppedBy = limit;
  w.trace.push({ kind: "run_end", t: w.ctx.nowMs, limit, message });
}
