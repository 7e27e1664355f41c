// Live operations on a running world, for sessions steered from the browser: a request sent now
// from a region, a deploy now (at once or as a staged rollout), a fault injected now and healed
// later, an object hibernated now, and an event failed without running it (the event that took
// the world process down, so a replay does not run it again). Each joins the world at the
// current virtual time and is recorded in the trace like everything else; replaying the same
// operations at the same step indices gives the same trace.

import { err, ok, type Result, type SimError } from "../core/result.ts";
import { objectIdFromName } from "../durable-objects/placement.ts";
import { popIdOf } from "../net/topology.ts";
import type { FaultSpec } from "../scenario-types.ts";
import { endIsolate } from "./isolates.ts";
import { setState } from "./object-lifecycle.ts";
import { namespaceOf } from "./objects-state.ts";
import { clientReceive, respond } from "./requests.ts";
import type { IsolateRecord } from "./state.ts";
import { faultEnd, faultStart } from "./faults.ts";
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
  const req = `r${w.scenario.traffic.length + w.nextNumber("live-request")}`;
  const headers = Object.entries(spec.headers).map(([k, v]): [string, string] => [k.toLowerCase(), v]);
  w.clients.set(req, { id: req, trafficIndex: null, from: spec.from, request: makeRequest(spec.method, spec.url, headers, spec.body), startedAtMs: w.nowMs, pop: null, response: null });
  w.schedule(w.nowMs, { kind: "client_send", req });
  return ok(req);
}

/** Deploys a new version now: every PoP at once, or one more PoP every `rollout.stepMs`. */
export function deployNow(world: World, spec: LiveDeploy): Result<{ worker: string; version: string }, SimError> {
  const w = world.state;
  const worker = spec.worker ?? w.scenario.workers[0]!.name;
  const base = w.scenario.workers.find((x) => x.name === worker);
  if (!base) return err({ code: "invalid_command", path: "deploy.worker", message: `deploy.worker: unknown worker "${worker}"` });
  const version = spec.version ?? `v${w.scenario.deployments.filter((d) => d.worker === worker).length + 2}`;
  if (w.scripts.has(`${worker}@${version}`)) return err({ code: "invalid_command", path: "deploy.version", message: `deploy.version: ${worker}@${version} is already deployed; choose another version` });
  const pops: string[] = [];
  for (const [i, name] of (spec.rollout?.pops ?? w.options.regions).entries()) {
    const region = w.options.regions.find((r) => r === name || popIdOf(r) === name);
    if (!region) return err({ code: "invalid_command", path: `deploy.rollout.pops[${i}]`, message: `deploy.rollout.pops[${i}]: unknown PoP "${name}"` });
    pops.push(popIdOf(region));
  }
  // The world's deployments are indexed by position; a session's world owns its scenario copy.
  const index = w.scenario.deployments.length;
  w.scenario.deployments.push({ atMs: w.nowMs, worker, version, code: spec.code, rollout: { stepMs: spec.rollout?.stepMs ?? 0, pops } });
  w.scripts.set(`${worker}@${version}`, { name: worker, version, code: spec.code, bindings: base.bindings });
  w.schedule(w.nowMs, { kind: "deploy", deployment: index, step: 0 });
  return ok({ worker, version });
}

/** Applies a fault now; `n` numbers the session's injected faults (its id is `f<n>`). */
export function injectFault(world: World, fault: FaultSpec, n: number): void {
  faultStart(world.state, { ...fault, atMs: world.state.nowMs }, liveFaultIndexBase + n);
}

export function healFault(world: World, fault: FaultSpec, n: number): void {
  faultEnd(world.state, fault, liveFaultIndexBase + n);
}

/** Hibernates an idle, active object now (its memory is kept, as after `objectHibernateMs`). */
export function hibernateObject(world: World, worker: string, className: string, name: string): Result<void, SimError> {
  const w = world.state;
  const object = w.objects.byId.get(objectIdFromName(namespaceOf(worker, className), name));
  if (!object || object.state !== "active") return err({ code: "invalid_command", path: "fault.name", message: `fault.name: object ${className}:${name} is not active` });
  if (object.current !== null || object.queue.length > 0) return err({ code: "invalid_command", path: "fault.name", message: `fault.name: object ${className}:${name} is busy; hibernation waits for it to be idle` });
  setState(w, object, "hibernated", "command");
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
  w.nowMs = Math.max(w.nowMs, scheduled.timeMs);
  w.stepsRun++;
  const event = scheduled.event;
  const body = `${message} (${limit})`;
  const isolate = isolateOf(world, event);
  const req = "req" in event ? event.req : null;
  w.record({ kind: "limit", t: w.nowMs, isolate: isolate?.key ?? "", req, limit, message });
  if (isolate) {
    for (const [, responder] of isolate.inFlight) respond(w, responder, textResponse(503, body), isolate.pop, isolate.version, w.nowMs);
    isolate.inFlight.clear();
    endIsolate(w, isolate, { type: "crashed", message: body }, w.nowMs);
  } else if (event.kind === "pop_arrive" || event.kind === "client_send") {
    clientReceive(w, event.req, textResponse(503, body), null, null);
  }
  return ok(undefined);
}

function isolateOf(world: World, event: ReturnType<World["state"]["queue"]["list"]>[number]["event"]): IsolateRecord | undefined {
  const w = world.state;
  switch (event.kind) {
    case "isolate_reply":
    case "timer_fire":
    case "isolate_idle":
      return w.isolates.get(event.isolate);
    case "object_arrive":
    case "object_take":
    case "object_alarm":
    case "object_idle": {
      const key = w.objects.byId.get(event.object)?.isolate;
      return key === null || key === undefined ? undefined : w.isolates.get(key);
    }
    default:
      return undefined;
  }
}
