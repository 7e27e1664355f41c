// The isolates concern's slice: every loaded isolate, the live one per (worker version, PoP),
// the scripts they run, and the synchronous calls (storage, ids) each is given at load.

import type { TraceEntry } from "../core/trace.ts";
import type { IsolateHandle, SyncHandler, WireRequest, WorkerScript } from "../isolate-port.ts";
import type { Ticket } from "./effects.ts";
import type { Lineage, Responder } from "./events.ts";

/** A request being handled in an isolate: where its answer goes, and whose tree it is part of. */
export interface InFlight {
  responder: Responder;
  lineage: Lineage;
  /** A fetch handler's request as it arrived: where `ctx.passThroughOnException()` sends it. */
  request?: WireRequest;
}

export interface IsolateRecord {
  key: string;
  worker: string;
  version: string;
  pop: string;
  region: string;
  handle: IsolateHandle;
  /** Requests being handled in this isolate, by request id. */
  inFlight: Map<string, InFlight>;
  /**
   * The tree of every request whose code may still run here, by request id: kept after the
   * answer until `request_done`, so ctx.waitUntil work stays in the tree that started it.
   */
  lineages: Map<string, Lineage>;
  timers: Map<number, Ticket>;
  /** Calls issued and not yet answered, by call id: the request each is for, and its tree. */
  callsOut: Map<number, { req: string | null; root: string }>;
  /** The request each pending timer was set by. */
  timerRequests: Map<number, string | null>;
  /** Calls and timers pending per request: a request in flight with none can never finish. */
  pendingPerRequest: Map<string, number>;
  idleCheck: Ticket | null;
  lastActiveMs: number;
}

export interface IsolatesSlice {
  readonly isolates: Map<string, IsolateRecord>;
  /** The live isolate of each (worker, version, PoP), by `worker@version/pop`. */
  readonly currentIsolate: Map<string, string>;
  readonly scripts: Map<string, WorkerScript>;
  /** The synchronous calls the worker's code may make (built by world.ts from the objects concern). */
  readonly syncFor: (worker: string, isolateKey: string) => SyncHandler;
  /** Trace entries of synchronous calls made during a delivery, taken into that delivery's effects. */
  readonly syncTrace: TraceEntry[];
}

/** Counts one more (+1) or one fewer (-1) pending call or timer for `req`. */
export function countPending(isolate: IsolateRecord, req: string | null | undefined, delta: 1 | -1): void {
  if (req === null || req === undefined) return;
  const n = (isolate.pendingPerRequest.get(req) ?? 0) + delta;
  if (n > 0) isolate.pendingPerRequest.set(req, n);
  else isolate.pendingPerRequest.delete(req);
}
