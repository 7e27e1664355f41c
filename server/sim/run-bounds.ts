// The run's own bounds that a scenario may lower for one run (`world.eventsPerRunMax`...), never
// raise: the world's limits (limits.ts) stay the design's defaults. Lowering one lets a small
// program reach it (a test, a lesson) where the default would first hit another bound.

import { limits } from "./core/limits.ts";
import type { WorldOptions } from "./scenario-types.ts";

export const runBoundKeys = ["eventsPerRunMax", "traceEntriesMax", "opsPerDeliveryMax"] as const;
export type RunBoundKey = (typeof runBoundKeys)[number];

/** The bound in force for this run: the scenario's lower value, or the world's limit. */
export function runBound(options: WorldOptions, key: RunBoundKey): number {
  return options[key] ?? limits[key];
}
