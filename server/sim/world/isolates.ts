// Isolates in the world: one warm isolate per (worker version, PoP), loaded on first use (a cold
// start), reused after (warm), evicted when idle, replaced after a limit ends it. Virtual time is
// charged by a deterministic model; the measured phases ride along in the trace's `measured`
// field, outside the hash, and are charged only with `chargeMeasuredCosts`.

import { deriveSeed } from "../core/prng.ts";
import type { CallResult, DeliveryEvent, IsolateEnd, IsolateOp } from "../isolate-port.ts";
import { runBound } from "../run-bounds.ts";
import { regionOfPop, type Ctx } from "./context.ts";
import { Effects } from "./effects.ts";
import type { InstantEvent, Lineage, Responder } from "./events.ts";
import { countPending, joinTree, leaveAllTrees, leaveTreesIfDone, type IsolateRecord, type IsolatesSlice } from "./isolates-state.ts";
import { processOps } from "./ops.ts";
import { textResponse } from "./wire.ts";

type Instant<K extends InstantEvent["kind"]> = Extract<InstantEvent, { kind: K }>;

/** The deterministic cold-start model: create + load (per 10 KB of code) + bindings + init. */
export function coldStartModelMs(codeBytes: number, bindings: number): number {
  return 3 + 1 + Math.ceil(codeBytes / 10_000) + Math.ceil(bindings / 4) + 2;
}

export function isolateFamily(worker: string, version: string, pop: string): string {
  return `${worker}@${version}/${pop}`;
}

/** A request for a worker at a PoP: into its warm isolate, or a cold start first. */
export function isolateFetch(s: IsolatesSlice, ctx: Ctx, e: Instant<"isolate_fetch">): Effects {
  const out = new Effects();
  if (refusedTree(ctx, out, e.lineage, e.responder, e.pop, e.version, e.atMs)) return out;
  const loaded = ensureIsolate(s, ctx, out, e.worker, e.version, e.pop);
  if (!loaded.ok) {
    out.now({ kind: "respond", responder: e.responder, response: textResponse(500, `worker failed to load: ${loaded.message}`), pop: e.pop, version: e.version, atMs: e.atMs });
    return out;
  }
  loaded.isolate.inFlight.set(e.req, e.rpc === undefined ? { responder: e.responder, lineage: e.lineage, request: e.request } : { responder: e.responder, lineage: e.lineage });
  joinTree(s.trees, loaded.isolate, e.req, e.lineage);
  // request.cf: the PoP (colo) that took the request and its region, as the world knows them, and
  // for an https request the TLS version its client spoke (the world's clients are modern: TLS 1.3,
  // the version workerd's cf names too), which programs check before serving (block-on-tls).
  const tls = e.request?.url.startsWith("https:") ? { tlsVersion: "TLSv1.3" } : {};
  const cf = { colo: e.pop, region: loaded.isolate.region, ...tls };
  const entrypoint = e.entrypoint ?? null;
  const delivery: DeliveryEvent = e.rpc !== undefined ? { kind: "rpc", requestId: e.req, entrypoint, call: e.rpc }
    : entrypoint !== null ? { kind: "fetch", requestId: e.req, request: e.request, cf, entrypoint } : { kind: "fetch", requestId: e.req, request: e.request, cf };
  deliver(s, ctx, out, loaded.isolate, delivery, e.req, e.lineage.root, e.atMs - ctx.nowMs + loaded.coldMs);
  return out;
}

/** An object's request (or eviction) for the isolate that hosts it. */
export function isolateDeliver(s: IsolatesSlice, ctx: Ctx, e: Instant<"isolate_deliver">): Effects {
  const out = new Effects();
  const isolate = s.isolates.get(e.isolate);
  if (!isolate) return out;
  if (e.responder !== null && refusedTree(ctx, out, e.lineage, e.responder, isolate.pop, isolate.version, ctx.nowMs)) return out;
  if (e.responder !== null && e.req !== null) {
    isolate.inFlight.set(e.req, { responder: e.responder, lineage: e.lineage });
    joinTree(s.trees, isolate, e.req, e.lineage);
  }
  deliver(s, ctx, out, isolate, e.delivery, e.req, e.req === null ? null : e.lineage.root, 0);
  return out;
}

