// The race explorer and the history checker as a session uses them. Exploring searches the
// orders of the session's scenario, or of the one the message carries (the editor's text): its
// traffic and faults, not the actions recorded live. It runs in the session's world process, a
// slice at a time: each slice is one serial operation of the session, so a step, a send or
// `explore_cancel` between slices is never kept waiting, and each slice's progress streams to
// the client as `explore_progress`. Checking the history reads the session's current run (its
// trace and responses) in the gateway: the checker is pure, and a step budget keeps it from
// holding the event loop for long.
import { errorCodes, type ClientMessageOf, type ErrorCode, type ServerMessage } from "../protocol/index.ts";
import { checkHistory, counterModel, kvHistory, registerModel, requestHistory, type Model, type Operation } from "../sim/history/index.ts";
import type { ExploreSlice } from "../world/explore-host.ts";
import { runOf } from "./lessons.ts";
import { pendingNow } from "./operations.ts";
import { SessionError, type LiveSession } from "./session.ts";

export const exploreSessionLimits = {
  /** Wall ms of exploring one slice runs in the world process before the session's next turn. */
  sliceMsMax: 100,
  /**
   * How long one slice's command may take before the pool's watchdog calls the process hung:
   * a slice runs at least one whole run, and the slice that finds a failure also shrinks it
   * (up to shrinkRunsMax runs), which on a loaded machine is far past worldCommandMsMax.
   */
  sliceCommandMsMax: 60_000,
  /** Checker steps for check_history (about a second at worst). */
  historyStepsMax: 2_000_000,
} as const;

type Reply = (message: ServerMessage) => void;

let explorations = 0;

/** Starts exploring in the background; progress and the result stream with the message's id. */
export function startExploring(session: LiveSession, message: ClientMessageOf<"explore">, reply: Reply): void {
  const spec = session.requireSpec();
  if (session.exploring !== null) throw new SessionError("explore_running", "an exploration is already running in this session: explore_cancel it first", "user");
  const replyTo = message.id ?? null;
  const exploreId = `${session.id}:x${++explorations}`;
  const state = { cancel: false };
  session.exploring = state;
  const start = { type: "explore_start" as const, exploreId, scenario: message.scenario ?? spec.scenario, seed: message.seed ?? spec.seed, property: message.property, options: { bound: message.bound, runsMax: message.runsMax, mode: message.mode } };
  const slice = () =>
    session.serial(() => session.command<ExploreSlice>(() => (state.cancel ? { type: "explore_cancel", exploreId } : { type: "explore_slice", exploreId, msMax: exploreSessionLimits.sliceMsMax }), exploreSessionLimits.sliceCommandMsMax));
  const loop = async () => {
    await session.serial(() => session.command(() => start));
    for (;;) {
      const next = await slice();
      // The last slice's progress goes out too, so even a search that finishes within its first
      // slice (a fast machine, an early counterexample) shows its progress before its result.
      if (next.progress !== null) {
        reply({ type: "explore_progress", replyTo, runs: next.progress.runs, distinctOrders: next.progress.distinctOrders, phase: next.progress.phase, failing: next.progress.counterexample !== null });
      }
      if (next.done) {
        const { found, shrunk, ...rest } = next.answer;
        reply({ type: "explore_result", replyTo, ...rest, found, shrunk: shrunk && { choices: shrunk.choices, kept: shrunk.kept, message: shrunk.message, history: shrunk.history } });
        return;
      }
    }
  };
  loop()
    .catch((error: unknown) => reply(errorOf(replyTo, error)))
    .finally(() => {
      if (session.exploring === state) session.exploring = null;
    });
}

function errorOf(replyTo: number | null, error: unknown): ServerMessage {
  if (error instanceof SessionError) return { type: "error", replyTo, code: error.code as ErrorCode, blame: error.blame, message: error.message };
  const coded = error as { code?: unknown; message?: unknown };
  if (typeof coded.code === "string" && (errorCodes as readonly string[]).includes(coded.code) && coded.code !== "internal") {
    return { type: "error", replyTo, code: coded.code as ErrorCode, blame: "user", message: String(coded.message) };
  }
  return { type: "error", replyTo, code: "internal", blame: "system", message: "exploring failed (a bug); the server logged it" };
}

