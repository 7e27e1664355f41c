// The live world of one session, inside a world process: a World built from (scenario, seed),
// the recorded actions of the current branch, and the trace length after every step (so the
// gateway can map any trace entry to its step and cut the trace at a step for a new branch).
// `replay` rebuilds it from a SessionSpec up to a step: the same description gives the same
// trace. The engine does no I/O itself; isolates and storage come from `makeDeps`.
import { parseFaultCommand, parseScenario } from "../sim/scenario.ts";
import type { FaultSpec, Scenario } from "../sim/scenario-types.ts";
import { deployNow, failEvent, healFault, hibernateObject, injectFault, sendLiveRequest } from "../sim/world/live.ts";
import { World, type WorldDeps } from "../sim/world/world.ts";
import type { SimError } from "../sim/core/result.ts";
import { isStepAction, type RecordedAction, type SessionAction, type SessionSpec } from "./actions.ts";

export type ActionOutcome = { ok: true; value: { req?: string; worker?: string; version?: string; faultId?: string } } | { ok: false; error: SimError };

export interface EngineDeps {
  /** Fresh isolates and storage for a (re)built world; `dispose` releases them. */
  makeDeps(): WorldDeps & { dispose(): void };
  /** Checks that a worker version compiles and initialises; null, or the error to show. */
  checkCode?(scenario: Scenario, worker: string, code: string): string | null;
  /** Called before each event runs (the world process writes its beacon here). */
  beforeEvent?(step: number, eventId: number): void;
}

export class LiveEngine {
  world: World;
  actions: RecordedAction[] = [];
  /** stepEnds[s] = trace length after step s (stepEnds[0]: after the world was built). */
  stepEnds: number[];
  private deps: WorldDeps & { dispose(): void };
  private readonly faults = new Map<string, { fault: FaultSpec; n: number; healed: boolean }>();

  private constructor(readonly scenario: Scenario, readonly seed: number, private readonly engineDeps: EngineDeps) {
    this.deps = engineDeps.makeDeps();
    this.world = new World(structuredClone(scenario), this.deps, seed);
    this.stepEnds = [this.world.trace.length];
  }

  /** Builds the session's world and replays its actions up to `toStep` (default: all of them). */
  static replay(spec: SessionSpec, deps: EngineDeps, toStep = Infinity, nowMs = 0): { ok: true; engine: LiveEngine } | { ok: false; error: SimError } {
    const parsed = parseScenario(spec.scenario);
    if (!parsed.ok) return { ok: false, error: { ...parsed.error, path: `scenario${parsed.error.path ? `.${parsed.error.path}` : ""}` } };
    const engine = new LiveEngine(parsed.value, spec.seed, deps);
    const replayed = engine.replayActions(spec.actions, toStep);
    if (!replayed.ok) {
      engine.dispose();
      return replayed;
    }
    engine.world.advanceTo(nowMs);
    return { ok: true, engine };
  }

  /** Goes on replaying `actions` (of which the first `this.actions.length` are applied) up to `toStep`. */
  continueReplay(actions: readonly RecordedAction[], toStep: number): { ok: true } | { ok: false; error: SimError } {
    return this.replayActions(actions.slice(this.actions.length), toStep);
  }

  get step(): number {
    return this.world.stepsRun;
  }

  private replayActions(actions: readonly RecordedAction[], toStepAsked: number): { ok: true } | { ok: false; error: SimError } {
    // "All actions" means up to the last one, not to the end of the run.
    const last = actions[actions.length - 1];
    const toStep = toStepAsked !== Infinity ? toStepAsked : last === undefined ? 0 : last.step + (isStepAction(last.action) ? 1 : 0);
    let i = 0;
    for (;;) {
      while (i < actions.length && actions[i]!.step === this.step && !isStepAction(actions[i]!.action)) {
        const done = this.apply(actions[i]!.action, actions[i]!.atMs);
        if (!done.ok) return { ok: false, error: { ...done.error, message: `replaying action ${i}: ${done.error.message}` } };
        i++;
      }
      if (this.step >= toStep) return { ok: true };
      const next = actions[i];
      if (next !== undefined && next.step === this.step && isStepAction(next.action)) {
        const done = this.apply(next.action, next.atMs);
        if (!done.ok) return { ok: false, error: { ...done.error, message: `replaying action ${i}: ${done.error.message}` } };
        i++;
      } else if (!this.stepOnce()) {
        return { ok: false, error: { code: "past_the_end", message: `the run ends after ${this.step} steps` } };
      }
    }
  }