/**
 * A request of a tree refused whole (subrequests.ts) runs no code: it answers 503 with the
 * refusal at once, so a fan-out already on its way (queued Durable Object calls) costs nothing.
 */
function refusedTree(ctx: Ctx, out: Effects, lineage: Lineage, responder: Responder, pop: string, version: string | null, atMs: number): boolean {
  const refusal = ctx.reads.treeRefusal(lineage.root);
  if (refusal === null) return false;
  out.now({ kind: "respond", responder, response: textResponse(503, refusal), pop, version, atMs });
  return true;
}

/** Loads (or finds) the isolate that will host an object, and tells the objects concern which. */
export function objectHost(s: IsolatesSlice, ctx: Ctx, e: Instant<"object_host">): Effects {
  const out = new Effects();
  const loaded = ensureIsolate(s, ctx, out, e.worker, e.version, e.pop);
  out.now({ kind: "object_hosted", object: e.object, doReq: e.doReq, isolate: loaded.ok ? loaded.isolate.key : null });
  return out;
}

type Loaded = { ok: true; isolate: IsolateRecord; coldMs: number } | { ok: false; message: string };

function ensureIsolate(s: IsolatesSlice, ctx: Ctx, out: Effects, worker: string, version: string, pop: string): Loaded {
  const family = isolateFamily(worker, version, pop);
  const current = s.currentIsolate.get(family);
  const existing = current === undefined ? undefined : s.isolates.get(current);
  if (existing && existing.handle.alive) return { ok: true, isolate: existing, coldMs: 0 };
  const script = s.scripts.get(`${worker}@${version}`)!;
  const key = `${family}#${ctx.ids.number(`isolate:${family}`)}`;
  const loaded = ctx.deps.isolates.load(script, { seed: deriveSeed(ctx.seed, key), nowMs: ctx.nowMs, sync: s.syncFor(worker, key) });
  takeSyncTrace(s, out);
  if (!loaded.ok) {
    const { code, message, line } = loaded.error;
    out.trace({ kind: "isolate_load_failed", t: ctx.nowMs, isolate: key, pop, code, message, line });
    return { ok: false, message };
  }
  const phases = loaded.coldStart.phases;
  const measuredMs = phases.createIsolateMs + phases.loadCodeMs + phases.bindingsMs + phases.moduleInitMs;
  const modelMs = coldStartModelMs(script.code.length, Object.keys(script.bindings).length);
  const coldMs = modelMs + (ctx.options.chargeMeasuredCosts ? Math.round(measuredMs) : 0);
  const isolate: IsolateRecord = {
    key, worker, version, pop, region: regionOfPop(ctx, pop), handle: loaded.isolate,
    inFlight: new Map(), lineages: new Map(), done: new Set(), timers: new Map(), callsOut: new Map(), timerRequests: new Map(), pendingPerRequest: new Map(), idleCheck: null, lastActiveMs: ctx.nowMs,
  };
  s.isolates.set(key, isolate);
  s.currentIsolate.set(family, key);
  out.trace({
    kind: "isolate_start", t: ctx.nowMs, isolate: key, pop, worker, version, modelMs: coldMs,
    measured: { ...phases, fromPool: loaded.coldStart.fromPool, codeCache: loaded.coldStart.codeCache },
  });
  processOps(ctx, out, isolate, s.trees, loaded.logs, ctx.nowMs);
  return { ok: true, isolate, coldMs };
}

function takeSyncTrace(s: IsolatesSlice, out: Effects): void {
  if (s.syncTrace.length === 0) return;
  for (const entry of s.syncTrace) out.trace(entry);
  s.syncTrace.length = 0;
}

