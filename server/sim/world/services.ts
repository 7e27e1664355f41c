// Service bindings: a worker calls another worker of the scenario by name, in the same PoP (no
// network hop, no router), through its fetch handler or an RPC call on its default export or a
// named WorkerEntrypoint. Each call counts against the same budgets as a fetch subrequest
// (subrequestsPerTreeMax, subrequestDepthMax), through the subrequests concern's one counter.

import type { RpcCall, WireRequest } from "../isolate-port.ts";
import { callError, replyAt } from "./calls.ts";
import type { Ctx } from "./context.ts";
import { Effects } from "./effects.ts";
import type { Caller, CallOp } from "./events.ts";
import { rpcLabel } from "./rpc.ts";
import { chargeSubrequest, type SubrequestsSlice } from "./subrequests.ts";
import { makeRequest } from "./wire.ts";

export function serviceCall(s: SubrequestsSlice, ctx: Ctx, e: { caller: Caller; op: CallOp; atMs: number }): Effects {
  const out = new Effects();
  const { caller, op, atMs } = e;
  if (op.target.type !== "service") return out;
  const { service, entrypoint } = op.target;
  if (!ctx.scenario.workers.some((w) => w.name === service)) {
    replyAt(out, caller, op.callId, atMs, callError("Error", `service binding ${op.target.binding}: no worker named "${service}" in this scenario`), "service error", false);
    return out;
  }
  if (!chargeSubrequest(s, ctx, out, caller, op, atMs)) return out;
  const req = ctx.ids.next("s");
  const version = ctx.reads.versionAt(service, caller.pop);
  const lineage = { root: caller.lineage.root, depth: caller.lineage.depth + 1 };
  const base = { kind: "isolate_fetch" as const, req, worker: service, version, pop: caller.pop, lineage, atMs, entrypoint };
  if (op.method === "rpc") {
    const call = op.args[0] as RpcCall;
    const label = rpcLabel(`${service}${entrypoint === null ? "" : `:${entrypoint}`}`, call);
    out.trace({ kind: "rpc_call", t: ctx.nowMs, req: op.requestId, call: req, target: `service:${service}`, label: `${op.requestId ?? caller.isolate} calls ${label}` });
    const responder = { type: "call" as const, isolate: caller.isolate, callId: op.callId, fromRegion: caller.region, rpc: label };
    out.now({ ...base, request: makeRequest("POST", `https://${service}.workers.dev/`, [], null), responder, rpc: call });
    return out;
  }
  const request = op.args[0] as WireRequest;
  out.trace({ kind: "subrequest", t: ctx.nowMs, req, url: request.url, target: `service:${service}` });
  out.now({ ...base, request, responder: { type: "call", isolate: caller.isolate, callId: op.callId, fromRegion: caller.region } });
  return out;
}
