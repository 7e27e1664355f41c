// Anycast: a client reaches the nearest PoP that currently advertises its address. A PoP stops
// advertising only when a health check finds it down, so between a failure and the next check
// clients still reach the dead PoP (and their requests fail): that window is part of the lesson.

import type { Topology } from "./topology.ts";

export function nearestAdvertisedPop(topology: Topology, clientRegion: string, advertised: ReadonlySet<string>): string | null {
  let best: string | null = null;
  let bestMs = Infinity;
  for (const pop of topology.pops) {
    if (!advertised.has(pop.id)) continue;
    const ms = pop.region === clientRegion ? 0 : topology.latencyMs(clientRegion, pop.region);
    // Ties go to the first PoP in topology order, which keeps the choice deterministic.
    if (ms < bestMs) {
      best = pop.id;
      bestMs = ms;
    }
  }
  return best;
}