/**
 * Delivers one event and turns what the code did into effects. `delayMs` is virtual time spent
 * before the code's effects leave the isolate (a cold start); measured CPU is added only on
 * request. The delivery's measured CPU is charged to `root`'s tree (its budget is
 * treeCpuMsMax) before its operations go out. What follows the operations (the isolate's end, or
 * its idle check) runs after everything they caused, as `isolate_delivered`.
 */
function deliver(s: IsolatesSlice, ctx: Ctx, out: Effects, isolate: IsolateRecord, event: DeliveryEvent, req: string | null, root: string | null, delayMs: number): void {
  if (!isolate.handle.alive) return;
  // The code runs once the cold start is over, so that is the instant the worker's clock reads:
  // a timer it sets then fires exactly its delay after what that clock said.
  const result = isolate.handle.deliver(event, ctx.nowMs + delayMs);
  takeSyncTrace(s, out);
  const cpuMs = ctx.options.chargeMeasuredCosts ? Math.round(result.measured.cpuMs) : 0;
  out.trace({ kind: "deliver", t: ctx.nowMs, isolate: isolate.key, event: event.kind, req, ops: result.ops.length, measured: result.measured });
  isolate.lastActiveMs = ctx.nowMs;
  const atMs = ctx.nowMs + delayMs + cpuMs;
  if (root !== null && result.measured.cpuMs > 0) out.now({ kind: "tree_cpu", root, cpuMs: result.measured.cpuMs, isolate: isolate.key, req, atMs });
  const before = out.list.length;
  let ops = result.ops;
  const opsMax = runBound(ctx.options, "opsPerDeliveryMax");
  if (ops.length > opsMax) ops = withoutClearedTimers(ops);
  if (ops.length > opsMax) ops = refuseOps(ctx, out, isolate, ops, opsMax);
  processOps(ctx, out, isolate, s.trees, ops, atMs);
  leaveTreesIfDone(s.trees, out, isolate);
  const end = result.end;
  if (out.list.slice(before).some((x) => x.type === "now")) out.now({ kind: "isolate_delivered", isolate: isolate.key, end, atMs });
  else afterDelivery(s, ctx, out, isolate, end, atMs);
}

/**
 * A timer set and cleared in the same delivery never existed for the world: timer churn
 * (a timer cleared right after it is set, in a loop) is ordinary code, so live timers count, not
 * operations issued. Only used past the ops bound, so ordinary traces keep every timer entry.
 */
function withoutClearedTimers(ops: readonly IsolateOp[]): IsolateOp[] {
  const set = new Set<number>();
  const both = new Set<number>();
  for (const op of ops) {
    if (op.kind === "timer_set") set.add(op.timerId);
    else if (op.kind === "timer_clear" && set.has(op.timerId)) both.add(op.timerId);
  }
  return ops.filter((op) => !((op.kind === "timer_set" || op.kind === "timer_clear") && both.has(op.timerId)));
}

/**
 * More operations in one delivery than `opsPerDeliveryMax`: the requests they belong to are
 * refused with a 5xx naming the limit; the logs and the rest are dropped.
 */
function refuseOps(ctx: Ctx, out: Effects, isolate: IsolateRecord, ops: readonly IsolateOp[], opsMax: number): IsolateOp[] {
  const message = `more than opsPerDeliveryMax (${opsMax}) operations in one delivery (${ops.length})`;
  out.trace({ kind: "limit", t: ctx.nowMs, isolate: isolate.key, req: null, limit: "opsPerDeliveryMax", message });
  const refused: IsolateOp[] = [];
  for (const req of new Set(ops.flatMap((op) => ("requestId" in op && op.requestId !== null ? [op.requestId] : [])))) {
    refused.push({ kind: "response", requestId: req, response: textResponse(503, message) });
  }
  return refused;
}

