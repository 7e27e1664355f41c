// The isolates concern's slice: every loaded isolate, the live one per (worker version, PoP),
// the scripts they run, and the synchronous calls (storage, ids) each is given at load.

import type { TraceEntry } from "../core/trace.ts";
import type { IsolateHandle, SyncHandler, WorkerScript } from "../isolate-port.ts";
import type { Ticket } from "./effects.ts";
import type { Lineage, Responder } from "./events.ts";

/** A request being handled in an isolate: where its answer goes, and whose tree it is part of. */
export interface InFlight {
  responder: Responder;
  lineage: Lineage;
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
  timers: Map<number, Ticket>;
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
