// Live operations on a running world, for sessions steered from the browser: a request sent now
// from a region, a deploy now (at once or as a staged rollout), a fault injected now and healed
// later, an object hibernated now, and an event failed without running it (the event that took
// the world process down, so a replay does not run it again). Each joins the world at the
// current virtual time and is recorded in the trace like everything else; replaying the same
// operations at the same step indices gives the same trace.

import { modulesOf } from "../worker-modules.ts";
import { err, ok, type Result, type SimError } from "../core/result.ts";
import { objectIdFromName } from "../durable-objects/placement.ts";
import { popIdOf } from "../net/topology.ts";
import type { FaultSpec } from "../scenario-types.ts";
import { applyEffects, dispatch } from "./dispatch.ts";
import { Effects } from "./effects.ts";
import type { IsolateRecord } from "./isolates-state.ts";
import { setState } from "./object-lifecycle.ts";
import { answerCaller } from "./objects.ts";
import { namespaceOf, scheduleTakes } from "./objects-state.ts";
import { makeRequest, textResponse } from "./wire.ts";
import type { World } from "./world.ts";

export interface LiveRequest {
  from: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
}

export interface LiveDeploy {
  worker?: string | undefined;
  version?: string | undefined;
  code: string;
  rollout?: { stepMs: number; pops?: string[] | undefined } | undefined;
}

/** Injected faults get indices above the scenario's, so their partitions never collide. */
const liveFaultIndexBase = 1_000_000;

/** Sends a request now; its id continues after the scenario's traffic (r1..rN, then rN+1...). */
export function sendLiveRequest(world: World, spec: LiveRequest): Result<string, SimError> {
  const w = world.state;
  if (!w.options.regions.includes(spec.from)) return err({ code: "invalid_command", path: "request.from", message: `request.from: unknown region "${spec.from}" (world has ${w.options.regions.join(", ")})` });
  const req = `r${w.ctx.scenario.traffic.length + w.ctx.ids.number("live-request")}`;
  const headers = Object.entries(spec.headers).map(([k, v]): [string, string] => [k.toLowerCase(), v]);
  w.slices.requests.clients.set(req, { id: req, trafficIndex: null, from: spec.from, request: makeRequest(spec.method, spec.url, headers, spec.body), startedAtMs: w.nowMs, pop: null, response: null, retry: null, attempt: 1 });
  w.queue.push(w.nowMs, { kind: "client_send", req });
  return ok(req);
}

/** Deploys a new version now: every PoP at once, or one more PoP every `rollout.stepMs`. */
export function deployNow(world: World, spec: LiveDeploy): Result<{ worker: string; version: string }, SimError> {
  const w = world.state;
  const scenario = w.ctx.scenario;
  const scripts = w.slices.isolates.scripts;
  const worker = spec.worker ?? scenario.workers[0]!.name;
  const base = scenario.workers.find((x) => x.name === worker);
  if (!base) return err({ code: "invalid_command", path: "deploy.worker", message: `deploy.worker: unknown worker "${worker}"` });
  const version = spec.version ?? `v${scenario.deployments.filter((d) => d.worker === worker).length + 2}`;
  if (scripts.has(`${worker}@${version}`)) return err({ code: "invalid_command", path: "deploy.version", message: `deploy.version: ${worker}@${version} is already deployed; choose another version` });
  const pops: string[] = [];
  for (const [i, name] of (spec.rollout?.pops ?? w.options.regions).entries()) {
    const region = w.options.regions.find((r) => r === name || popIdOf(r) === name);
    if (!region) return err({ code: "invalid_command", path: `deploy.rollout.pops[${i}]`, message: `deploy.rollout.pops[${i}]: unknown PoP "${name}"` });
    pops.push(popIdOf(region));
  }
  // The world's deployments are indexed by position; a session's world owns its scenario copy.
  const index = scenario.deployments.length;
  scenario.deployments.push({ atMs: w.nowMs, worker, version, code: spec.code, rollout: { stepMs: spec.rollout?.stepMs ?? 0, pops } });
  scripts.set(`${worker}@${version}`, { name: worker, version, code: spec.code, bindings: base.bindings, ...modulesOf(base) });
  w.queue.push(w.nowMs, { kind: "deploy", deployment: index, step: 0 });
  return ok({ worker, version });
}