export function isolateDelivered(s: IsolatesSlice, ctx: Ctx, e: Instant<"isolate_delivered">): Effects {
  const out = new Effects();
  const isolate = s.isolates.get(e.isolate);
  if (isolate) afterDelivery(s, ctx, out, isolate, e.end, e.atMs);
  return out;
}

function afterDelivery(s: IsolatesSlice, ctx: Ctx, out: Effects, isolate: IsolateRecord, end: IsolateEnd | null, atMs: number): void {
  if (end) {
    endIsolate(s, ctx, out, isolate, end, atMs);
    return;
  }
  scheduleIdleCheck(ctx, out, isolate);
  if (isolate.inFlight.size > 0) answerHung(ctx, out, isolate, atMs);
}

// workerd's own words (as Miniflare answers a hung request, less its stack trace).
export const hungMessage = "The Workers runtime canceled this request because it detected that your Worker's code had hung and would never generate a response. Refer to: https://developers.cloudflare.com/workers/observability/errors/";

/**
 * Nothing is pending for a request in flight (no timer it set, no call it made in flight), yet
 * it has not answered: its promise can never settle. As workerd does, each gets a 500 saying so; an
 * object stuck this way (e.g. in blockConcurrencyWhile) is also evicted, so its input gate opens
 * with that error and the next request gets a fresh instance.
 */
function answerHung(ctx: Ctx, out: Effects, isolate: IsolateRecord, atMs: number): void {
  // No copy of the map: this runs after every delivery, over every request in flight (a busy
  // object holds hundreds), and deleting the entry being visited is safe in a Map's iteration.
  for (const [req, flight] of isolate.inFlight) {
    if (isolate.pendingPerRequest.has(req)) continue;
    isolate.inFlight.delete(req);
    out.trace({ kind: "request_hung", t: ctx.nowMs, isolate: isolate.key, req, reason: "its promise can never settle: no timer is set and no call is in flight" });
    out.now({ kind: "respond", responder: flight.responder, response: textResponse(500, `Error: ${hungMessage}`), pop: isolate.pop, version: isolate.version, atMs });
    if (flight.responder.type === "object") out.now({ kind: "object_evict", object: flight.responder.object, reason: "hung" });
  }
}

/** A limit or crash ended the isolate: every request in it gets 503, its objects lose memory. */
function endIsolate(s: IsolatesSlice, ctx: Ctx, out: Effects, isolate: IsolateRecord, end: IsolateEnd, atMs: number): void {
  const requests = [...isolate.inFlight.keys()];
  out.trace({ kind: "isolate_end", t: ctx.nowMs, isolate: isolate.key, pop: isolate.pop, reason: end.type, requests });
  retire(s, out, isolate);
  for (const [req, flight] of isolate.inFlight) {
    out.now({ kind: "respond", responder: flight.responder, response: textResponse(503, `isolate ended: ${end.type} (request ${req})`), pop: isolate.pop, version: isolate.version, atMs });
  }
  isolate.inFlight.clear();
  out.now({ kind: "objects_lost", isolate: isolate.key });
}

export function isolateEnd(s: IsolatesSlice, ctx: Ctx, e: Instant<"isolate_end">): Effects {
  const out = new Effects();
  const isolate = s.isolates.get(e.isolate);
  if (isolate) endIsolate(s, ctx, out, isolate, e.end, e.atMs);
  return out;
}

/** Every isolate at a PoP ends (its region went down). */
export function isolatesEndAt(s: IsolatesSlice, ctx: Ctx, e: Instant<"isolates_end_at">): Effects {
  const out = new Effects();
  for (const isolate of [...s.isolates.values()]) {
    if (isolate.pop === e.pop) endIsolate(s, ctx, out, isolate, { type: "crashed", message: e.message }, ctx.nowMs);
  }
  return out;
}

/** An object's request left this isolate (the object migrated): its answer no longer comes from here. */
export function isolateForget(s: IsolatesSlice, _ctx: Ctx, e: Instant<"isolate_forget">): Effects {
  s.isolates.get(e.isolate)?.inFlight.delete(e.req);
  return new Effects();
}

