// The world view at any trace position, computed on the client from the trace alone (DESIGN.md
// rule 3), so scrubbing and stepping back never wait on the server. It folds entries one at a
// time like server/sim/world/view.ts (viewAt) and keeps a checkpoint every
// `checkpointEveryEntries` entries, so a seek on a long trace replays at most that many entries.
import type { TraceEntry, WorldView } from "../../../server/protocol/index.ts";

export const checkpointEveryEntries = 512;

export interface ObjectView { state: string; region: string; queueDepth: number; running: string | null }

export function emptyView(start: TraceEntry | undefined): WorldView {
  const view: WorldView = { entries: 0, timeMs: 0, pops: {}, isolates: {}, versions: {}, kv: { central: {}, replicas: {}, pops: {} }, objects: {}, inFlight: [], faults: [] };
  if (start?.kind !== "start") return view;
  const world = start.options.world as { regions?: string[] } | undefined;
  for (const region of world?.regions ?? []) {
    view.pops[`${region}-pop`] = { advertised: true };
    view.kv.replicas[region] = {};
  }
  return view;
}

/** Applies one entry to a view in place (the view must be a private copy). */
export function applyEntry(view: WorldView, e: TraceEntry): void {
  view.timeMs = e.t;
  view.entries++;
  switch (e.kind) {
    case "request": if (!view.inFlight.includes(e.req)) view.inFlight.push(e.req); break;
    case "response": view.inFlight = view.inFlight.filter((r) => r !== e.req); break;
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
      if (e.active) view.faults = [...view.faults, label];
      else view.faults = view.faults.filter((f) => f !== label);
      break;
    }
    default:
      // Routes, deliveries, logs... change nothing the view shows.
      break;
  }
}

function objectOf(view: WorldView, id: string, region: string | null): ObjectView {
  return (view.objects[id] ??= { state: "evicted", region: region ?? "", queueDepth: 0, running: null });
}

/**
 * Views of one trace at any position. Append-only: `trace` may grow between calls; `reset()`
 * when a branch drops entries. Checkpoints are deep copies, so views handed out never alias.
 */
export class ViewIndex {
  private checkpoints: WorldView[] = [];

  constructor(private trace: readonly TraceEntry[]) {}

  /** Forgets checkpoints past `length` (after a branch truncated the trace). */
  truncate(trace: readonly TraceEntry[], length: number): void {
    this.trace = trace;
    this.checkpoints.length = Math.min(this.checkpoints.length, Math.floor(length / checkpointEveryEntries) + 1);
  }

  setTrace(trace: readonly TraceEntry[]): void { this.trace = trace; }

  /** The view after the first `n` entries. */
  viewAt(n: number): WorldView {
    const count = Math.max(0, Math.min(n, this.trace.length));
    const slot = Math.floor(count / checkpointEveryEntries);
    this.fillCheckpointsTo(slot);
    const view = structuredClone(this.checkpoints[slot]!);
    for (let i = slot * checkpointEveryEntries; i < count; i++) applyEntry(view, this.trace[i]!);
    return view;
  }

  private fillCheckpointsTo(slot: number): void {
    if (this.checkpoints.length === 0) this.checkpoints.push(emptyView(this.trace[0]));
    while (this.checkpoints.length <= slot) {
      const previous = this.checkpoints.length - 1;
      const view = structuredClone(this.checkpoints[previous]!);
      const end = (previous + 1) * checkpointEveryEntries;
      for (let i = previous * checkpointEveryEntries; i < end; i++) applyEntry(view, this.trace[i]!);
      this.checkpoints.push(view);
    }
  }
}
