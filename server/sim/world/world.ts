// The world: built from a scenario, a seed and the ports (isolates, object storage); advanced
// only by `step()`, `stepChoose()` and `runUntil()`. Everything it does is in its trace.

import { limits } from "../core/limits.ts";
import { deriveStream } from "../core/prng.ts";
import { err, ok, type Result, type SimError } from "../core/result.ts";
import { traceHash, type TraceEntry } from "../core/trace.ts";
import { Network } from "../net/network.ts";
import { Topology } from "../net/topology.ts";
import { Router } from "../router/router.ts";
import { runBound } from "../run-bounds.ts";
import type { FaultSpec, Scenario } from "../scenario-types.ts";
import { modulesOf } from "../worker-modules.ts";
import { dispatch, stopRun } from "./dispatch.ts";
import { isReorderable, labelOf, type SimEventKind } from "./events.ts";
import { TreeHolds, type IsolatesSlice } from "./isolates-state.ts";
import { CacheWorld } from "./cache.ts";
import { KvWorld } from "./kv.ts";
import { ObjectsWorld } from "./objects-state.ts";
import type { RequestsSlice } from "./requests.ts";
import { buildResult, type RunResult } from "./result.ts";
import { WorldCtx, WorldState, type WorldDeps } from "./state.ts";
import { syncHandlerFor } from "./sync-calls.ts";
import { makeRequest } from "./wire.ts";

export type { RunResult } from "./result.ts";
export type { WorldDeps } from "./state.ts";

export interface PendingEvent {
  id: number;
  timeMs: number;
  kind: SimEventKind;
  label: string;
  reorderable: boolean;
}

/** A fault applied now, by a command during a run (the scenario's `atMs` is ignored). */
export type FaultCommand = FaultSpec;

export class World {
  readonly state: WorldState;
  private commands = 0;
  /** Each pending event's description, made once: a live session reads the list after every step. */
  private readonly described = new WeakMap<object, PendingEvent>();

  constructor(readonly scenario: Scenario, deps: WorldDeps, seed: number = scenario.seed) {
    this.state = buildState(scenario, deps, seed);
  }

  get trace(): readonly TraceEntry[] {
    return this.state.trace;
  }

  get nowMs(): number {
    return this.state.ctx.nowMs;
  }

  get stepsRun(): number {
    return this.state.stepsRun;
  }

  /** The live events in run order; with `limit`, only the first ones are labelled and returned. */
  pending(limit = Infinity): PendingEvent[] {
    return this.state.queue.list(limit).map((s) => {
      let described = this.described.get(s);
      if (described === undefined) {
        described = { id: s.seq, timeMs: s.timeMs, kind: s.event.kind, label: labelOf(s.event), reorderable: isReorderable(s.event) };
        this.described.set(s, described);
      }
      return described;
    });
  }

  /** Runs the next event; false when nothing is left (or the run's time is up). */
  step(): boolean {
    const w = this.state;
    const head = w.queue.peek();
    if (!head || w.stoppedBy !== null) return false;
    if (head.timeMs > w.options.runTimeMsMax) {
      stopAtRunTime(w);
      return false;
    }
    const eventsMax = runBound(w.options, "eventsPerRunMax");
    if (w.stepsRun >= eventsMax) {
      stopRun(w, "eventsPerRunMax", `the run reached eventsPerRunMax (${eventsMax} events); the run ends here`);
      return false;
    }
    w.queue.pop();
    w.ctx.nowMs = head.timeMs;
    w.stepsRun++;
    dispatch(w, head.event);
    return true;
  }

  /** Runs a reorderable pending event now, at the head's time, ahead of the events before it. */
  stepChoose(eventId: number): Result<void> {
    const w = this.state;
    const head = w.queue.peek();
    const chosen = w.queue.list().find((s) => s.seq === eventId);
    if (!head || !chosen || w.stoppedBy !== null) return err({ code: "no_such_event", message: `event ${eventId} is not pending` });
    if (chosen.seq !== head.seq && !isReorderable(chosen.event)) {
      return err({ code: "not_reorderable", message: `${labelOf(chosen.event)} happens at its time; only messages in flight and queued object requests can be reordered` });
    }
    w.queue.take(eventId);
    w.ctx.nowMs = head.timeMs;
    w.stepsRun++;
    dispatch(w, chosen.event);
    return ok(undefined);
  }

  /**
   * Runs events due at or before `timeMs`, at most `eventsMax`, then moves the clock to
   * `timeMs` if every event due by then has run; returns how many ran.
   */
  runUntil(timeMs: number, eventsMax: number = limits.eventsPerRunMax): number {
    const ran = this.drain(timeMs, eventsMax);
    this.advanceTo(timeMs);
    return ran;
  }

  private drain(timeMs: number, eventsMax: number): number {
    let ran = 0;
    while (ran < eventsMax) {
      const head = this.state.queue.peek();
      if (!head || head.timeMs > timeMs || !this.step()) break;
      ran++;
    }
    return ran;
  }

