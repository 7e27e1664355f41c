// The stepping API for the UI: pending events are visible; `step()` runs the next one;
// `stepChoose(id)` runs a reorderable one first; `command()` applies a fault now. Choices and
// commands are recorded by step index, so `rewind(n)` rebuilds the world from the scenario
// (fresh isolates and storage from the factories) and replays it to step n: the same inputs
// give the same event ids, hence a byte-identical trace prefix. No checkpoints: the isolates'
// state cannot be copied, so every rewind replays from the start.

import { limits } from "../core/limits.ts";
import { assert, err, ok, type Result, type SimError } from "../core/result.ts";
import type { TraceEntry } from "../core/trace.ts";
import type { Scenario } from "../scenario-types.ts";
import type { WorldDeps } from "./state.ts";
import { World, type FaultCommand, type PendingEvent, type RunResult } from "./world.ts";

type Action = { type: "choose"; eventId: number } | { type: "command"; fault: FaultCommand; atMs: number };

export class Stepper {
  private current: World;
  /**
   * The recorded branch, by step index: commands applied before the step of that index, and
   * the event chosen as that step. Stepping forward after a rewind follows it (redo); a new
   * choice or command at index i replaces the recorded future after i (a new branch).
   */
  private readonly actions = new Map<number, Action[]>();

  constructor(
    readonly scenario: Scenario,
    private readonly makeDeps: () => WorldDeps,
    readonly seed: number = scenario.seed,
  ) {
    this.current = new World(scenario, makeDeps(), seed);
  }

  get world(): World {
    return this.current;
  }

  get stepIndex(): number {
    return this.current.stepsRun;
  }

  get trace(): readonly TraceEntry[] {
    return this.current.trace;
  }

  pending(limit = Infinity): PendingEvent[] {
    return this.current.pending(limit);
  }

  /** Runs the next event, or the event recorded as this step's choice on the current branch. */
  step(): boolean {
    const choice = this.choiceAt(this.current.stepsRun);
    return choice === null ? this.current.step() : this.current.stepChoose(choice).ok;
  }

  stepChoose(eventId: number): Result<void, SimError> {
    const index = this.current.stepsRun;
    const done = this.current.stepChoose(eventId);
    if (done.ok) this.record(index, { type: "choose", eventId });
    return done;
  }

  command(fault: FaultCommand): Result<void, SimError> {
    const index = this.current.stepsRun;
    const done = this.current.command(fault);
    if (done.ok) this.record(index, { type: "command", fault, atMs: this.current.nowMs });
    return done;
  }

  runUntil(timeMs: number, eventsMax: number = limits.eventsPerRunMax): number {
    let ran = 0;
    while (ran < eventsMax) {
      const next = this.current.state.queue.peek();
      if (!next || next.timeMs > timeMs || !this.step()) break;
      ran++;
    }
    this.current.advanceTo(timeMs);
    return ran;
  }

  result(): RunResult {
    return this.current.result();
  }

  /**
   * Rebuilds the world (fresh isolates and storage) and replays the recorded branch to just
   * after step `n`, commands issued at step n included. The recording is kept, so scrubbing
   * back and forth is free to repeat.
   */
  rewind(n: number): Result<void, SimError> {
    assert(Number.isInteger(n) && n >= 0, "rewind needs a step index ≥ 0");
    this.current.dispose();
    const world = new World(this.scenario, this.makeDeps(), this.seed);
    this.current = world;
    for (let index = 0; index < n; index++) {
      this.applyCommands(world, index);
      if (!this.step()) return err({ code: "past_the_end", message: `the run ends after ${index} steps` });
    }
    this.applyCommands(world, n);
    return ok(undefined);
  }

  private applyCommands(world: World, index: number): void {
    for (const action of this.actions.get(index) ?? []) {
      if (action.type !== "command") continue;
      // The clock may have been moved on between events (runUntil) before the command.
      world.advanceTo(action.atMs);
      world.command(action.fault);
    }
  }

  private choiceAt(index: number): number | null {
    const action = this.actions.get(index)?.find((a) => a.type === "choose");
    return action?.type === "choose" ? action.eventId : null;
  }

  private record(index: number, action: Action): void {
    for (const key of [...this.actions.keys()]) if (key > index) this.actions.delete(key);
    const list: Action[] = (this.actions.get(index) ?? []).filter((a) => a.type === "command");
    list.push(action);
    this.actions.set(index, list);
  }
}
