// `fetch()` from worker code: a host that a route of the world serves goes back through the
// router at the same PoP (no anycast: the subrequest starts inside the PoP), and so does any host
// that is not one of the scenario's simulated origins (the router answers it 404). An origin
// answers after the network path both ways plus its own latency; across a partition, 502.
//
// Work amplification is bounded per client request, across the whole tree it causes: at most
// `subrequestDepthMax` deep (the fetch rejects naming the limit) and `subrequestsPerTreeMax`
// subrequests in all, same-worker calls included. Past the second the tree is refused whole:
// the client gets a 503 naming the limit at once, and the rest of the tree is dropped.

import { utf8Encode } from "../core/hash.ts";
import { limits } from "../core/limits.ts";
import type { WireRequest } from "../isolate-port.ts";
import { callError, replyAt } from "./calls.ts";
import type { Ctx } from "./context.ts";
import { Effects } from "./effects.ts";
import type { Caller, CallOp } from "./events.ts";
import { textResponse, urlParts } from "./wire.ts";

/** The subrequests concern's slice: subrequests made per request tree, and the trees refused. */
export interface SubrequestsSlice {
  readonly perTree: Map<string, number>;
  readonly refused: Set<string>;
}

/**
 * Counts one subrequest (a fetch, or a service binding's fetch or RPC call) against its tree's
 * budgets. False when it may not go: the tree was refused whole, or the call was refused for
 * depth (its caller's promise rejects naming the limit).
 */
export function chargeSubrequest(s: SubrequestsSlice, ctx: Ctx, out: Effects, caller: Caller, op: CallOp, atMs: number): boolean {
  const root = caller.lineage.root;
  if (s.refused.has(root)) return false;
  const made = (s.perTree.get(root) ?? 0) + 1;
  s.perTree.set(root, made);
  if (made > limits.subrequestsPerTreeMax) {
    const message = `too many subrequests: more than subrequestsPerTreeMax (${limits.subrequestsPerTreeMax}) in the tree of request ${root}`;
    s.refused.add(root);
    out.trace({ kind: "limit", t: ctx.nowMs, isolate: caller.isolate, req: op.requestId, limit: "subrequestsPerTreeMax", message });
    out.now({ kind: "tree_refused", root, message, atMs });
    return false;
  }
  if (caller.lineage.depth + 1 > limits.subrequestDepthMax) {
    const message = `subrequest depth limit exceeded: more than subrequestDepthMax (${limits.subrequestDepthMax}) nested subrequests`;
    out.trace({ kind: "limit", t: ctx.nowMs, isolate: caller.isolate, req: op.requestId, limit: "subrequestDepthMax", message });
    replyAt(out, caller, op.callId, atMs, callError("Error", message), `${op.target.type === "service" ? op.method : "fetch"} refused`, false);
    return false;
  }
  return true;
}

export function subrequest(s: SubrequestsSlice, ctx: Ctx, e: { caller: Caller; op: CallOp; atMs: number }): Effects {
  const out = new Effects();
  const { caller, op, atMs } = e;
  if (!chargeSubrequest(s, ctx, out, caller, op, atMs)) return out;
  const request = op.args[0] as WireRequest;
  const parts = typeof request?.url === "string" ? urlParts(request.url) : null;
  if (!parts) {
    replyAt(out, caller, op.callId, atMs, callError("TypeError", "fetch: invalid URL"), "fetch error", false);
    return out;
  }
  const origin = ctx.scenario.origins.find((o) => o.host === parts.host);
  const req = ctx.ids.next("s");
  out.trace({ kind: "subrequest", t: ctx.nowMs, req, url: request.url, target: origin ? `origin:${origin.region}` : "route" });
  if (!origin) {
    const responder = { type: "call" as const, isolate: caller.isolate, callId: op.callId, fromRegion: caller.region };
    const lineage = { root: caller.lineage.root, depth: caller.lineage.depth + 1 };
    out.now({ kind: "route", req, pop: caller.pop, request, responder, lineage, atMs });
    return out;
  }
  const there = ctx.network.send(caller.region, origin.region);
  const back = ctx.network.send(origin.region, caller.region);
  if (!there.ok || !back.ok) {
    replyAt(out, caller, op.callId, atMs + 1, { ok: true, value: textResponse(502, `origin ${origin.host} unreachable`) }, "origin 502", true);
    return out;
  }
  const response = { status: origin.status, statusText: "", headers: origin.headers, body: utf8Encode(origin.body) };
  const doneAt = atMs + there.latencyMs + origin.latencyMs + back.latencyMs;
  replyAt(out, caller, op.callId, doneAt, { ok: true, value: response }, `origin ${origin.host} answers`, true);
  return out;
}
