// What the UI shows at a past moment, computed from the trace prefix alone (DESIGN.md rule 3):
// PoP health, warm isolates per PoP, KV versions per region replica and per PoP cache, each
// Durable Object's state and queue, requests in flight. One pass over the prefix, no world
// needed, so scrubbing back is fast.

import type { TraceEntry } from "../core/trace.ts";

export interface WorldView {
  entries: number;
  timeMs: number;
  pops: Record<string, { advertised: boolean }>;
  /** Warm isolates by key; an isolate absent here is cold. */
  isolates: Record<string, { pop: string; worker: string; version: string }>;
  /** Version each worker serves at each PoP, from deployments. */
  versions: Record<string, Record<string, string>>;
  kv: {
    central: Record<string, number>;
    replicas: Record<string, Record<string, number>>;
    /** The version each PoP last served or wrote for a key, and whether that read was stale. */
    pops: Record<string, Record<string, { version: number | null; stale: boolean }>>;
  };
  objects: Record<string, { state: string; region: string; queueDepth: number; running: string | null }>;
  /** Client requests sent and not yet answered. */
  inFlight: string[];
  faults: string[];
}

export function viewAt(trace: readonly TraceEntry[], n: number): WorldView {
  const view = emptyView(trace[0]);
  const inFlight = new Set<string>();
  const count = Math.min(n, trace.length);
  for (let i = 0; i < count; i++) apply(view, trace[i]!, inFlight);
  view.entries = count;
  view.inFlight = [...inFlight];
  return view;
}

function emptyView(start: TraceEntry | undefined): WorldView {
  const view: WorldView = { entries: 0, timeMs: 0, pops: {}, isolates: {}, versions: {}, kv: { central: {}, replicas: {}, pops: {} }, objects: {}, inFlight: [], faults: [] };
  if (start?.kind !== "start") return view;
  const world = start.options.world as { regions?: string[] } | undefined;
  for (const region of world?.regions ?? []) {
    view.pops[`${region}-pop`] = { advertised: true };
    view.kv.replicas[region] = {};
  }
  return view;
}

function apply(view: WorldView, e: TraceEntry, inFlight: Set<string>): void {
  view.timeMs = e.t;
  switch (e.kind) {
    case "request": inFlight.add(e.req); break;
    case "response": inFlight.delete(e.req); break;
    case "health": view.pops[e.pop] = { advertised: e.advertised }; break;
    case "isolate_start": view.isolates[e.isolate] = { pop: e.pop, worker: e.worker, version: e.version }; break;
    case "isolate_end":
    case "isolate_evict": delete view.isolates[e.isolate]; break;
    case "deploy": (view.versions[e.worker] ??= {})[e.pop] = e.version; break;
    case "kv_read": (view.kv.pops[e.pop] ??= {})[e.key] = { version: e.version, stale: e.stale }; break;
    case "kv_write":
      if (e.version === null) break;
      view.kv.central[e.key] = e.version;
      (view.kv.pops[e.pop] ??= {})[e.key] = { version: e.version, stale: false };
      (view.kv.replicas[e.pop.replace(/-pop$/, "")] ??= {})[e.key] = e.version;
      break;
    case "kv_replicate": (view.kv.replicas[e.region] ??= {})[e.key] = e.version; break;
    case "do_enqueue": objectOf(view, e.object, e.region).queueDepth = e.depth; break;
    case "do_dequeue": Object.assign(objectOf(view, e.object, null), { queueDepth: e.depth, running: e.req }); break;
    case "do_done": Object.assign(objectOf(view, e.object, null), { queueDepth: e.depth, running: null }); break;
    case "do_state": Object.assign(objectOf(view, e.object, e.region), { state: e.state, region: e.region }); break;
    case "do_migrate": Object.assign(objectOf(view, e.object, e.to), { region: e.to, queueDepth: 0, running: null }); break;
    case "fault": {
      const label = `${e.fault}:${e.target.join(",")}`;
      if (e.active) view.faults.push(label);
      else view.faults = view.faults.filter((f) => f !== label);
      break;
    }
    default:
      // The other entries (routes, deliveries, logs...) change nothing the view shows.
      break;
  }
}

function objectOf(view: WorldView, id: string, region: string | null) {
  return (view.objects[id] ??= { state: "evicted", region: region ?? "", queueDepth: 0, running: null });
}
