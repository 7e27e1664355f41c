// Durable Object lifecycle: the states an object goes through, as one state diagram whose text
// never changes; the selected object's current state is lit, and its owner, queue and running
// request are badges.
import type { WorldView } from "../../../server/protocol/index.ts";
import { addClass, emptyDecoration, type Diagram } from "./diagram.ts";
import { mermaidLabel } from "./escape.ts";

export const objectStates = ["active", "idle", "hibernated", "evicted", "restoring", "migrating"] as const;

export function doLifecycleText(): string {
  return [
    "stateDiagram-v2",
    ...objectStates.map((s) => `  state ${mermaidLabel(s)} as ${s}`),
    "  [*] --> evicted",
    "  evicted --> restoring : request arrives",
    "  restoring --> active : constructor done",
    "  active --> idle : queue empty",
    "  idle --> active : request",
    "  idle --> hibernated : idle timer",
    "  hibernated --> restoring : request",
    "  hibernated --> evicted : evict timer",
    "  active --> migrating : owner moves",
    "  migrating --> restoring : new owner",
  ].join("\n");
}

export function doLifecycle(view: WorldView, objectId: string | null, idleTimerMs: { hibernateMs: number; sinceMs: number | null } | null = null): Diagram {
  const d = emptyDecoration();
  const object = objectId === null ? undefined : view.objects[objectId];
  if (object) {
    // The world records active, hibernated and evicted; "idle" is active with nothing running.
    const state = object.state === "active" && object.running === null && object.queueDepth === 0 ? "idle" : object.state;
    addClass(d, state, "current");
    const timer = state === "idle" && idleTimerMs && idleTimerMs.sinceMs !== null ? `, hibernates in ${Math.max(0, idleTimerMs.hibernateMs - (view.timeMs - idleTimerMs.sinceMs))} ms` : "";
    d.badges[state] = `owner ${object.region}, queue ${object.queueDepth}${object.running ? `, running ${object.running}` : ""}${timer}`;
  }
  return { text: doLifecycleText(), decoration: d };
}
