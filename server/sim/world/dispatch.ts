// Runs one event of the queue: the single place that maps an event kind to its concern.

import { exhaustiveSwitchError } from "../core/result.ts";
import { deployStep } from "./deployments.ts";
import type { SimEvent } from "./events.ts";
import { faultEnd, faultStart, healthCheck } from "./faults.ts";
import { isolateIdle, isolateReply, timerFire } from "./isolates.ts";
import { kvReplicate } from "./kv.ts";
import { objectAlarm, objectIdle } from "./object-lifecycle.ts";
import { objectArrive, objectTake } from "./objects.ts";
import { clientReceive, clientSend, popArrive } from "./requests.ts";
import type { WorldState } from "./state.ts";

export function dispatch(w: WorldState, event: SimEvent): void {
  switch (event.kind) {
    case "client_send": return clientSend(w, event.req);
    case "pop_arrive": return popArrive(w, event.req, event.pop);
    case "client_receive": return clientReceive(w, event.req, event.response, event.servedBy, event.version);
    case "isolate_reply": return isolateReply(w, event.isolate, event.callId, event.result);
    case "timer_fire": return timerFire(w, event.isolate, event.timerId);
    case "object_arrive": return objectArrive(w, event.object, event.doReq, event.region);
    case "object_take": return objectTake(w, event.object, event.doReq);
    case "object_idle": return objectIdle(w, event.object);
    case "object_alarm": return objectAlarm(w, event.object);
    case "kv_replicate": return kvReplicate(w, event.namespace, event.region, event.key, event.version);
    case "isolate_idle": return isolateIdle(w, event.isolate);
    case "health_check": return healthCheck(w);
    case "fault": return faultStart(w, event.fault, event.index);
    case "fault_end": return faultEnd(w, event.fault, event.index);
    case "deploy": return deployStep(w, event.deployment, event.step);
    default: return exhaustiveSwitchError(event);
  }
}
