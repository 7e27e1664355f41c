// What each client operation does to a session (issue 7 §2). World-changing actions at a past
// position first start a new branch there (the client is told); stepping forward in the past
// only moves the view (the trace already holds that future); everything else goes to the
// session's world process as one command per slice, so sessions take turns.
import type { ClientMessageOf, ServerMessage } from "../protocol/index.ts";
import { viewAt } from "../sim/world/view.ts";
import type { SessionActResult, SessionRunResult } from "../world/ipc-protocol.ts";
import type { SessionAction } from "./actions.ts";
import { SessionError, type LiveSession } from "./session.ts";
import { parseScenario } from "../sim/scenario.ts";
import { stepConditionMatcher, type SliceGoal } from "./slice.ts";

type Reply = (message: ServerMessage) => void;

/** Applies a live action at the head (branching first when the learner is looking at the past). */
export async function act(session: LiveSession, action: SessionAction, replyTo: number | null, reply: Reply): Promise<SessionActResult["outcome"]> {
  await toHead(session, replyTo, reply);
  const step = session.step;
  const atMs = session.nowMs;
  const done = await session.command<SessionActResult>(() => ({ type: "session_act", sessionId: session.id, action, heapSamples: session.heapSamples }));
  session.record({ step, atMs, action });
  session.applyDelta(done.delta);
  return done.outcome;
}

/** Acting in the past: cut the run there and rebuild the world at that step. */
async function toHead(session: LiveSession, replyTo: number | null, reply: Reply): Promise<void> {
  if (session.position >= session.step) return;
  const s = session.position;
  await session.branchAt(s);
  reply({ type: "branch", replyTo, step: s, offset: session.trace.length, branch: session.branch });
}

/** Runs toward a goal slice by slice until it is met, the run rests, or a limit stops it. */
export async function runGoal(session: LiveSession, goal: SliceGoal, keepGoing: () => boolean = () => true): Promise<{ ran: number; stopped: SessionRunResult["stopped"] }> {
  let ran = 0;
  let remaining = goal;
  for (;;) {
    const result = await session.command<SessionRunResult>(() => ({ type: "session_run", sessionId: session.id, goal: remaining, withPending: false, heapSamples: session.heapSamples }));
    await session.absorb(result.delta);
    ran += result.ran;
    if (result.stopped !== "slice" || !keepGoing()) return { ran, stopped: result.stopped };
    if (remaining.kind === "steps") remaining = { kind: "steps", count: remaining.count - result.ran };
    if (remaining.kind === "until") remaining = { ...remaining, eventsMax: remaining.eventsMax - result.ran };
  }
}

export async function step(session: LiveSession, message: ClientMessageOf<"step">, reply: Reply): Promise<ServerMessage> {
  session.requireSpec();
  if (session.position < session.step) {
    // The future is in the trace already: stepping forward in the past only moves the view.
    session.position = Math.min(session.step, session.position + message.count);
    reply(viewOf(session, message.id ?? null));
    return { type: "stepped", replyTo: message.id ?? null, ran: 0, step: session.position, stopped: "done" };
  }
  const done = await runGoal(session, { kind: "steps", count: message.count });
  return finishRun(session, message.id ?? null, done, reply);
}

export async function stepUntil(session: LiveSession, message: ClientMessageOf<"step_until">, reply: Reply): Promise<ServerMessage> {
  const spec = session.requireSpec();
  if (session.position < session.step) {
    // In the past the run's future is recorded: the first recorded step that meets the
    // condition is where this stops, as running the world again would (it is deterministic).
    const found = recordedStepMeeting(session, spec.scenario, message.until);
    if (found !== null) {
      session.position = found;
      reply(viewOf(session, message.id ?? null));
      return { type: "stepped", replyTo: message.id ?? null, ran: 0, step: found, stopped: "condition" };
    }
  }
  session.position = session.step;
  const done = await runGoal(session, { kind: "until", until: message.until, eventsMax: message.eventsMax });
  return finishRun(session, message.id ?? null, done, reply);
}

/** The first step after the session's position whose entries meet `until`, or null. */
function recordedStepMeeting(session: LiveSession, scenario: unknown, until: ClientMessageOf<"step_until">["until"]): number | null {
  const parsed = parseScenario(scenario);
  const matches = stepConditionMatcher(parsed.ok ? parsed.value.workers : [], until);
  for (let s = session.position + 1; s <= session.step; s++) {
    const from = session.stepEnds[s - 1] ?? session.trace.length;
    const to = session.stepEnds[s] ?? session.trace.length;
    for (let i = from; i < to; i++) if (matches(session.trace[i]!)) return s;
  }
  return null;
}

export async function choose(session: LiveSession, message: ClientMessageOf<"choose">, reply: Reply): Promise<ServerMessage> {
  session.requireSpec();
  await act(session, { type: "choose", eventId: message.eventId }, message.id ?? null, reply);
  await pendingNow(session);
  return { type: "stepped", replyTo: message.id ?? null, ran: 1, step: session.step, stopped: "done" };
}

function finishRun(session: LiveSession, replyTo: number | null, done: { ran: number; stopped: SessionRunResult["stopped"] }, reply: Reply): ServerMessage {
  if (done.stopped === "limit") {
    reply({ type: "notice", level: "error", code: "limit", message: `this session's trace reached ${session.budgets.traceEntriesPerSessionMax} entries (traceEntriesPerSessionMax); reset, or seek back and branch` });
  }
  if (done.stopped === "run_end") reply({ type: "notice", level: "error", code: "limit", message: runEndOf(session).message });
  const stopped = done.stopped === "slice" ? "bound" : done.stopped === "run_end" ? "limit" : done.stopped;
  return { type: "stepped", replyTo, ran: done.ran, step: session.step, stopped };
}

/**
 * Why the run ended at one of its own bounds (traceEntriesMax, pendingEventsMax, runTimeMsMax...):
 * the trace's last entry says, with the limit's name and value; a hint on what to do follows.
 */
export function runEndOf(session: LiveSession): { limit: string; message: string } {
  const last = session.trace[session.trace.length - 1];
  const limit = last?.kind === "run_end" ? last.limit : "limit";
  const said = last?.kind === "run_end" ? last.message : "the run reached one of its bounds";
  return { limit, message: `${said}. Nothing more runs in this branch: reset, or seek back and branch` };
}

/** Asks the world for its pending events (after a run that did not include them). */
export async function pendingNow(session: LiveSession): Promise<void> {
  const delta = await session.command<SessionRunResult["delta"]>(() => ({ type: "session_flush", sessionId: session.id, withPending: true }));
  session.applyDelta(delta);
}

export function seek(session: LiveSession, message: ClientMessageOf<"seek">): ServerMessage {
  session.requireSpec();
  session.playing = false;
  session.position = Math.min(message.step, session.step);
  return viewOf(session, message.id ?? null);
}

export function viewOf(session: LiveSession, replyTo: number | null): ServerMessage {
  const offset = session.stepEnds[session.position] ?? session.trace.length;
  return { type: "view", replyTo, step: session.position, offset, view: viewAt(session.trace, offset) };
}

export function requireReady(session: LiveSession): void {
  if (session.spec === null) throw new SessionError("not_ready", "load a scenario or a lesson first", "user");
}
