// The sessions a world process hosts: each a LiveEngine with real isolates (the process's
// sandbox) and real SQLite storage in its own directory (removed when the session closes or is
// rebuilt). Commands come from the pool one at a time; each answer carries what changed since
// the last one (new trace entries with their step ends, responses, pending events).
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { LiveResponse, PendingEventInfo, ScenarioSummary } from "../protocol/index.ts";
import { diffPending } from "../protocol/pending-change.ts";
import { protocolLimits, sessionBudgetsOf, type SessionBudgets } from "../protocol/limits.ts";
import type { IsolateFactory } from "../sim/isolate-port.ts";
import { popIdOf } from "../sim/net/topology.ts";
import type { Scenario } from "../sim/scenario-types.ts";
import { utf8Decode } from "../sim/world/wire.ts";
import { SqliteStorageProvider } from "../store/sqlite-object-storage.ts";
import type { SessionAction, SessionSpec } from "../sessions/actions.ts";
import { LiveEngine, type EngineDeps } from "../sessions/engine.ts";
import { runSlice, type SliceGoal } from "../sessions/slice.ts";
import type { BeaconWriter } from "./beacon.ts";
import { ipcLimits, type SessionActResult, type SessionDelta, type SessionOpenResult, type SessionRunResult, type PendingUpdate } from "./ipc-protocol.ts";
import { checkWorkersLoad } from "./run-scenario.ts";
import { markSql } from "./sql-beacon.ts";
import { HeapSampler } from "./heap-sampler.ts";

interface Hosted {
  engine: LiveEngine;
  sentTrace: number;
  sentSteps: number;
  /** The pending list as last reported, so the next report carries only its change. */
  sentPending: PendingEventInfo[] | null;
  sampler: HeapSampler;
  /** The session's instruments are on: heaps are read before each event (`heapSamples` of its last command). */
  heapSamples: boolean;
}

export class HostError extends Error {
  constructor(readonly code: string, message: string, readonly path?: string, readonly limit?: string) {
    super(message);
  }
}

export class SessionHost {
  private readonly sessions = new Map<string, Hosted>();
  private generation = 0;

  /** Response bytes one answer carries: ipcBatchBytesMax, or a quarter of a lower ipcMessageBytesMax. */
  private readonly batchBytesMax: number;

  constructor(private readonly isolates: IsolateFactory, private readonly root: string, private readonly beacon: BeaconWriter | null, messageBytesMax: number = ipcLimits.ipcMessageBytesMax, private readonly budgets: SessionBudgets = sessionBudgetsOf()) {
    this.batchBytesMax = Math.min(ipcLimits.ipcBatchBytesMax, Math.floor(messageBytesMax / 4));
  }

  get size(): number {
    return this.sessions.size;
  }

  open(sessionId: string, spec: SessionSpec, toStep: number | null, nowMs: number, traceFrom: number): SessionOpenResult {
    this.close(sessionId);
    const deps = this.engineDeps(sessionId);
    const built = LiveEngine.replay(spec, deps, toStep ?? Infinity, nowMs);
    this.beacon?.idle();
    if (!built.ok) throw new HostError(built.error.code === "invalid_scenario" ? "invalid_scenario" : "invalid_command", built.error.message, built.error.path);
    const loadError = spec.actions.length === 0 && traceFrom === 0 ? checkWorkersLoad(built.engine.scenario, this.isolates) : null;
    if (loadError !== null) {
      built.engine.dispose();
      throw new HostError("worker_load_failed", loadError);
    }
    const hosted = { engine: built.engine, sentTrace: Math.min(traceFrom, built.engine.world.trace.length), sentSteps: 0, sentPending: null, sampler: new HeapSampler(), heapSamples: false };
    hosted.sentSteps = stepOfOffset(built.engine.stepEnds, hosted.sentTrace);
    this.sessions.set(sessionId, hosted);
    return { delta: this.delta(hosted, true), scenario: summaryOf(built.engine.scenario, spec.seed) };
  }