export function cancelExploring(session: LiveSession): void {
  if (session.exploring === null) throw new SessionError("no_exploration", "no exploration is running in this session", "user");
  session.exploring.cancel = true;
}

/** The current run's history checked for linearizability, with what a history view draws. */
export function checkSessionHistory(session: LiveSession, message: ClientMessageOf<"check_history">): ServerMessage {
  session.requireSpec();
  const run = runOf(session);
  const kv = message.history === "kv";
  const ops = kv ? kvHistory(run.trace) : requestHistory(run);
  const model = (kv ? registerModel() : counterModel()) as Model<unknown>;
  const answer = checkHistory(model, ops, { stepsMax: exploreSessionLimits.historyStepsMax });
  const illegal = answer.partitions.find((p) => p.verdict === "illegal");
  return {
    type: "history_checked",
    replyTo: message.id ?? null,
    verdict: answer.verdict,
    model: answer.model,
    operations: ops.map((op) => wireOperation(model, op)),
    linearizations: answer.partitions.map((p) => ({ key: p.key, verdict: p.verdict, order: p.linearization, stuck: p.stuck, ...statesAlong(model, ops, p.linearization) })),
    illegalKey: illegal?.key ?? null,
    explanation: answer.explanation,
  };
}

/** The model's state before and after each operation of a (partial) linearization, for hovering. */
function statesAlong(model: Model<unknown>, ops: Operation[], order: number[]): { initialState: string; states: string[] } {
  let state = model.init();
  const initialState = model.describeState(state);
  const states: string[] = [];
  for (const id of order) {
    const op = ops.find((o) => o.id === id);
    const next = op === undefined ? undefined : model.step(state, op);
    if (next === undefined) break;
    state = next;
    states.push(model.describeState(state));
  }
  return { initialState, states };
}

/**
 * Loads an explored schedule to step through: the session's scenario with the kept traffic,
 * the choices recorded as `choose` actions at their steps, so the world replays them the way it
 * replays any session (the same description gives the same trace). The lesson stays loaded, so
 * Check still works on the replayed run.
 */
export async function replaySchedule(session: LiveSession, message: ClientMessageOf<"explore_replay">): Promise<ServerMessage> {
  const spec = session.requireSpec();
  if (session.exploring !== null) throw new SessionError("explore_running", "an exploration is running in this session: wait for its result or explore_cancel it first", "user");
  const scenario = (message.scenario ?? spec.scenario) as { traffic?: unknown };
  const traffic = Array.isArray(scenario.traffic) ? scenario.traffic : [];
  const missing = message.kept.findIndex((i) => i >= traffic.length);
  if (missing >= 0) throw new SessionError("invalid_command", `kept[${missing}]: the scenario has no traffic entry ${message.kept[missing]} (it has ${traffic.length})`, "user", { path: `kept.${missing}` });
  const steps = message.choices.map((c) => c.step);
  if (steps.some((s, i) => i > 0 && s <= steps[i - 1]!)) throw new SessionError("invalid_command", "choices: steps must increase (one choice per step)", "user", { path: "choices" });
  const lessonId = session.lessonId;
  session.playing = false;
  const actions = message.choices.map((c) => ({ step: c.step, atMs: 0, action: { type: "choose" as const, eventId: c.eventId } }));
  await session.load({ scenario: { ...scenario, traffic: message.kept.map((i) => traffic[i]) }, seed: message.seed ?? spec.seed, actions });
  session.lessonId = lessonId;
  await pendingNow(session);
  return { type: "scenario_loaded", replyTo: message.id ?? null, scenario: session.scenario!, lessonId };
}

/** JSON has no Infinity: an operation that never returned has `returnMs: null`. */
function wireOperation(model: Model<unknown>, op: Operation) {
  return { id: op.id, client: String(op.client), f: op.f, key: op.key, input: op.input, output: op.output, unknown: op.unknown, callMs: op.callMs, returnMs: op.returnMs === Infinity ? null : op.returnMs, label: model.describeOperation(op), evidence: op.evidence ?? [] };
}
