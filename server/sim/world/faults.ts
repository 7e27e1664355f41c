// Faults, from the scenario's schedule or as commands during a run: partitions, a PoP down, a
// region down (its objects migrate to their backup region), a slow region, evicting an object
// now. Each fault with `forMs` schedules its own end. Health checks run every
// `healthCheckIntervalMs` and are what withdraws a failed PoP from anycast.

import { exhaustiveSwitchError } from "../core/result.ts";
import { backupFor, objectIdFromName } from "../durable-objects/placement.ts";
import { popIdOf } from "../net/topology.ts";
import type { FaultSpec } from "../scenario-types.ts";
import { endIsolate } from "./isolates.ts";
import { closeStorage, evict, setState } from "./object-lifecycle.ts";
import { redirect } from "./objects.ts";
import { namespaceOf, type ObjectRecord } from "./objects-state.ts";
import type { WorldState } from "./state.ts";

export function faultStart(w: WorldState, fault: FaultSpec, index: number): void {
  const net = w.network;
  switch (fault.kind) {
    case "partition":
      net.partitions.set(index, new Set(fault.regions));
      break;
    case "pop_down":
      net.popsDown.add(fault.pop);
      break;
    case "region_down":
      net.regionsDown.add(fault.region);
      regionDown(w, fault.region);
      break;
    case "slow_region":
      net.slowRegionsMs.set(fault.region, fault.extraMs);
      break;
    case "evict_object": {
      const object = w.objects.byId.get(objectIdFromName(namespaceOf(fault.worker, fault.className), fault.name));
      if (object) evict(w, object, "fault");
      break;
    }
    default:
      exhaustiveSwitchError(fault);
  }
  w.record({ kind: "fault", t: w.nowMs, fault: fault.kind, target: targetOf(fault), active: true });
  if ("forMs" in fault && fault.forMs !== null) w.schedule(w.nowMs + fault.forMs, { kind: "fault_end", fault, index });
}

export function faultEnd(w: WorldState, fault: FaultSpec, index: number): void {
  const net = w.network;
  if (fault.kind === "partition") net.partitions.delete(index);
  else if (fault.kind === "pop_down") net.popsDown.delete(fault.pop);
  else if (fault.kind === "region_down") net.regionsDown.delete(fault.region);
  else if (fault.kind === "slow_region") net.slowRegionsMs.delete(fault.region);
  w.record({ kind: "fault", t: w.nowMs, fault: fault.kind, target: targetOf(fault), active: false });
}

function targetOf(fault: FaultSpec): string[] {
  switch (fault.kind) {
    case "partition": return fault.regions;
    case "pop_down": return [fault.pop];
    case "region_down":
    case "slow_region": return [fault.region];
    case "evict_object": return [`${fault.worker}:${fault.className}:${fault.name}`];
  }
}

/**
 * A region fails: every object it owns migrates to its backup region (storage is replicated,
 * memory is lost) and each request waiting on it is answered 307 to the new owner. The
 * region's isolates die with it. Objects stay at the backup after the region returns.
 */
function regionDown(w: WorldState, region: string): void {
  const healthy = new Set(w.network.topology.regions.filter((r) => !w.network.regionsDown.has(r)));
  for (const object of w.objects.byId.values()) {
    if (object.owner !== region) continue;
    const backup = backupFor(object.id, region, { ring: w.objects.ring, healthy });
    if (!backup) continue;
    migrate(w, object, backup.region);
  }
  const pop = popIdOf(region);
  for (const isolate of [...w.isolates.values()]) {
    if (isolate.pop === pop) endIsolate(w, isolate, { type: "crashed", message: `region ${region} down` }, w.nowMs);
  }
}

function migrate(w: WorldState, object: ObjectRecord, to: string): void {
  const from = object.owner;
  object.owner = to;
  w.record({ kind: "do_migrate", t: w.nowMs, object: object.id, from, to });
  const waiting = object.current ? [object.current, ...object.queue] : [...object.queue];
  for (const take of object.takes) w.queue.cancel(take);
  if (object.idleCheck) w.queue.cancel(object.idleCheck);
  object.takes = [];
  object.idleCheck = null;
  object.queue = [];
  object.current = null;
  const host = object.isolate === null ? undefined : w.isolates.get(object.isolate);
  for (const request of waiting) {
    host?.inFlight.delete(request.id);
    redirect(w, object, request, w.nowMs);
  }
  object.isolate = null;
  closeStorage(w, object);
  if (object.state !== "evicted") setState(w, object, "evicted", "migrated");
}

/** Health checks: a PoP that is down (or in a down region) is withdrawn; a recovered one returns. */
export function healthCheck(w: WorldState): void {
  for (const pop of w.network.topology.pops) {
    const up = !w.network.popsDown.has(pop.id) && !w.network.regionsDown.has(pop.region);
    if (up === w.advertised.has(pop.id)) continue;
    if (up) w.advertised.add(pop.id);
    else w.advertised.delete(pop.id);
    w.record({ kind: "health", t: w.nowMs, pop: pop.id, advertised: up });
  }
  // Checks continue only while something else is pending, so a finished run comes to rest.
  if (w.queue.size > 0) w.schedule(w.nowMs + w.options.healthCheckIntervalMs, { kind: "health_check" });
}
