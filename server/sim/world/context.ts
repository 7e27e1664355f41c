// What every handler may read besides its own slice: the clock, the scenario, the network and
// router (shared ports), deterministic ids, and a few read-only questions about other concerns.
// Handlers change only their own slice; anything else they cause is an effect (effects.ts).

import type { Prng } from "../core/prng.ts";
import type { ObjectStorageProvider } from "../durable-objects/storage-port.ts";
import type { IsolateFactory } from "../isolate-port.ts";
import type { Network } from "../net/network.ts";
import type { Router } from "../router/router.ts";
import type { Scenario, WorldOptions } from "../scenario-types.ts";

export interface WorldDeps {
  isolates: IsolateFactory;
  objectStorage: ObjectStorageProvider;
}

/** Deterministic ids: `r1`, `r2`... per prefix; shared so ids never depend on who asks first. */
export class Ids {
  private counters = new Map<string, number>();

  next(prefix: string): string {
    return `${prefix}${this.number(prefix)}`;
  }

  number(counter: string): number {
    const n = (this.counters.get(counter) ?? 0) + 1;
    this.counters.set(counter, n);
    return n;
  }
}

/** Read-only questions one concern may ask about another's state. */
export interface Reads {
  /** The version `worker` serves at `pop` (deployments). */
  versionAt(worker: string, pop: string): string;
  /** Whether the isolate `key` is loaded and alive (isolates). */
  isolateAlive(key: string): boolean;
  /** Whether the isolate `key` is still known, alive or just ended (isolates). */
  isolateLoaded(key: string): boolean;
  /** Whether any Durable Object is in memory in isolate `key` (objects). */
  hostsObjects(key: string): boolean;
  /** PoPs that anycast routes to now (health checks). */
  advertised(): ReadonlySet<string>;
  /** Why a request tree was refused whole for exceeding a budget, or null (subrequests). */
  treeRefusal(root: string): string | null;
  /** Live events on the queue (the dispatcher). */
  pendingEvents(): number;
}

export interface Ctx {
  readonly nowMs: number;
  readonly scenario: Scenario;
  readonly options: WorldOptions;
  readonly seed: number;
  readonly deps: WorldDeps;
  readonly network: Network;
  readonly router: Router;
  readonly ids: Ids;
  readonly streams: { objects: Prng };
  readonly reads: Reads;
}

export function regionOfPop(ctx: Ctx, pop: string): string {
  return ctx.network.topology.popOf(pop).region;
}