  act(sessionId: string, action: SessionAction, heapSamples: boolean): SessionActResult {
    const hosted = this.get(sessionId);
    hosted.heapSamples = heapSamples;
    if (hosted.engine.actions.length >= protocolLimits.actionsPerSessionMax) throw new HostError("limit", `at most ${protocolLimits.actionsPerSessionMax} actions per session (actionsPerSessionMax)`);
    this.beacon?.mark({ sessionId, step: hosted.engine.step, eventId: -1 });
    const done = hosted.engine.apply(action);
    this.beacon?.idle();
    if (!done.ok) throw new HostError(done.error.code, done.error.message, done.error.path);
    this.checkMemory(sessionId, hosted);
    return { outcome: done.value, delta: this.delta(hosted, true) };
  }

  run(sessionId: string, goal: SliceGoal, withPending: boolean, heapSamples: boolean): SessionRunResult {
    const hosted = this.get(sessionId);
    hosted.heapSamples = heapSamples;
    this.beacon?.mark({ sessionId });
    const slice = runSlice(hosted.engine, goal, {
      eventsMax: ipcLimits.sliceEventsMax,
      msMax: ipcLimits.sliceMsMax,
      traceEntriesMax: this.budgets.traceEntriesPerSessionMax,
      clockMs: () => performance.now(),
    });
    this.beacon?.idle();
    this.checkMemory(sessionId, hosted);
    return { ...slice, delta: this.delta(hosted, withPending || slice.stopped !== "slice") };
  }

  /** A session over its memory budget is closed here, before it can take the process (and its neighbours) down. */
  private checkMemory(sessionId: string, hosted: Hosted): void {
    const bytes = hosted.sampler.heldBytes(hosted.engine);
    const mbMax = this.budgets.sessionMemoryMbMax;
    const max = mbMax * 1024 * 1024;
    if (bytes <= max) return;
    this.close(sessionId);
    const mb = Math.round(bytes / (1024 * 1024));
    throw new HostError("limit", `this session's isolates held ${mb} MB, more than ${mbMax} MB (sessionMemoryMbMax); its world was closed so the sessions beside it keep running: reset or load a scenario`, undefined, "sessionMemoryMbMax");
  }

  flush(sessionId: string, withPending: boolean): SessionDelta {
    return this.delta(this.get(sessionId), withPending);
  }

  close(sessionId: string): void {
    const hosted = this.sessions.get(sessionId);
    if (hosted) hosted.engine.dispose();
    this.sessions.delete(sessionId);
  }

  closeAll(): void {
    for (const id of [...this.sessions.keys()]) this.close(id);
  }

  private get(sessionId: string): Hosted {
    const hosted = this.sessions.get(sessionId);
    if (!hosted) throw new HostError("no_such_session", `session ${sessionId} is not open in this world process`);
    return hosted;
  }