  /** Runs the next event; false when nothing is left (or the run's bounds are reached). */
  stepOnce(): boolean {
    this.engineDeps.beforeEvent?.(this.step, this.world.state.queue.peek()?.seq ?? -1);
    const ran = this.world.step();
    if (ran) this.stepEnds.push(this.world.trace.length);
    return ran;
  }

  /** Applies an action now and records it on the branch when it succeeds. */
  apply(action: SessionAction, atMs = this.world.nowMs): ActionOutcome {
    const step = this.step;
    this.world.advanceTo(atMs);
    if (isStepAction(action)) this.engineDeps.beforeEvent?.(step, action.eventId);
    const done = this.applyNow(action);
    if (done.ok) {
      this.actions.push({ step, atMs: this.world.nowMs, action });
      if (isStepAction(action)) this.stepEnds.push(this.world.trace.length);
    }
    return done;
  }

  private applyNow(action: SessionAction): ActionOutcome {
    const w = this.world;
    switch (action.type) {
      case "request": {
        const sent = sendLiveRequest(w, action.request);
        return sent.ok ? { ok: true, value: { req: sent.value } } : sent;
      }
      case "deploy": {
        const worker = action.deploy.worker ?? this.scenario.workers[0]!.name;
        const problem = this.engineDeps.checkCode?.(this.scenario, worker, action.deploy.code) ?? null;
        if (problem !== null) return { ok: false, error: { code: "worker_load_failed", path: "deploy.code", message: problem } };
        const done = deployNow(w, action.deploy);
        return done.ok ? { ok: true, value: done.value } : done;
      }
      case "fault":
        return this.inject(action.fault);
      case "heal": {
        const fault = this.faults.get(action.faultId);
        if (!fault || fault.healed) return { ok: false, error: { code: "invalid_command", path: "faultId", message: `faultId: no active injected fault "${action.faultId}"` } };
        fault.healed = true;
        healFault(w, fault.fault, fault.n);
        return { ok: true, value: { faultId: action.faultId } };
      }
      case "choose": {
        const done = w.stepChoose(action.eventId);
        return done.ok ? { ok: true, value: {} } : done;
      }
      case "fail": {
        const done = failEvent(w, action.eventId, action.limit, action.message);
        return done.ok ? { ok: true, value: {} } : done;
      }
    }
  }

  private inject(command: SessionAction & { type: "fault" } extends { fault: infer F } ? F : never): ActionOutcome {
    if (command.kind === "hibernate_object") {
      const done = hibernateObject(this.world, command.worker ?? this.scenario.workers[0]!.name, command.className, command.name);
      return done.ok ? { ok: true, value: {} } : done;
    }
    const { forMs, ...rest } = command as typeof command & { forMs?: number | null };
    const parsed = parseFaultCommand(forMs === null || forMs === undefined ? rest : { ...rest, forMs }, this.scenario);
    if (!parsed.ok) return { ok: false, error: { ...parsed.error, path: parsed.error.path?.replace(/^command/, "fault") ?? "fault", message: parsed.error.message.replace(/^command/, "fault") } };
    const n = this.faults.size + 1;
    const faultId = `f${n}`;
    this.faults.set(faultId, { fault: parsed.value, n, healed: false });
    injectFault(this.world, parsed.value, n);
    return { ok: true, value: { faultId } };
  }

  dispose(): void {
    this.world.dispose();
    this.deps.dispose();
  }
}
