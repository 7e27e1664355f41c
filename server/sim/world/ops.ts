// What an isolate's operations cause. They come back from a delivery in issue order and are
// turned into effects in that order, each starting at `atMs` (the delivery's virtual time plus
// any charged cost), so two awaits in the code become two events in the queue. Calls go to the
// concern that answers them as same-instant events; nothing here calls another concern.

import { limits } from "../core/limits.ts";
import { exhaustiveSwitchError } from "../core/result.ts";
import type { CallResult, IsolateOp, WireResponse } from "../isolate-port.ts";
import type { Ctx } from "./context.ts";
import type { Effects } from "./effects.ts";
import type { Caller, CallOp } from "./events.ts";
import { countPending, type IsolateRecord, type TreeHolds } from "./isolates-state.ts";
import { rpcStandIn } from "./rpc.ts";
import { sourceOfStack } from "./stack-source.ts";
import { originAnswer, originFor } from "./origins.ts";
import { textResponse, urlParts } from "./wire.ts";

export function processOps(ctx: Ctx, out: Effects, isolate: IsolateRecord, trees: TreeHolds, ops: readonly IsolateOp[], atMs: number): void {
  for (const op of ops) processOp(ctx, out, isolate, trees, op, atMs);
}

function processOp(ctx: Ctx, out: Effects, isolate: IsolateRecord, trees: TreeHolds, op: IsolateOp, atMs: number): void {
  switch (op.kind) {
    case "log": {
      const source = typeof op.at === "string" ? sourceOfStack(`log\n${op.at}`) : null;
      out.trace({ kind: "log", t: ctx.nowMs, isolate: isolate.key, req: op.requestId, level: op.level, message: op.message.slice(0, limits.logMessageCharsMax), ...(source === null ? {} : { source }) });
      return;
    }
    case "call":
      call(out, isolate, trees, op, atMs);
      return;
    case "timer_set":
      setTimer(ctx, out, isolate, op.timerId, op.requestId, op.delayMs, atMs);
      return;
    case "timer_clear": {
      const timer = isolate.timers.get(op.timerId);
      if (!timer) return;
      out.cancel(timer);
      isolate.timers.delete(op.timerId);
      countPending(isolate, isolate.timerRequests.get(op.timerId), -1);
      isolate.timerRequests.delete(op.timerId);
      out.trace({ kind: "timer", t: ctx.nowMs, isolate: isolate.key, timerId: op.timerId, action: "clear" });
      return;
    }
    case "response":
      finishRequest(out, isolate, op.requestId, op.response, atMs);
      return;
    case "rpc_result":
      finishRequest(out, isolate, op.requestId, rpcStandIn(op.result), atMs, op.result);
      return;
    case "exception": {
      const source = sourceOfStack(op.error.stack);
      out.trace({ kind: "log", t: ctx.nowMs, isolate: isolate.key, req: op.requestId, level: "error", message: `${op.error.name}: ${op.error.message}`, ...(source === null ? {} : { source }) });
      const failure = textResponse(500, `${op.error.name}: ${op.error.message}`);
      if (op.passThrough === true) passThrough(ctx, out, isolate, op.requestId, failure, atMs);
      else finishRequest(out, isolate, op.requestId, failure, atMs);
      return;
    }
    case "request_done":
      // Its lineage goes once its pending timers and calls have settled too (leaveTreesIfDone).
      isolate.done.add(op.requestId);
      finishRequest(out, isolate, op.requestId, null, atMs);
      return;
    case "limit":
      out.trace({ kind: "limit", t: ctx.nowMs, isolate: isolate.key, req: op.requestId, limit: op.limit, message: op.message });
      return;
    default:
      exhaustiveSwitchError(op);
  }
}

