// The mutable state of one running world and the few helpers every concern uses (schedule an
// event, append to the trace). The concerns (requests, isolates, kv, durable objects, faults,
// deployments) are modules of functions over this state; world.ts wires them to the queue.

import { EventQueue, type Scheduled } from "../core/event-queue.ts";
import { limits } from "../core/limits.ts";
import type { Prng } from "../core/prng.ts";
import { assert } from "../core/result.ts";
import type { TraceEntry } from "../core/trace.ts";
import type { ObjectStorageProvider } from "../durable-objects/storage-port.ts";
import type { IsolateFactory, IsolateHandle, WireRequest, WireResponse, WorkerScript } from "../isolate-port.ts";
import type { Network } from "../net/network.ts";
import type { Router } from "../router/router.ts";
import type { Scenario } from "../scenario-types.ts";
import type { SimEvent } from "./events.ts";
import type { KvWorld } from "./kv.ts";
import type { ObjectRecord, ObjectsWorld } from "./objects-state.ts";

/** Where the answer to a request handled by an isolate goes. */
export type Responder =
  | { type: "client"; req: string }
  | { type: "call"; isolate: string; callId: number; fromRegion: string }
  | { type: "object"; object: string; doReq: string };

export interface ClientRequest {
  id: string;
  trafficIndex: number | null;
  from: string;
  request: WireRequest;
  startedAtMs: number;
  pop: string | null;
  response: { response: WireResponse; servedBy: string | null; finishedAtMs: number } | null;
}

export interface IsolateRecord {
  key: string;
  worker: string;
  version: string;
  pop: string;
  region: string;
  handle: IsolateHandle;
  /** Requests being handled in this isolate, by request id. */
  inFlight: Map<string, Responder>;
  timers: Map<number, Scheduled<SimEvent>>;
  idleCheck: Scheduled<SimEvent> | null;
  lastActiveMs: number;
}

export interface WorldDeps {
  isolates: IsolateFactory;
  objectStorage: ObjectStorageProvider;
}

export class WorldState {
  readonly queue = new EventQueue<SimEvent>();
  readonly trace: TraceEntry[] = [];
  nowMs = 0;
  stepsRun = 0;
  readonly clients = new Map<string, ClientRequest>();
  readonly isolates = new Map<string, IsolateRecord>();
  /** The live isolate of each (worker, version, PoP), by `worker@version/pop`. */
  readonly currentIsolate = new Map<string, string>();
  readonly scripts = new Map<string, WorkerScript>();
  /** Version each worker serves at each PoP: `worker` → `pop` → version. */
  readonly versions = new Map<string, Map<string, string>>();
  /** PoPs that anycast currently routes to (health checks update it). */
  readonly advertised = new Set<string>();
  objects!: ObjectsWorld;
  kv!: KvWorld;
  private counters = new Map<string, number>();

  constructor(
    readonly scenario: Scenario,
    readonly seed: number,
    readonly deps: WorldDeps,
    readonly network: Network,
    readonly router: Router,
    readonly streams: { objects: Prng },
  ) {}

  get options() {
    return this.scenario.world;
  }

  schedule(atMs: number, event: SimEvent): Scheduled<SimEvent> {
    assert(atMs >= this.nowMs, `cannot schedule ${event.kind} in the past (${atMs} < ${this.nowMs})`);
    return this.queue.push(atMs, event);
  }

  record(entry: TraceEntry): void {
    assert(this.trace.length < limits.traceEntriesMax, "traceEntriesMax exceeded");
    this.trace.push(entry);
  }

  /** Deterministic ids: `r1`, `r2`... per prefix. */
  nextId(prefix: string): string {
    return `${prefix}${this.nextNumber(prefix)}`;
  }

  nextNumber(counter: string): number {
    const n = (this.counters.get(counter) ?? 0) + 1;
    this.counters.set(counter, n);
    return n;
  }

  object(id: string): ObjectRecord {
    const object = this.objects.byId.get(id);
    assert(object, `unknown object ${id}`);
    return object;
  }

  regionOfPop(pop: string): string {
    return this.network.topology.popOf(pop).region;
  }
}