function retire(s: IsolatesSlice, out: Effects, isolate: IsolateRecord): void {
  leaveAllTrees(s.trees, out, isolate);
  for (const timer of isolate.timers.values()) out.cancel(timer);
  isolate.timers.clear();
  out.cancel(isolate.idleCheck);
  isolate.idleCheck = null;
  if (isolate.handle.alive) isolate.handle.dispose();
  s.isolates.delete(isolate.key);
  const family = isolateFamily(isolate.worker, isolate.version, isolate.pop);
  if (s.currentIsolate.get(family) === isolate.key) s.currentIsolate.delete(family);
}

function scheduleIdleCheck(ctx: Ctx, out: Effects, isolate: IsolateRecord): void {
  out.cancel(isolate.idleCheck);
  isolate.idleCheck = out.at(ctx.nowMs + ctx.options.isolateIdleEvictMs, { kind: "isolate_idle", isolate: isolate.key });
}

/** Evicts an isolate that did nothing for `isolateIdleEvictMs`, unless it still has work or hosts objects. */
export function isolateIdle(s: IsolatesSlice, ctx: Ctx, key: string): Effects {
  const out = new Effects();
  const isolate = s.isolates.get(key);
  if (!isolate) return out;
  isolate.idleCheck = null;
  const busy = isolate.inFlight.size > 0 || isolate.timers.size > 0 || ctx.reads.hostsObjects(key);
  if (busy) {
    scheduleIdleCheck(ctx, out, isolate);
    return out;
  }
  out.trace({ kind: "isolate_evict", t: ctx.nowMs, isolate: key, pop: isolate.pop });
  retire(s, out, isolate);
  return out;
}

export function timerFire(s: IsolatesSlice, ctx: Ctx, key: string, timerId: number): Effects {
  const out = new Effects();
  const isolate = s.isolates.get(key);
  if (!isolate || !isolate.timers.delete(timerId)) return out;
  const req = isolate.timerRequests.get(timerId);
  countPending(isolate, req, -1);
  isolate.timerRequests.delete(timerId);
  out.trace({ kind: "timer", t: ctx.nowMs, isolate: key, timerId, action: "fire" });
  const root = req === null || req === undefined ? null : isolate.lineages.get(req)?.root ?? null;
  deliver(s, ctx, out, isolate, { kind: "timer", timerId }, null, root, 0);
  return out;
}

/** An answer to an isolate's call; dropped if that isolate has ended meanwhile. */
export function isolateReply(s: IsolatesSlice, ctx: Ctx, e: { isolate: string; callId: number; result: CallResult }): Effects {
  const out = new Effects();
  const isolate = s.isolates.get(e.isolate);
  if (!isolate) return out;
  const call = isolate.callsOut.get(e.callId);
  isolate.callsOut.delete(e.callId);
  countPending(isolate, call?.req, -1);
  const root = call?.root ?? null;
  const refusal = root === null ? null : ctx.reads.treeRefusal(root);
  if (refusal !== null) {
    // The tree was refused as a whole (its client has its 5xx): its code here gets no more
    // answers, and its requests here answer 503 at once, so every object busy with the tree
    // opens its gate and every caller above is released the same way.
    for (const [req, flight] of [...isolate.inFlight]) {
      if (flight.lineage.root !== root) continue;
      isolate.inFlight.delete(req);
      out.now({ kind: "respond", responder: flight.responder, response: textResponse(503, refusal), pop: isolate.pop, version: isolate.version, atMs: ctx.nowMs });
    }
  } else {
    deliver(s, ctx, out, isolate, { kind: "reply", callId: e.callId, result: e.result }, null, root, 0);
  }
  // The call leaves its tree after what its answer caused here (the delivery may have made more).
  if (call !== undefined) s.trees.release(out, call.root);
  leaveTreesIfDone(s.trees, out, isolate);
  return out;
}
