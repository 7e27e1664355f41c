// Playing a session: every animation frame (about 16 ms of wall time) the world advances by
// `speed` virtual ms per wall ms, or as fast as its slices allow at "max". Each tick is one
// serial operation of the session, so a learner's step or send between ticks is never lost and
// other sessions on the same world process take turns between slices.
//
// At "max" the next slice is sent as soon as one's result arrives, before that result is applied
// and streamed: the world process runs it while the gateway sends the trace on (before, each
// waited for the other, and the world process sat idle half the time). Any other operation of
// the session applies that slice first (LiveSession.serial), so a pause stops one slice later.
import { ipcLimits, type SessionRunResult } from "../world/ipc-protocol.ts";
import type { PlaySpeed } from "../protocol/index.ts";
import { runEndOf, runGoal } from "./operations.ts";
import type { LiveSession } from "./session.ts";
import { SessionError } from "./session.ts";

const frameMs = 16;

export function startPlaying(session: LiveSession, speed: PlaySpeed, onStop: (error: SessionError | null) => void): void {
  session.position = session.step;
  session.speed = speed;
  if (session.playing) return;
  session.playing = true;
  let lastWallMs = performance.now();
  const tick = () => {
    void session
      .serial(async () => {
        if (!session.playing) return await session.settleAhead();
        if (session.speed !== "max") await session.settleAhead();
        const nowWall = performance.now();
        const wallMs = nowWall - lastWallMs;
        lastWallMs = nowWall;
        const done = session.speed === "max" ? await sliceAtMax(session) : await runGoal(session, { kind: "time", toMs: session.nowMs + Math.max(1, Math.round(session.speed * wallMs)) }, () => false);
        if (done.stopped === "rest" || done.stopped === "limit") stop(done.stopped === "limit" ? new SessionError("limit", `the session's trace is full: ${session.budgets.traceEntriesPerSessionMax} entries (traceEntriesPerSessionMax)`, "user", { limit: "traceEntriesPerSessionMax" }) : null);
        if (done.stopped === "run_end") {
          const end = runEndOf(session);
          stop(new SessionError("limit", end.message, "user", { limit: end.limit }));
        }
      }, true)
      .then(
        () => {
          // At "max" the next slice is queued at once (setTimeout's 0 is a millisecond or more, a
          // tenth of a slice); other sessions still take turns, in the world process's fair queue.
          if (!session.playing) return;
          if (session.speed === "max") setImmediate(tick);
          else setTimeout(tick, frameMs);
        },
        (error) => stop(error instanceof SessionError ? error : new SessionError("internal", "playing failed", "system")),
      );
  };
  const stop = (error: SessionError | null) => {
    if (!session.playing) return;
    session.playing = false;
    onStop(error);
  };
  setTimeout(tick, 0);
}

/** One slice at "max": the one sent ahead by the last tick (or a new one), with the next sent ahead. */
async function sliceAtMax(session: LiveSession): Promise<{ ran: number; stopped: SessionRunResult["stopped"] }> {
  const send = () => session.command<SessionRunResult>(() => ({ type: "session_run", sessionId: session.id, goal: { kind: "steps", count: ipcLimits.sliceEventsMax }, withPending: false, heapSamples: session.heapSamples }));
  const result = await (session.takeAhead() ?? send());
  // More of the trace waiting in the world (moreTrace) is fetched first: deltas apply in order.
  const more = result.stopped === "done" || result.stopped === "slice";
  if (more && !result.delta.moreTrace && session.playing && session.speed === "max") session.sendAhead(send);
  await session.absorb(result.delta);
  return { ran: result.ran, stopped: result.stopped };
}
