// Isolates in the world: one warm isolate per (worker version, PoP), loaded on first use (a cold
// start), reused after (warm), evicted when idle, replaced after a limit ends it. Virtual time is
// charged by a deterministic model; the measured phases ride along in the trace's `measured`
// field, outside the hash, and are charged only with `chargeMeasuredCosts`.

import { deriveSeed } from "../core/prng.ts";
import { err, ok, type Result } from "../core/result.ts";
import type { CallResult, DeliveryEvent, IsolateEnd, LoadError } from "../isolate-port.ts";
import { processOps } from "./ops.ts";
import { loseObjectsOf } from "./objects.ts";
import { respond } from "./requests.ts";
import type { IsolateRecord, WorldState } from "./state.ts";
import { syncHandlerFor } from "./sync-calls.ts";
import { textResponse } from "./wire.ts";

/** The deterministic cold-start model: create + load (per 10 KB of code) + bindings + init. */
export function coldStartModelMs(codeBytes: number, bindings: number): number {
  return 3 + 1 + Math.ceil(codeBytes / 10_000) + Math.ceil(bindings / 4) + 2;
}

export function isolateFamily(worker: string, version: string, pop: string): string {
  return `${worker}@${version}/${pop}`;
}

export function ensureIsolate(w: WorldState, worker: string, version: string, pop: string): Result<{ isolate: IsolateRecord; coldMs: number }, LoadError> {
  const family = isolateFamily(worker, version, pop);
  const current = w.currentIsolate.get(family);
  const existing = current === undefined ? undefined : w.isolates.get(current);
  if (existing && existing.handle.alive) return ok({ isolate: existing, coldMs: 0 });
  const script = w.scripts.get(`${worker}@${version}`)!;
  const key = `${family}#${w.nextNumber(`isolate:${family}`)}`;
  const loaded = w.deps.isolates.load(script, { seed: deriveSeed(w.seed, key), nowMs: w.nowMs, sync: syncHandlerFor(w, worker, key) });
  if (!loaded.ok) {
    const { code, message, line } = loaded.error;
    w.record({ kind: "isolate_load_failed", t: w.nowMs, isolate: key, pop, code, message, line });
    return err(loaded.error);
  }
  const phases = loaded.coldStart.phases;
  const measuredMs = phases.createIsolateMs + phases.loadCodeMs + phases.bindingsMs + phases.moduleInitMs;
  const modelMs = coldStartModelMs(script.code.length, Object.keys(script.bindings).length);
  const coldMs = modelMs + (w.options.chargeMeasuredCosts ? Math.round(measuredMs) : 0);
  const isolate: IsolateRecord = {
    key, worker, version, pop, region: w.regionOfPop(pop), handle: loaded.isolate,
    inFlight: new Map(), timers: new Map(), idleCheck: null, lastActiveMs: w.nowMs,
  };
  w.isolates.set(key, isolate);
  w.currentIsolate.set(family, key);
  w.record({
    kind: "isolate_start", t: w.nowMs, isolate: key, pop, worker, version, modelMs: coldMs,
    measured: { ...phases, fromPool: loaded.coldStart.fromPool, codeCache: loaded.coldStart.codeCache },
  });
  processOps(w, isolate, loaded.logs, w.nowMs);
  return ok({ isolate, coldMs });
}

/**
 * Delivers one event and schedules what the code did. `delayMs` is virtual time spent before
 * the code's effects leave the isolate (a cold start); measured CPU is added only on request.
 */
export function deliverTo(w: WorldState, isolate: IsolateRecord, event: DeliveryEvent, req: string | null, delayMs: number): void {
  if (!isolate.handle.alive) return;
  const result = isolate.handle.deliver(event, w.nowMs);
  const cpuMs = w.options.chargeMeasuredCosts ? Math.round(result.measured.cpuMs) : 0;
  w.record({ kind: "deliver", t: w.nowMs, isolate: isolate.key, event: event.kind, req, ops: result.ops.length, measured: result.measured });
  isolate.lastActiveMs = w.nowMs;
  const atMs = w.nowMs + delayMs + cpuMs;
  processOps(w, isolate, result.ops, atMs);
  if (result.end) endIsolate(w, isolate, result.end, atMs);
  else scheduleIdleCheck(w, isolate);
}

/** A limit or crash ended the isolate: every request in it gets 503, its objects lose memory. */
export function endIsolate(w: WorldState, isolate: IsolateRecord, end: IsolateEnd, atMs: number): void {
  const requests = [...isolate.inFlight.keys()];
  w.record({ kind: "isolate_end", t: w.nowMs, isolate: isolate.key, pop: isolate.pop, reason: end.type, requests });
  retire(w, isolate);
  for (const [req, responder] of isolate.inFlight) {
    respond(w, responder, textResponse(503, `isolate ended: ${end.type} (request ${req})`), isolate.pop, isolate.version, atMs);
  }
  isolate.inFlight.clear();
  loseObjectsOf(w, isolate.key, atMs);
}

function retire(w: WorldState, isolate: IsolateRecord): void {
  for (const timer of isolate.timers.values()) w.queue.cancel(timer);
  isolate.timers.clear();
  if (isolate.idleCheck) w.queue.cancel(isolate.idleCheck);
  isolate.idleCheck = null;
  if (isolate.handle.alive) isolate.handle.dispose();
  w.isolates.delete(isolate.key);
  const family = isolateFamily(isolate.worker, isolate.version, isolate.pop);
  if (w.currentIsolate.get(family) === isolate.key) w.currentIsolate.delete(family);
}

function scheduleIdleCheck(w: WorldState, isolate: IsolateRecord): void {
  if (isolate.idleCheck) w.queue.cancel(isolate.idleCheck);
  isolate.idleCheck = w.schedule(w.nowMs + w.options.isolateIdleEvictMs, { kind: "isolate_idle", isolate: isolate.key });
}

/** Evicts an isolate that did nothing for `isolateIdleEvictMs`, unless it still has work or hosts objects. */
export function isolateIdle(w: WorldState, key: string): void {
  const isolate = w.isolates.get(key);
  if (!isolate) return;
  isolate.idleCheck = null;
  const busy = isolate.inFlight.size > 0 || isolate.timers.size > 0 || w.objects.hostedIn(key);
  if (busy) {
    scheduleIdleCheck(w, isolate);
    return;
  }
  w.record({ kind: "isolate_evict", t: w.nowMs, isolate: key, pop: isolate.pop });
  retire(w, isolate);
}

export function timerFire(w: WorldState, key: string, timerId: number): void {
  const isolate = w.isolates.get(key);
  if (!isolate || !isolate.timers.delete(timerId)) return;
  w.record({ kind: "timer", t: w.nowMs, isolate: key, timerId, action: "fire" });
  deliverTo(w, isolate, { kind: "timer", timerId }, null, 0);
}

/** An answer to an isolate's call; dropped if that isolate has ended meanwhile. */
export function isolateReply(w: WorldState, key: string, callId: number, result: CallResult): void {
  const isolate = w.isolates.get(key);
  if (!isolate) return;
  deliverTo(w, isolate, { kind: "reply", callId, result }, null, 0);
}
