// The structure of a run, read from the whole trace: regions, PoPs, workers and the Durable
// Objects it ever touches. Because a run is deterministic the diagrams can lay out everything
// the run will use once, and show what exists "now" by classes: the structure changes (and the
// diagram re-renders) only when a new trace chunk brings a new object or worker version.
import type { TraceEntry } from "../../../server/protocol/index.ts";

export interface Topology {
  regions: string[];
  centralRegion: string | null;
  /** Worker names (without version), in scenario order. */
  workers: string[];
  /** Object ids in first-seen order. */
  objects: string[];
  /** KV keys in first-seen order. */
  keys: string[];
}

export const objectsShownMax = 12;
export const keysShownMax = 12;

export function topologyOf(trace: readonly TraceEntry[]): Topology {
  const start = trace[0];
  const options = start?.kind === "start" ? start.options : {};
  const world = (options.world ?? {}) as { regions?: string[]; kvCentralRegion?: string };
  const workers = new Set<string>(((options.workers ?? []) as string[]).map((w) => w.split("@")[0]!));
  const objects = new Set<string>();
  const keys = new Set<string>();
  for (const e of trace) {
    if (e.kind === "do_enqueue" || e.kind === "do_state") { if (objects.size < objectsShownMax) objects.add(e.object); }
    else if ((e.kind === "kv_read" || e.kind === "kv_write" || e.kind === "kv_replicate") && keys.size < keysShownMax) keys.add(e.key);
    else if (e.kind === "isolate_start") workers.add(e.worker);
  }
  return { regions: world.regions ?? [], centralRegion: world.kvCentralRegion ?? null, workers: [...workers], objects: [...objects], keys: [...keys] };
}

export const popOf = (region: string) => `${region}-pop`;
export const regionOfPop = (pop: string) => pop.replace(/-pop$/, "");

/** A short, readable name for an object id (a 64-hex id shows as its first 8 characters). */
export function shortObject(id: string): string {
  return /^[0-9a-f]{64}$/.test(id) ? `object ${id.slice(0, 8)}` : id;
}
