// `fetch()` from worker code: a host that a route of the world serves goes back through the
// router at the same PoP (no anycast: the subrequest starts inside the PoP), and so does any host
// that is not one of the scenario's simulated origins (the router answers it 404). An origin
// answers after the network path both ways plus its own latency; across a partition, 502.
//
// Work amplification is bounded per client request, across the whole tree it causes: at most
// `subrequestDepthMax` deep (the call rejects naming the limit), `subrequestsPerTreeMax`
// subrequests in all (fetches, service-binding and Durable Object calls, same-worker calls and
// ctx.waitUntil work included), and `treeCpuMsMax` of CPU over every delivery of the tree's code.
// Past either budget the tree is refused whole: the client gets a 503 naming the limit at once,
// and every later call of the tree rejects with the same message, so its code winds down.

import { utf8Encode } from "../core/hash.ts";
import { limits } from "../core/limits.ts";
import type { WireRequest } from "../isolate-port.ts";
import { callError, replyAt } from "./calls.ts";
import type { Ctx } from "./context.ts";
import { Effects } from "./effects.ts";
import type { Caller, CallOp, InstantEvent } from "./events.ts";
import { textResponse, urlParts } from "./wire.ts";

/** The subrequests concern's slice: what each request tree has spent, and the trees refused (with why). */
export interface SubrequestsSlice {
  readonly perTree: Map<string, number>;
  readonly cpuMsPerTree: Map<string, number>;
  readonly refused: Map<string, string>;
}

/**
 * Counts one subrequest (a fetch, a service binding's or a Durable Object's fetch or RPC call)
 * against its tree's budgets. False when it may not go (its caller's promise then rejects
 * naming the limit): the tree was refused whole, or the call would be too deep.
 */
export function chargeSubrequest(s: SubrequestsSlice, ctx: Ctx, out: Effects, caller: Caller, op: CallOp, atMs: number): boolean {
  const root = caller.lineage.root;
  const label = `${op.method} refused`;
  const refusal = s.refused.get(root);
  if (refusal !== undefined) {
    replyAt(out, caller, op.callId, atMs, callError("Error", refusal), label, false);
    return false;
  }
  const made = (s.perTree.get(root) ?? 0) + 1;
  s.perTree.set(root, made);
  if (made > limits.subrequestsPerTreeMax) {
    const message = `too many subrequests: more than subrequestsPerTreeMax (${limits.subrequestsPerTreeMax}) in the tree of request ${root}`;
    refuseTree(s, ctx, out, { root, limit: "subrequestsPerTreeMax", message, isolate: caller.isolate, req: op.requestId, atMs });
    replyAt(out, caller, op.callId, atMs, callError("Error", message), label, false);
    return false;
  }
  if (caller.lineage.depth + 1 > limits.subrequestDepthMax) {
    const message = `subrequest depth limit exceeded: more than subrequestDepthMax (${limits.subrequestDepthMax}) nested subrequests`;
    out.trace({ kind: "limit", t: ctx.nowMs, isolate: caller.isolate, req: op.requestId, limit: "subrequestDepthMax", message });
    replyAt(out, caller, op.callId, atMs, callError("Error", message), label, false);
    return false;
  }
  return true;
}

/** Charges a delivery's measured CPU to its tree; past `treeCpuMsMax` the tree is refused whole. */
export function chargeTreeCpu(s: SubrequestsSlice, ctx: Ctx, e: Extract<InstantEvent, { kind: "tree_cpu" }>): Effects {
  const out = new Effects();
  if (s.refused.has(e.root)) return out;
  const usedMs = (s.cpuMsPerTree.get(e.root) ?? 0) + e.cpuMs;
  s.cpuMsPerTree.set(e.root, usedMs);
  if (usedMs > limits.treeCpuMsMax) {
    const message = `the tree of request ${e.root} used more than treeCpuMsMax (${limits.treeCpuMsMax} ms) of CPU across its subrequests`;
    refuseTree(s, ctx, out, { root: e.root, limit: "treeCpuMsMax", message, isolate: e.isolate, req: e.req, atMs: e.atMs });
  }
  return out;
}

/**
 * The tree's last member finished (no code of it can run again, no call of it is in flight):
 * its counts and its refusal are forgotten, so they live as long as the tree, not the world.
 */
export function treeDone(s: SubrequestsSlice, root: string): Effects {
  s.perTree.delete(root);
  s.cpuMsPerTree.delete(root);
  s.refused.delete(root);
  return new Effects();
}

function refuseTree(s: SubrequestsSlice, ctx: Ctx, out: Effects, r: { root: string; limit: string; message: string; isolate: string; req: string | null; atMs: number }): void {
  s.refused.set(r.root, r.message);
  out.trace({ kind: "limit", t: ctx.nowMs, isolate: r.isolate, req: r.req, limit: r.limit, message: r.message });
  out.now({ kind: "tree_refused", root: r.root, message: r.message, atMs: r.atMs });
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
