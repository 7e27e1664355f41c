// Runs a session's world for one bounded slice (16 §1: a named number of events or ms per turn),
// toward a goal: a number of steps, a condition (the next response, the next event of a
// request or of an object, a trace kind), or a virtual time (play). The world process runs
// slices of many sessions round robin, so no session holds the process for long.
import { objectIdFromName } from "../sim/durable-objects/placement.ts";
import type { TraceEntry } from "../sim/core/trace.ts";
import { namespaceOf } from "../sim/world/objects-state.ts";
import type { StepCondition } from "../protocol/index.ts";
import type { LiveEngine } from "./engine.ts";

export type SliceGoal =
  | { kind: "steps"; count: number }
  | { kind: "until"; until: StepCondition; eventsMax: number }
  | { kind: "time"; toMs: number };

export interface SliceBudget {
  eventsMax: number;
  msMax: number;
  /** Trace entries the session may keep (traceEntriesPerSessionMax). */
  traceEntriesMax: number;
  clockMs(): number;
}

/**
 * done: the goal is met; slice: the budget ran out (continue later); rest: nothing left to run;
 * limit: the session's trace is full; run_end: the run reached one of its own bounds (the
 * trace's last entry, `run_end`, names it).
 */
export type SliceStop = "done" | "condition" | "bound" | "rest" | "limit" | "run_end" | "slice";

export function runSlice(engine: LiveEngine, goal: SliceGoal, budget: SliceBudget): { ran: number; stopped: SliceStop } {
  const startMs = budget.clockMs();
  const matches = goal.kind === "until" ? stepConditionMatcher(engine.scenario.workers, goal.until) : null;
  const wanted = goal.kind === "steps" ? goal.count : goal.kind === "until" ? goal.eventsMax : Infinity;
  let ran = 0;
  for (;;) {
    if (ran >= wanted) return { ran, stopped: goal.kind === "steps" ? "done" : "bound" };
    if (engine.world.trace.length >= budget.traceEntriesMax) return { ran, stopped: "limit" };
    if (ran >= budget.eventsMax || budget.clockMs() - startMs >= budget.msMax) return { ran, stopped: "slice" };
    if (goal.kind === "time") {
      const head = engine.world.state.queue.peek();
      if (!head || head.timeMs > goal.toMs) {
        engine.world.advanceTo(goal.toMs);
        return { ran, stopped: head ? "done" : "rest" };
      }
    }
    const before = engine.world.trace.length;
    if (!engine.stepOnce()) return { ran, stopped: engine.world.state.stoppedBy !== null ? "run_end" : "rest" };
    ran++;
    if (matches !== null && anyMatch(engine.world.trace, before, matches)) return { ran, stopped: "condition" };
  }
}

function anyMatch(trace: readonly TraceEntry[], from: number, matches: (e: TraceEntry) => boolean): boolean {
  for (let i = from; i < trace.length; i++) if (matches(trace[i]!)) return true;
  return false;
}

/** Whether a trace entry meets a step condition (the world's workers name `Class:name` objects). */
export function stepConditionMatcher(workers: readonly { name: string }[], until: StepCondition): (e: TraceEntry) => boolean {
  switch (until.kind) {
    case "response":
      return (e) => e.kind === "response" && (until.req === undefined || e.req === until.req);
    case "request":
      return (e) => "req" in e && e.req === until.req;
    case "object": {
      const ids = objectIds(workers, until.object);
      return (e) => "object" in e && ids.some((id) => e.object.startsWith(id));
    }
    case "time":
      return (e) => e.t >= until.atMs;
    case "trace_kind":
      return (e) => e.kind === until.traceKind;
  }
}

/** An object named by id (or an id prefix), or by `Class:name` in any of the scenario's workers. */
function objectIds(workers: readonly { name: string }[], object: string): string[] {
  const colon = object.indexOf(":");
  if (colon < 0) return [object];
  const className = object.slice(0, colon);
  const name = object.slice(colon + 1);
  return workers.map((w) => objectIdFromName(namespaceOf(w.name, className), name));
}
