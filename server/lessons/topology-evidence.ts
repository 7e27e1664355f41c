// The world's map as a check reads it from the run: the topology (from the trace's first entry,
// which records the scenario's world options) and which PoPs anycast advertised at a moment
// (health checks withdraw and restore them). Lets a check say which PoP was nearest.

import { nearestAdvertisedPop } from "../sim/net/anycast.ts";
import { Topology, popIdOf, type LatencyOverride } from "../sim/net/topology.ts";
import type { RunResult } from "../sim/world/result.ts";
import { entries } from "./evidence.ts";

export function topologyOf(result: RunResult): Topology {
  const start = result.trace[0];
  const world = (start?.kind === "start" ? start.options.world : undefined) as { regions?: string[]; latency?: LatencyOverride[] } | undefined;
  return new Topology(world?.regions ?? [], world?.latency ?? []);
}

/** The PoPs anycast advertised at virtual time `t` (all, until a health check withdraws one). */
export function advertisedAt(result: RunResult, topology: Topology, t: number): Set<string> {
  const advertised = new Set(topology.pops.map((p) => p.id));
  for (const h of entries(result.trace, "health")) {
    if (h.t > t) break;
    if (h.advertised) advertised.add(h.pop);
    else advertised.delete(h.pop);
  }
  return advertised;
}

/** The PoPs that were up at `t` (a pop_down or region_down fault makes one unhealthy until it ends). */
export function upAt(result: RunResult, topology: Topology, t: number): Set<string> {
  const up = new Set(topology.pops.map((p) => p.id));
  for (const f of entries(result.trace, "fault")) {
    if (f.t > t) break;
    if (f.fault !== "pop_down" && f.fault !== "region_down") continue;
    for (const target of f.target) {
      const pop = target.endsWith("-pop") ? target : popIdOf(target);
      if (f.active) up.delete(pop);
      else up.add(pop);
    }
  }
  return up;
}

export function nearestOf(topology: Topology, from: string, among: ReadonlySet<string>): { pop: string | null; ms: number | null } {
  const pop = nearestAdvertisedPop(topology, from, among);
  return { pop, ms: pop === null ? null : distanceMs(topology, from, pop) };
}

export function distanceMs(topology: Topology, from: string, pop: string): number {
  const region = topology.popOf(pop).region;
  return region === from ? 0 : topology.latencyMs(from, region);
}
