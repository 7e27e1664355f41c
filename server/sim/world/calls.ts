// Routes an isolate's asynchronous `call` to the part of the world that answers it: a KV
// namespace, a Durable Object, the object's own storage, or a subrequest (origin or route).

import { exhaustiveSwitchError } from "../core/result.ts";
import type { CallResult, IsolateOp, WireRequest } from "../isolate-port.ts";
import { kvCall } from "./kv.ts";
import { objectCall, storageCall } from "./objects.ts";
import type { IsolateRecord, WorldState } from "./state.ts";
import { subrequest } from "./subrequests.ts";

export type CallOp = Extract<IsolateOp, { kind: "call" }>;

export function callDispatch(w: WorldState, isolate: IsolateRecord, op: CallOp, atMs: number): void {
  const target = op.target;
  switch (target.type) {
    case "kv":
      kvCall(w, isolate, op, target.binding, atMs);
      return;
    case "object":
      objectCall(w, isolate, op, target, atMs);
      return;
    case "storage":
      storageCall(w, isolate, op, target.objectId, atMs);
      return;
    case "fetch":
      subrequest(w, isolate, op, op.args[0] as WireRequest, atMs);
      return;
    default:
      exhaustiveSwitchError(target);
  }
}

/** Schedules the answer to a call. `inFlight` says whether it crossed the network (reorderable). */
export function replyAt(w: WorldState, isolate: IsolateRecord, callId: number, atMs: number, result: CallResult, label: string, inFlight: boolean): void {
  w.schedule(atMs, { kind: "isolate_reply", isolate: isolate.key, callId, result, label, inFlight });
}

export function callError(name: string, message: string): CallResult {
  return { ok: false, error: { name, message } };
}
