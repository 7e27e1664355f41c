// The events of the world's queue, discriminated on `kind`. Each says in one line what it is
// (for the stepping UI) and whether the model lets a learner reorder it: messages in flight
// (a request on the wire, a KV or DO reply, an origin answer) may arrive in either order, and a
// Durable Object may take any of its queued requests next. Timers, faults, health checks and
// replication follow the clock only.

import type { CallResult, DeliveryEvent, IsolateEnd, IsolateOp, RpcCall, WireRequest, WireResponse } from "../isolate-port.ts";
import type { FaultSpec } from "../scenario-types.ts";

export type SimEvent =
  | { kind: "client_send"; req: string; attempt?: number }
  | { kind: "pop_arrive"; req: string; pop: string }
  /** `refusal`: the tree's 503, which yields to an answer the worker had already sent. */
  | { kind: "client_receive"; req: string; response: WireResponse; servedBy: string | null; version: string | null; refusal?: true }
  | { kind: "isolate_reply"; isolate: string; callId: number; result: CallResult; label: string; inFlight: boolean }
  | { kind: "timer_fire"; isolate: string; timerId: number }
  /** `what` names an RPC call (`Counter:A.increment()`) for the stepping UI. */
  | { kind: "object_arrive"; object: string; doReq: string; region: string; what?: string }
  | { kind: "object_take"; object: string; doReq: string; what?: string }
  | { kind: "object_idle"; object: string }
  | { kind: "object_alarm"; object: string }
  | { kind: "kv_replicate"; namespace: string; region: string; key: string; version: number }
  | { kind: "isolate_idle"; isolate: string }
  | { kind: "health_check" }
  | { kind: "fault"; fault: FaultSpec; index: number }
  | { kind: "fault_end"; fault: FaultSpec; index: number }
  | { kind: "deploy"; deployment: number; step: number };

export type SimEventKind = SimEvent["kind"];

/** Where the answer to a request handled by an isolate goes. */
export type Responder =
  | { type: "client"; req: string }
  /** `rpc`: the caller made an RPC call (through a service binding) and gets a CallResult, not a response. */
  | { type: "call"; isolate: string; callId: number; fromRegion: string; rpc?: string }
  | { type: "object"; object: string; doReq: string };

export type CallOp = Extract<IsolateOp, { kind: "call" }>;

/** The isolate that issued a call, as the concern answering it needs to know it. */
export interface Caller {
  isolate: string;
  worker: string;
  pop: string;
  region: string;
  lineage: Lineage;
}

/** The client request (or alarm) a request descends from, and how many subrequests deep it is. */
export interface Lineage {
  root: string;
  depth: number;
}

/**
 * Events that happen at the same virtual instant as the event that caused them, where the
 * platform is instantaneous (an isolate's call reaching KV, a response handed back to its
 * requester). They never wait on the queue: the dispatcher runs each where its cause put it,
 * so the order of effects, and the trace, is the order the platform would produce. `atMs` is
 * when the effect starts (the cause's time plus any charged cost).
 */
export type InstantEvent =
  | { kind: "route"; req: string; pop: string; request: WireRequest; responder: Responder; lineage: Lineage; atMs: number }
  /** `rpc`: an RPC request's outcome (then `response` only stands in for it, see rpc.ts). */
  | { kind: "respond"; responder: Responder; response: WireResponse; pop: string; version: string | null; atMs: number; rpc?: CallResult }
  /** A request for a worker's isolate: its fetch handler, or (service bindings) a named entrypoint's fetch, or an RPC call. */
  | { kind: "isolate_fetch"; req: string; worker: string; version: string; pop: string; request: WireRequest; responder: Responder; lineage: Lineage; atMs: number; entrypoint?: string | null; rpc?: RpcCall }
  | { kind: "isolate_deliver"; isolate: string; delivery: DeliveryEvent; req: string | null; responder: Responder | null; lineage: Lineage }
  | { kind: "isolate_delivered"; isolate: string; end: IsolateEnd | null; atMs: number }
  | { kind: "isolate_end"; isolate: string; end: IsolateEnd; atMs: number }
  | { kind: "isolates_end_at"; pop: string; message: string }
  | { kind: "isolate_forget"; isolate: string; req: string }
  | { kind: "kv_call"; caller: Caller; op: CallOp; atMs: number }
  | { kind: "object_call"; caller: Caller; op: CallOp; atMs: number }
  | { kind: "storage_call"; caller: Caller; op: CallOp; atMs: number }
  | { kind: "subrequest"; caller: Caller; op: CallOp; atMs: number }
  | { kind: "service_call"; caller: Caller; op: CallOp; atMs: number }
  | { kind: "cache_call"; caller: Caller; op: CallOp; atMs: number }
  | { kind: "object_host"; object: string; doReq: string; worker: string; version: string; pop: string }
  | { kind: "object_hosted"; object: string; doReq: string; isolate: string | null }
  | { kind: "object_respond"; object: string; doReq: string; response: WireResponse; atMs: number; rpc?: CallResult }
  | { kind: "object_done"; object: string; doReq: string; atMs: number }
  | { kind: "objects_lost"; isolate: string }
  | { kind: "object_evict"; object: string; reason: string }
  | { kind: "region_migrate"; region: string }
  | { kind: "tree_refused"; root: string; message: string; atMs: number }
  /** A delivery of a tree's code spent `cpuMs` (measured by the sandbox), charged to the tree's budget. */
  | { kind: "tree_cpu"; root: string; cpuMs: number; isolate: string; req: string | null; atMs: number }
  /** The last member of a request tree finished (isolates-state.ts TreeHolds): what it spent is forgotten. */
  | { kind: "tree_done"; root: string };

export type InstantEventKind = InstantEvent["kind"];

export function isReorderable(event: SimEvent): boolean {
  switch (event.kind) {
    case "pop_arrive":
    case "client_receive":
    case "object_arrive":
    case "object_take":
      return true;
    case "isolate_reply":
      return event.inFlight;
    case "client_send":
    case "timer_fire":
    case "object_idle":
    case "object_alarm":
    case "kv_replicate":
    case "isolate_idle":
    case "health_check":
    case "fault":
    case "fault_end":
    case "deploy":
      return false;
  }
}

export function labelOf(event: SimEvent): string {
  switch (event.kind) {
    case "client_send": return event.attempt === undefined ? `${event.req} leaves the client` : `${event.req} is retried by the client (attempt ${event.attempt})`;
    case "pop_arrive": return `${event.req} reaches ${event.pop}`;
    case "client_receive": return `${event.req} answer (${event.response.status}) reaches the client`;
    case "isolate_reply": return `${event.label} → ${event.isolate}`;
    case "timer_fire": return `timer ${event.timerId} fires in ${event.isolate}`;
    case "object_arrive": return `${event.doReq}${event.what ? ` (${event.what})` : ""} reaches object ${short(event.object)}`;
    case "object_take": return `object ${short(event.object)} takes ${event.doReq}${event.what ? ` (${event.what})` : ""}`;
    case "object_idle": return `object ${short(event.object)} idle check`;
    case "object_alarm": return `object ${short(event.object)} alarm`;
    case "kv_replicate": return `KV ${event.key} v${event.version} replicates to ${event.region}`;
    case "isolate_idle": return `${event.isolate} idle check`;
    case "health_check": return "health checks";
    case "fault": return `fault ${event.fault.kind} starts`;
    case "fault_end": return `fault ${event.fault.kind} ends`;
    case "deploy": return `deployment ${event.deployment} step ${event.step}`;
  }
}

function short(objectId: string): string {
  return objectId.slice(0, 8);
}