  /** Moves the clock forward to `timeMs` (or the run's end) without passing a pending event. */
  advanceTo(timeMs: number): void {
    const head = this.state.queue.peek();
    const limitMs = Math.min(timeMs, head ? head.timeMs : Infinity, this.state.options.runTimeMsMax);
    if (Number.isInteger(limitMs) && limitMs > this.state.ctx.nowMs) this.state.ctx.nowMs = limitMs;
  }

  /** Runs to rest (or to `runTimeMsMax` / `eventsPerRunMax`). */
  run(): RunResult {
    // No clock advance at the end: the result's end time is the last event's.
    // No count here: step() itself ends the run at eventsPerRunMax, saying so in the trace.
    this.drain(this.state.options.runTimeMsMax, Infinity);
    const head = this.state.queue.peek();
    if (head && head.timeMs > this.state.options.runTimeMsMax) stopAtRunTime(this.state);
    return this.result();
  }

  command(fault: FaultCommand): Result<void, SimError> {
    const index = this.scenario.faults.length + this.commands++;
    dispatch(this.state, { kind: "fault", fault: { ...fault, atMs: this.state.ctx.nowMs }, index });
    return ok(undefined);
  }

  result(): RunResult {
    return buildResult(this.state, this.state.queue.size === 0);
  }

  /** Disposes every isolate of the world (before it is dropped, e.g. by a rewind). */
  dispose(): void {
    const isolates = this.state.slices.isolates.isolates;
    for (const isolate of isolates.values()) if (isolate.handle.alive) isolate.handle.dispose();
    isolates.clear();
  }

  traceHash(): string {
    return traceHash(this.state.trace);
  }
}

/** Work is still pending past the run's virtual time bound: the run ends there, saying so. */
function stopAtRunTime(w: WorldState): void {
  const limitMs = w.options.runTimeMsMax;
  stopRun(w, "runTimeMsMax", `the run reached runTimeMsMax (${limitMs} ms of virtual time) with work still pending; the run ends here`);
}

function buildState(scenario: Scenario, deps: WorldDeps, seed: number): WorldState {
  const options = scenario.world;
  const topology = new Topology(options.regions, options.latency);
  const network = new Network(topology, deriveStream(seed, "net"), options.jitterPercent);
  const router = new Router(scenario.workers, options.routeCacheEntries, options.routeCacheTtlMs);
  const ctx = new WorldCtx(scenario, seed, deps, network, router, { objects: deriveStream(seed, "objects") });
  const objects = new ObjectsWorld(options.regions);
  const syncTrace: TraceEntry[] = [];
  const isolates: IsolatesSlice = {
    isolates: new Map(), currentIsolate: new Map(), scripts: new Map(), syncTrace,
    syncFor: (worker, key) => syncHandlerFor(objects, ctx, syncTrace, worker, key),
    trees: new TreeHolds(),
  };
  const requests: RequestsSlice = { clients: new Map() };
  const versions = new Map<string, Map<string, string>>();
  const advertised = new Set(topology.pops.map((p) => p.id));
  const w = new WorldState(ctx, { requests, isolates, objects, kv: new KvWorld(topology, options.kvReplicationLagMs, options.kvWriteRateLimit), versions, advertised, subrequests: { perTree: new Map(), cpuMsPerTree: new Map(), refused: new Map() }, cache: new CacheWorld() });
  w.trace.push({ kind: "start", t: 0, seed, options: { name: scenario.name, world: { ...options }, workers: scenario.workers.map((x) => `${x.name}@${x.version}`) } });
  for (const worker of scenario.workers) {
    isolates.scripts.set(`${worker.name}@${worker.version}`, { name: worker.name, version: worker.version, code: worker.code, bindings: worker.bindings, ...modulesOf(worker) });
    versions.set(worker.name, new Map(topology.pops.map((p) => [p.id, worker.version])));
  }
  scenario.deployments.forEach((d, i) => {
    const base = scenario.workers.find((x) => x.name === d.worker)!;
    // A deployment replaces the main module; the worker's other modules stay.
    isolates.scripts.set(`${d.worker}@${d.version}`, { name: d.worker, version: d.version, code: d.code, bindings: base.bindings, ...modulesOf(base) });
    w.queue.push(d.atMs, { kind: "deploy", deployment: i, step: 0 });
  });
  scenario.traffic.forEach((t, i) => {
    const req = `r${i + 1}`;
    requests.clients.set(req, { id: req, trafficIndex: i, from: t.from, request: makeRequest(t.method, t.url, t.headers, t.body), startedAtMs: t.atMs, pop: null, response: null, retry: t.retry, attempt: 1 });
    w.queue.push(t.atMs, { kind: "client_send", req });
  });
  scenario.faults.forEach((fault, index) => w.queue.push(fault.atMs, { kind: "fault", fault, index }));
  w.queue.push(options.healthCheckIntervalMs, { kind: "health_check" });
  return w;
}