/** Applies a fault now; `n` numbers the session's injected faults (its id is `f<n>`). */
export function injectFault(world: World, fault: FaultSpec, n: number): void {
  dispatch(world.state, { kind: "fault", fault: { ...fault, atMs: world.state.nowMs }, index: liveFaultIndexBase + n });
}

export function healFault(world: World, fault: FaultSpec, n: number): void {
  dispatch(world.state, { kind: "fault_end", fault, index: liveFaultIndexBase + n });
}

/** Hibernates an idle, active object now (its memory is kept, as after `objectHibernateMs`). */
export function hibernateObject(world: World, worker: string, className: string, name: string): Result<void, SimError> {
  const w = world.state;
  const object = w.slices.objects.byId.get(objectIdFromName(namespaceOf(worker, className), name));
  if (!object || object.state !== "active") return err({ code: "invalid_command", path: "fault.name", message: `fault.name: object ${className}:${name} is not active` });
  if (object.current !== null || object.queue.length > 0) return err({ code: "invalid_command", path: "fault.name", message: `fault.name: object ${className}:${name} is busy; hibernation waits for it to be idle` });
  const out = new Effects();
  setState(w.ctx, out, object, "hibernated", "command");
  applyEffects(w, out);
  return ok(undefined);
}

/**
 * Takes event `eventId` out of the queue as this step without running it, and answers 503
 * naming `limit` to every request that would have run in it. Used when running the event took
 * the world process down (a statement that never ends, code V8 could not stop).
 */
export function failEvent(world: World, eventId: number, limit: string, message: string): Result<void, SimError> {
  const w = world.state;
  const scheduled = w.queue.list().find((s) => s.seq === eventId);
  if (!scheduled) return err({ code: "no_such_event", message: `event ${eventId} is not pending` });
  w.queue.take(eventId);
  w.ctx.nowMs = Math.max(w.nowMs, scheduled.timeMs);
  w.stepsRun++;
  const event = scheduled.event;
  const body = `${message} (${limit})`;
  const isolate = isolateOf(world, event);
  const req = "req" in event ? event.req : null;
  const out = new Effects();
  out.trace({ kind: "limit", t: w.nowMs, isolate: isolate?.key ?? "", req, limit, message });
  if (event.kind === "object_take" || event.kind === "object_arrive") failObjectRequest(world, out, event.object, event.doReq, body);
  if (isolate) {
    for (const [, flight] of isolate.inFlight) out.now({ kind: "respond", responder: flight.responder, response: textResponse(503, body), pop: isolate.pop, version: isolate.version, atMs: w.nowMs });
    isolate.inFlight.clear();
    out.now({ kind: "isolate_end", isolate: isolate.key, end: { type: "crashed", message: body }, atMs: w.nowMs });
  }
  applyEffects(w, out);
  if (!isolate && (event.kind === "pop_arrive" || event.kind === "client_send")) {
    dispatch(w, { kind: "client_receive", req: event.req, response: textResponse(503, body), servedBy: null, version: null });
  }
  return ok(undefined);
}

/** The object request that was to run is answered 503; the object's queue moves on. */
function failObjectRequest(world: World, out: Effects, objectId: string, doReq: string, body: string): void {
  const w = world.state;
  const object = w.slices.objects.byId.get(objectId);
  const request = object?.requests.get(doReq);
  if (!object || !request) return;
  const index = object.queue.findIndex((r) => r.id === doReq);
  if (index >= 0) object.queue.splice(index, 1);
  for (const take of object.takes) out.cancel(take);
  object.takes = [];
  answerCaller(w.ctx, out, object, request, textResponse(503, body), w.nowMs);
  if (object.current?.id === doReq) object.current = null;
  if (object.current === null && object.queue.length > 0) scheduleTakes(out, object, w.nowMs);
}

function isolateOf(world: World, event: ReturnType<World["state"]["queue"]["list"]>[number]["event"]): IsolateRecord | undefined {
  const w = world.state;
  switch (event.kind) {
    case "isolate_reply":
    case "timer_fire":
    case "isolate_idle":
      return w.slices.isolates.isolates.get(event.isolate);
    case "object_arrive":
    case "object_take":
    case "object_alarm":
    case "object_idle": {
      const key = w.slices.objects.byId.get(event.object)?.isolate;
      return key === null || key === undefined ? undefined : w.slices.isolates.isolates.get(key);
    }
    default:
      return undefined;
  }
}