/** An asynchronous call leaves the isolate for the concern that answers it, at this instant. */
function call(out: Effects, isolate: IsolateRecord, trees: TreeHolds, op: CallOp, atMs: number): void {
  // After its answer a request's code (ctx.waitUntil work) still belongs to its tree.
  const lineage = (op.requestId === null ? undefined : isolate.lineages.get(op.requestId)) ?? { root: op.requestId ?? isolate.key, depth: 0 };
  const caller: Caller = { isolate: isolate.key, worker: isolate.worker, pop: isolate.pop, region: isolate.region, lineage };
  isolate.callsOut.set(op.callId, { req: op.requestId, root: lineage.root });
  trees.hold(lineage.root);
  countPending(isolate, op.requestId, 1);
  const target = op.target;
  switch (target.type) {
    case "kv": return out.now({ kind: "kv_call", caller, op, atMs });
    case "object": return out.now({ kind: "object_call", caller, op, atMs });
    case "storage": return out.now({ kind: "storage_call", caller, op, atMs });
    case "fetch": return out.now({ kind: "subrequest", caller, op, atMs });
    case "service": return out.now({ kind: "service_call", caller, op, atMs });
    case "cache": return out.now({ kind: "cache_call", caller, op, atMs });
    default: return exhaustiveSwitchError(target);
  }
}

function setTimer(ctx: Ctx, out: Effects, isolate: IsolateRecord, timerId: number, req: string | null, delayMs: number, atMs: number): void {
  if (isolate.timers.size >= limits.timersPerIsolateMax) {
    out.trace({ kind: "limit", t: ctx.nowMs, isolate: isolate.key, req: null, limit: "timersPerIsolateMax", message: `more than ${limits.timersPerIsolateMax} timers` });
    return;
  }
  // Timers fire on whole virtual ms; a negative or fractional delay rounds up as browsers clamp it.
  const due = atMs + Math.max(0, Math.ceil(Number.isFinite(delayMs) ? delayMs : 0));
  isolate.timers.set(timerId, out.at(due, { kind: "timer_fire", isolate: isolate.key, timerId }));
  isolate.timerRequests.set(timerId, req);
  countPending(isolate, req, 1);
  out.trace({ kind: "timer", t: ctx.nowMs, isolate: isolate.key, timerId, action: "set" });
}

/**
 * `ctx.passThroughOnException()`: the handler threw, so the request goes on to the origin of its
 * host, as if no worker were on the route; without an origin it gets the usual 500.
 */
function passThrough(ctx: Ctx, out: Effects, isolate: IsolateRecord, req: string, failure: WireResponse, atMs: number): void {
  const request = isolate.inFlight.get(req)?.request;
  const parts = request === undefined ? null : urlParts(request.url);
  const origin = parts === null ? null : originFor(ctx, parts.host);
  if (origin === null) {
    const reason = request === undefined ? "only a fetch handler's request can pass through" : `no origin for ${parts?.host ?? request.url} in the scenario; the usual 500`;
    out.trace({ kind: "pass_through", t: ctx.nowMs, req, isolate: isolate.key, origin: null, status: failure.status, reason });
    finishRequest(out, isolate, req, failure, atMs);
    return;
  }
  const answer = originAnswer(ctx, origin, isolate.region);
  out.trace({ kind: "pass_through", t: ctx.nowMs, req, isolate: isolate.key, origin: origin.host, status: answer.response.status, ...(answer.reachable ? {} : { reason: "origin unreachable" }) });
  finishRequest(out, isolate, req, { ...answer.response, body: answer.response.body === null ? null : answer.response.body.slice() }, atMs + answer.ms);
}

/**
 * A request's end as the isolate reports it. The first of response/exception answers the
 * caller; an object request also releases its input gate then. `request_done` (waitUntil
 * settled, or an alarm handler finished) only clears what is left.
 */
function finishRequest(out: Effects, isolate: IsolateRecord, req: string, answer: WireResponse | null, atMs: number, rpc?: CallResult): void {
  const flight = isolate.inFlight.get(req);
  if (!flight) return;
  isolate.inFlight.delete(req);
  const responder = flight.responder;
  if (answer !== null) out.now({ kind: "respond", responder, response: answer, pop: isolate.pop, version: isolate.version, atMs, ...(rpc === undefined ? {} : { rpc }) });
  else if (responder.type === "object") out.now({ kind: "object_done", object: responder.object, doReq: responder.doReq, atMs });
}
