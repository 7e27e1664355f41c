// The Cache API in the world: one cache store per PoP (the PoP whose isolate made the call, i.e.
// the PoP that took the request), as on the platform, where `caches.default` is local to the
// data center and nothing replicates. Each match, put and delete answers after `cacheOpMs` and
// is traced as kind `cache` with its outcome (hit, miss, expired; stored, not_stored; deleted,
// not_found), so the UI can show where a response came from. Storage rules: ../cache/policy.ts.
//
// As in workerd, a match or delete for a request that is not GET finds nothing unless
// `ignoreMethod` is set; the put refusals that throw (non-GET, 206, Vary: *) are the isolate's.

import { defaults, limits } from "../core/limits.ts";
import type { CacheOp, CacheOutcome } from "../core/trace.ts";
import { PopCache } from "../cache/store.ts";
import type { CacheKeyRequest, WireResponse } from "../isolate-port.ts";
import { callError, replyAt } from "./calls.ts";
import type { Ctx } from "./context.ts";
import { Effects } from "./effects.ts";
import type { Caller, CallOp } from "./events.ts";

/** The cache concern's slice: each PoP's store, made on its first call. */
export class CacheWorld {
  readonly pops = new Map<string, PopCache>();

  at(pop: string): PopCache {
    let cache = this.pops.get(pop);
    if (cache === undefined) {
      cache = new PopCache();
      this.pops.set(pop, cache);
    }
    return cache;
  }
}

/** A URL as the trace keeps it: at most urlCharsMax characters (a learner's key can be longer). */
function tracedUrl(url: string): string {
  return url.length <= limits.urlCharsMax ? url : `${url.slice(0, limits.urlCharsMax - 1)}…`;
}

export function cacheCall(cache: CacheWorld, ctx: Ctx, e: { caller: Caller; op: CallOp; atMs: number }): Effects {
  const out = new Effects();
  const { caller, op, atMs } = e;
  const name = op.target.type === "cache" ? op.target.name : null;
  const request = op.args[0] as CacheKeyRequest;
  const options = (op.args[1] ?? {}) as { ignoreMethod?: boolean };
  const store = cache.at(caller.pop);
  const doneAt = atMs + defaults.cacheOpMs;
  const trace = (outcome: CacheOutcome, extra: { reason?: string; ttlMs?: number } = {}) =>
    out.trace({ kind: "cache", t: ctx.nowMs, req: op.requestId, pop: caller.pop, cache: name, op: op.method as CacheOp, url: tracedUrl(request.url), outcome, ...extra });
  if (!store.admits(name)) {
    replyAt(out, caller, op.callId, doneAt, callError("Error", `too many named caches at this PoP: more than cacheNamesPerPopMax (${limits.cacheNamesPerPopMax})`), "cache error", false);
    return out;
  }
  const methodSkipped = request.method !== "GET" && options.ignoreMethod !== true;
  switch (op.method) {
    case "match": {
      if (methodSkipped) {
        trace("miss", { reason: `method ${request.method} (only GET is cached; ignoreMethod not set)` });
        replyAt(out, caller, op.callId, doneAt, { ok: true, value: null }, "cache miss", false);
        return out;
      }
      const found = store.match(name, request.url, request.headers, atMs);
      trace(found.outcome);
      replyAt(out, caller, op.callId, doneAt, { ok: true, value: found.response }, `cache ${found.outcome}`, false);
      return out;
    }
    case "put": {
      const put = store.put(name, request.url, request.headers, op.args[1] as WireResponse, atMs);
      if (put.outcome === "stored") trace("stored", { ttlMs: put.ttlMs });
      else trace("not_stored", { reason: put.reason });
      replyAt(out, caller, op.callId, doneAt, { ok: true, value: null }, `cache ${put.outcome}`, false);
      return out;
    }
    case "delete": {
      const deleted = !methodSkipped && store.delete(name, request.url);
      trace(deleted ? "deleted" : "not_found", methodSkipped ? { reason: `method ${request.method} (ignoreMethod not set)` } : {});
      replyAt(out, caller, op.callId, doneAt, { ok: true, value: deleted }, `cache ${deleted ? "deleted" : "not found"}`, false);
      return out;
    }
    default:
      replyAt(out, caller, op.callId, atMs, callError("TypeError", `Cache has no method ${op.method}`), "cache error", false);
      return out;
  }
}
