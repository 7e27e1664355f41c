// The isolates concern's slice: every loaded isolate, the live one per (worker version, PoP),
// the scripts they run, and the synchronous calls (storage, ids) each is given at load.

import type { TraceEntry } from "../core/trace.ts";
import type { IsolateHandle, SyncHandler, WireRequest, WorkerScript } from "../isolate-port.ts";
import type { Effects, Ticket } from "./effects.ts";
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
  /**
   * Requests that sent `request_done` while timers or calls they set are still pending: their
   * code may still run (a timer's callback), so their lineage stays until the last one settles.
   */
  done: Set<string>;
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
  /** The members of each request tree alive in the isolates (treeHolds below). */
  readonly trees: TreeHolds;
}

/**
 * How many members of each request tree are alive: a request whose code may still run (its
 * lineage in an isolate) or a call in flight (in `callsOut`), by the tree's root. When the last
 * one finishes, `tree_done` tells the subrequests concern to free what it counted for the tree
 * (subrequests and CPU spent, its refusal), so those counters live as long as the tree, not the
 * world. The world is deterministic, so this count is the same on every replay.
 */
export class TreeHolds {
  private readonly members = new Map<string, number>();

  hold(root: string): void {
    this.members.set(root, (this.members.get(root) ?? 0) + 1);
  }

  release(out: Effects, root: string): void {
    const left = (this.members.get(root) ?? 0) - 1;
    if (left > 0) {
      this.members.set(root, left);
      return;
    }
    this.members.delete(root);
    out.now({ kind: "tree_done", root });
  }

  /** Trees with a member alive (tests read it: it must not grow with the trees that ended). */
  get size(): number {
    return this.members.size;
  }
}

/** A request of this isolate joins its tree (once per request id). */
export function joinTree(trees: TreeHolds, isolate: IsolateRecord, req: string, lineage: Lineage): void {
  if (isolate.lineages.has(req)) return;
  isolate.lineages.set(req, lineage);
  trees.hold(lineage.root);
}

/**
 * Requests that are done (`request_done`) and have nothing pending leave their tree: no code of
 * theirs can run again. Called after each delivery, when what it set and cleared is known.
 */
export function leaveTreesIfDone(trees: TreeHolds, out: Effects, isolate: IsolateRecord): void {
  if (isolate.done.size === 0) return;
  // Deleting the element being visited is safe in a Set's iteration: no copy per delivery.
  for (const req of isolate.done) {
    if (isolate.pendingPerRequest.has(req)) continue;
    isolate.done.delete(req);
    const lineage = isolate.lineages.get(req);
    if (lineage === undefined) continue;
    isolate.lineages.delete(req);
    trees.release(out, lineage.root);
  }
}

/** An isolate that ends takes its members out of their trees. */
export function leaveAllTrees(trees: TreeHolds, out: Effects, isolate: IsolateRecord): void {
  for (const lineage of isolate.lineages.values()) trees.release(out, lineage.root);
  for (const call of isolate.callsOut.values()) trees.release(out, call.root);
  isolate.lineages.clear();
  isolate.callsOut.clear();
  isolate.done.clear();
}

/** Counts one more (+1) or one fewer (-1) pending call or timer for `req`. */
export function countPending(isolate: IsolateRecord, req: string | null | undefined, delta: 1 | -1): void {
  if (req === null || req === undefined) return;
  const n = (isolate.pendingPerRequest.get(req) ?? 0) + delta;
  if (n > 0) isolate.pendingPerRequest.set(req, n);
  else isolate.pendingPerRequest.delete(req);
}