  private engineDeps(sessionId: string): EngineDeps {
    const beacon = this.beacon;
    return {
      makeDeps: () => {
        const dir = join(this.root, sessionId, `g${++this.generation}`);
        rmSync(join(this.root, sessionId), { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        const storage = new SqliteStorageProvider({ dir });
        const objectStorage = beacon === null ? storage : markSql(storage, beacon);
        return {
          isolates: this.isolates,
          objectStorage,
          dispose: () => {
            storage.closeAll();
            rmSync(join(this.root, sessionId), { recursive: true, force: true });
          },
        };
      },
      checkCode: (scenario: Scenario, worker: string, code: string) =>
        checkWorkersLoad({ ...scenario, workers: scenario.workers.filter((w) => w.name === worker).map((w) => ({ ...w, code })), deployments: [] }, this.isolates),
      beforeEvent: (step, eventId) => {
        // Before each event is after the delivery before it: the heap is read there (sessions being
        // replayed are not hosted yet), while the session's instruments are on. Reading every
        // isolate's heap before every event was a tenth of a session played at full speed.
        const hosted = this.sessions.get(sessionId);
        if (hosted !== undefined && hosted.heapSamples) hosted.sampler.sample(hosted.engine);
        beacon?.note({ sessionId, step, eventId });
      },
    };
  }

  private delta(hosted: Hosted, withPending: boolean): SessionDelta {
    const { engine } = hosted;
    const trace = engine.world.trace;
    const offset = hosted.sentTrace;
    // Batched by count and by the bytes of the responses they carry (16 §3): the rest follows.
    let end = offset;
    let bodyBytes = 0;
    const responses: LiveResponse[] = [];
    const endMax = Math.min(trace.length, offset + ipcLimits.ipcTraceEntriesMax);
    while (end < endMax && (bodyBytes < this.batchBytesMax || end === offset)) {
      const e = trace[end++]!;
      if (e.kind !== "response") continue;
      const response = responseOf(engine, e.req, e.version);
      bodyBytes += response.body.length * 2;
      responses.push(response);
    }
    const entries = trace.slice(offset, end);
    hosted.sentTrace = end;
    const firstStep = hosted.sentSteps;
    const stepsTo = stepOfOffset(engine.stepEnds, end);
    const stepEnds = engine.stepEnds.slice(firstStep, stepsTo);
    hosted.sentSteps = stepsTo;
    const queue = engine.world.state.queue;
    if (hosted.heapSamples) hosted.sampler.sample(engine);
    const pending = withPending ? pendingUpdate(hosted, queue.size) : null;
    return { offset, entries, firstStep, stepEnds, step: engine.step, nowMs: engine.world.nowMs, traceLength: trace.length, atRest: atRest(engine), responses, pending, moreTrace: end < trace.length, heap: hosted.sampler.take() };
  }
}

function pendingUpdate(hosted: Hosted, total: number): PendingUpdate {
  const shown = hosted.engine.world.pending(protocolLimits.pendingEventsShownMax);
  const before = hosted.sentPending;
  hosted.sentPending = shown;
  return before === null ? { events: shown, total } : { change: diffPending(before, shown), total };
}

/** Nothing left but housekeeping (health checks, idle timers): the world waits for the learner. */
function atRest(engine: LiveEngine): boolean {
  const queue = engine.world.state.queue;
  if (queue.size > 64) return false;
  return queue.list().every((s) => s.event.kind === "health_check" || s.event.kind === "isolate_idle" || s.event.kind === "object_idle");
}

/** Steps whose end is within the first `offset` entries (stepEnds is non-decreasing). */
function stepOfOffset(stepEnds: readonly number[], offset: number): number {
  let lo = 0;
  let hi = stepEnds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (stepEnds[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function responseOf(engine: LiveEngine, req: string, version: string | null): LiveResponse {
  const client = engine.world.state.slices.requests.clients.get(req)!;
  const r = client.response!;
  return {
    req,
    from: client.from,
    method: client.request.method,
    url: client.request.url,
    status: r.response.status,
    headers: Object.fromEntries(r.response.headers),
    body: utf8Decode(r.response.body),
    servedBy: r.servedBy,
    version,
    startedAtMs: client.startedAtMs,
    finishedAtMs: r.finishedAtMs,
    traffic: client.trafficIndex,
  };
}

export function summaryOf(scenario: Scenario, seed: number): ScenarioSummary {
  return {
    name: scenario.name,
    seed,
    regions: [...scenario.world.regions],
    pops: scenario.world.regions.map(popIdOf),
    workers: scenario.workers.map((w) => ({ name: w.name, version: w.version, routes: [...w.routes], bindings: Object.fromEntries(Object.entries(w.bindings).map(([k, b]) => [k, b.type === "durable_object" ? `durable_object:${b.className}` : b.type])) })),
    routes: scenario.workers.flatMap((w) => w.routes),
  };
}
