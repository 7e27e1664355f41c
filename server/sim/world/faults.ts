// Faults, from the scenario's schedule or as commands during a run: partitions, a PoP down, a
// region down (its objects migrate to their backup region, its isolates die), a slow region,
// evicting an object now. Each fault with `forMs` schedules its own end. Health checks run every
// `healthCheckIntervalMs` and are what withdraws a failed PoP from anycast.

import { exhaustiveSwitchError } from "../core/result.ts";
import { objectIdFromName } from "../durable-objects/placement.ts";
import { popIdOf } from "../net/topology.ts";
import type { FaultSpec } from "../scenario-types.ts";
import type { Ctx } from "./context.ts";
import { Effects } from "./effects.ts";
import { namespaceOf } from "./objects-state.ts";

/** The faults concern's slice: the PoPs anycast routes to (health checks update it). */
export type AdvertisedSlice = Set<string>;

export function faultStart(w: Ctx, e: { fault: FaultSpec; index: number }): Effects {
  const out = new Effects();
  const { fault, index } = e;
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
      out.now({ kind: "region_migrate", region: fault.region });
      out.now({ kind: "isolates_end_at", pop: popIdOf(fault.region), message: `region ${fault.region} down` });
      break;
    case "slow_region":
      net.slowRegionsMs.set(fault.region, fault.extraMs);
      break;
    case "evict_object":
      out.now({ kind: "object_evict", object: objectIdFromName(namespaceOf(fault.worker, fault.className), fault.name), reason: "fault" });
      break;
    default:
      exhaustiveSwitchError(fault);
  }
  out.trace({ kind: "fault", t: w.nowMs, fault: fault.kind, target: targetOf(fault), active: true });
  if ("forMs" in fault && fault.forMs !== null) out.send(w.nowMs + fault.forMs, { kind: "fault_end", fault, index });
  return out;
}

export function faultEnd(w: Ctx, e: { fault: FaultSpec; index: number }): Effects {
  const out = new Effects();
  const { fault, index } = e;
  const net = w.network;
  if (fault.kind === "partition") net.partitions.delete(index);
  else if (fault.kind === "pop_down") net.popsDown.delete(fault.pop);
  else if (fault.kind === "region_down") net.regionsDown.delete(fault.region);
  else if (fault.kind === "slow_region") net.slowRegionsMs.delete(fault.region);
  out.trace({ kind: "fault", t: w.nowMs, fault: fault.kind, target: targetOf(fault), active: false });
  return out;
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

/** Health checks: a PoP that is down (or in a down region) is withdrawn; a recovered one returns. */
export function healthCheck(advertised: AdvertisedSlice, w: Ctx): Effects {
  const out = new Effects();
  for (const pop of w.network.topology.pops) {
    const up = !w.network.popsDown.has(pop.id) && !w.network.regionsDown.has(pop.region);
    if (up === advertised.has(pop.id)) continue;
    if (up) advertised.add(pop.id);
    else advertised.delete(pop.id);
    out.trace({ kind: "health", t: w.nowMs, pop: pop.id, advertised: up });
  }
  // Checks continue only while something else is pending, so a finished run comes to rest.
  if (w.reads.pendingEvents() > 0) out.send(w.nowMs + w.options.healthCheckIntervalMs, { kind: "health_check" });
  return out;
}
