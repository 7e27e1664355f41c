// The Durable Objects concern's slice: one record per object, wherever it lives.

import type { ObjectState } from "../core/trace.ts";
import { assert } from "../core/result.ts";
import { createRing, type PlacementRing } from "../durable-objects/placement.ts";
import type { ObjectStorage } from "../durable-objects/storage-port.ts";
import type { RpcCall, WireRequest } from "../isolate-port.ts";
import type { Effects, Ticket } from "./effects.ts";
import type { Lineage } from "./events.ts";

/** A request for an object: a stub's fetch or RPC call (with the calling isolate to answer) or an alarm. */
export interface ObjectRequest {
  id: string;
  kind: "fetch" | "alarm" | "rpc";
  request: WireRequest | null;
  /** The call of an `rpc` request, and how the trace names it (`Counter:A.increment()`). */
  rpc?: RpcCall;
  label?: string;
  caller: { isolate: string; callId: number; region: string } | null;
  /** The request tree this one belongs to (an alarm starts its own). */
  lineage: Lineage;
}

export interface ObjectRecord {
  id: string;
  worker: string;
  className: string;
  name: string | null;
  /** The region that hosts the one instance; changes only by migration. */
  owner: string;
  state: ObjectState;
  /** Whether an instance ever ran: the next activation is then a restore, not a start. */
  everActive: boolean;
  /** The isolate holding the instance in memory (active or hibernated), if any. */
  isolate: string | null;
  /** Arrived requests waiting for the input gate, in arrival order. */
  queue: ObjectRequest[];
  current: ObjectRequest | null;
  /** Pending `object_take` events, one per queued request while the gate is open. */
  takes: Ticket[];
  idleCheck: Ticket | null;
  idleSinceMs: number;
  alarm: Ticket | null;
  /** Retries so far of the current alarm, whose handler threw. */
  alarmRetries: number;
  storage: ObjectStorage | null;
  /** Every request not yet answered (queued, current), by id. */
  requests: Map<string, ObjectRequest>;
}

export class ObjectsWorld {
  readonly byId = new Map<string, ObjectRecord>();
  /** Location hints given to `newUniqueId`, remembered until the object is first placed. */
  readonly uniqueHints = new Map<string, string>();
  readonly ring: PlacementRing;

  constructor(regions: readonly string[]) {
    this.ring = createRing(regions);
  }

  get(id: string): ObjectRecord {
    const object = this.byId.get(id);
    assert(object, `unknown object ${id}`);
    return object;
  }

  hostedIn(isolateKey: string): boolean {
    for (const object of this.byId.values()) if (object.isolate === isolateKey) return true;
    return false;
  }
}

export function namespaceOf(worker: string, className: string): string {
  return `${worker}:${className}`;
}

/**
 * The gate is open: one `object_take` per queued request, all due now, in arrival order. The
 * first to run wins and cancels the rest; a learner may pick another (stepChoose).
 */
export function scheduleTakes(out: Effects, object: ObjectRecord, atMs: number): void {
  for (const take of object.takes) out.cancel(take);
  object.takes = object.queue.map((r) => out.at(atMs, { kind: "object_take", object: object.id, doReq: r.id, ...(r.label === undefined ? {} : { what: r.label }) }));
}
