// The state of one running world: the queue and the trace (the dispatcher's), the shared
// context every handler reads, and one slice per concern. Only the dispatcher and world.ts hold
// the whole; each handler is given its own slice.

import { EventQueue } from "../core/event-queue.ts";
import type { Prng } from "../core/prng.ts";
import type { TraceEntry } from "../core/trace.ts";
import type { Network } from "../net/network.ts";
import type { Router } from "../router/router.ts";
import type { Scenario, WorldOptions } from "../scenario-types.ts";
import { Ids, type Ctx, type Reads, type WorldDeps } from "./context.ts";
import type { CacheWorld } from "./cache.ts";
import type { VersionsSlice } from "./deployments.ts";
import type { SimEvent } from "./events.ts";
import type { AdvertisedSlice } from "./faults.ts";
import type { IsolatesSlice } from "./isolates-state.ts";
import type { KvWorld } from "./kv.ts";
import type { ObjectsWorld } from "./objects-state.ts";
import type { RequestsSlice } from "./requests.ts";
import type { SubrequestsSlice } from "./subrequests.ts";

export type { WorldDeps } from "./context.ts";

/** The shared context, with the clock the dispatcher moves. */
export class WorldCtx implements Ctx {
  nowMs = 0;
  readonly ids = new Ids();
  reads!: Reads;

  constructor(
    readonly scenario: Scenario,
    readonly seed: number,
    readonly deps: WorldDeps,
    readonly network: Network,
    readonly router: Router,
    readonly streams: { objects: Prng },
  ) {}

  get options(): WorldOptions {
    return this.scenario.world;
  }
}

export interface Slices {
  requests: RequestsSlice;
  isolates: IsolatesSlice;
  objects: ObjectsWorld;
  kv: KvWorld;
  versions: VersionsSlice;
  advertised: AdvertisedSlice;
  subrequests: SubrequestsSlice;
  cache: CacheWorld;
}

export class WorldState {
  readonly queue = new EventQueue<SimEvent>();
  readonly trace: TraceEntry[] = [];
  stepsRun = 0;
  /** Characters of free text in the trace so far (textCharsOf), bounded by traceTextCharsMax. */
  traceTextChars = 0;
  /** Set when a bound of the run itself was reached (the trace's last entry names it). */
  stoppedBy: string | null = null;

  constructor(readonly ctx: WorldCtx, readonly slices: Slices) {
    const { isolates, objects, versions, advertised, subrequests } = slices;
    ctx.reads = {
      versionAt: (worker, pop) => versions.get(worker)!.get(pop)!,
      isolateAlive: (key) => isolates.isolates.get(key)?.handle.alive === true,
      isolateLoaded: (key) => isolates.isolates.has(key),
      hostsObjects: (key) => objects.hostedIn(key),
      advertised: () => advertised,
      treeRefusal: (root) => subrequests.refused.get(root) ?? null,
      pendingEvents: () => this.queue.size,
    };
  }

  get nowMs(): number {
    return this.ctx.nowMs;
  }

  get options(): WorldOptions {
    return this.ctx.options;
  }
}
