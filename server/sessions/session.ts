// One live session as the gateway holds it: its description (scenario, seed, recorded actions),
// its copy of the trace with the step ends, what its client has seen, and the world process
// that hosts it. Every world command goes through `command`, which recovers the session by
// replay when its process dies (and records the event that killed it as failing, so the replay
// does not run it again). Operations of one session run one at a time (`serial`); only a slice
// played at "max" may be sent ahead (play.ts), and every other operation applies it first.
import type { LiveResponse, PendingEventInfo, PlaySpeed, ScenarioSummary, SessionState } from "../protocol/index.ts";
import { sessionBudgetsOf, type SessionBudgets } from "../protocol/limits.ts";
import type { TraceEntry } from "../sim/core/trace.ts";
import { applyPendingChange } from "../protocol/pending-change.ts";
import type { PendingUpdate, SessionDelta, SessionOpenResult, SessionRunResult, WorldRequest } from "../world/ipc-protocol.ts";
import type { WorldPool } from "../world/pool.ts";
import { poolLimits } from "../world/pool.ts";
import { CommandRefused, WorldProcessDied, type Death, type WorldProcessHandle } from "../world/world-process-handle.ts";
import type { RecordedAction, SessionSpec } from "./actions.ts";
import { TraceStream, type ClientLink } from "./trace-stream.ts";
import type { SessionInstruments } from "./instruments.ts";

export const sessionLimits = {
  /** Deaths of world processes a session may cause within quarantineWindowMs before it is stopped. */
  processKillsMax: 3,
  quarantineWindowMs: 60_000,
  /** How long a quarantined session refuses every world command, loads and resets included. */
  quarantineMs: 30_000,
  /** Times a session's (re)build is retried on another process when a neighbour's code killed it. */
  openRetriesMax: 3,
} as const;

/** World commands that spend the session's CPU budget (the others are bookkeeping). */
const budgeted = new Set<WorldRequest["type"]>(["session_run", "explore_slice"]);

export class SessionError extends Error {
  constructor(readonly code: string, message: string, readonly blame: "user" | "system", readonly extra: { path?: string; limit?: string } = {}) {
    super(message);
  }
}

/** The limit a stop message names, e.g. `sessionMemoryMbMax` in "... (sessionMemoryMbMax) ...". */
function limitIn(message: string): string {
  return /\((\w+Max)\)/.exec(message)?.[1] ?? "limit";
}

export class LiveSession {
  spec: SessionSpec | null = null;
  readonly trace: TraceEntry[] = [];
  readonly stepEnds: number[] = [];
  readonly stream = new TraceStream(this.trace, this.stepEnds);
  step = 0;
  nowMs = 0;
  atRest = true;
  position = 0;
  branch = 0;
  responses: LiveResponse[] = [];
  pending: { events: PendingEventInfo[]; total: number } | null = null;
  /** The step the pending list was last reported at. */
  private pendingStep = -1;
  scenario: ScenarioSummary | null = null;
  lessonId: string | null = null;
  projectId: string | null = null;
  playing = false;
  speed: PlaySpeed = 1;
  link: ClientLink | null = null;
  lastSeenMs = Date.now();
  quarantined: string | null = null;
  private quarantinedUntilMs = 0;
  /** Set when the session broke a budget that pausing cannot fix (its memory): the world is closed until a load or reset. */
  stopped: string | null = null;
  /** World-process time this session used, per command, over the last minute. */
  private readonly cpu: { atMs: number; ms: number }[] = [];
  /** The exploration running in the background (sessions/explore.ts), if any. */
  exploring: { cancel: boolean } | null = null;
  /** V8's instruments (sessions/instruments.ts): null until first turned on. */
  instruments: SessionInstruments | null = null;

  /** Whether the world reads the isolates' heaps before each event: only while instruments are on, as only then are the samples sent. */
  get heapSamples(): boolean {
    return this.instruments?.on === true;
  }
  private proc: WorldProcessHandle | null = null;
  private opened = false;
  private readonly kills: number[] = [];
  private readonly handledDeaths = new WeakSet<Death>();
  private chain: Promise<unknown> = Promise.resolve();
  private ahead: Promise<SessionRunResult> | null = null;

  constructor(readonly id: string, readonly token: string, readonly pool: WorldPool, readonly budgets: SessionBudgets = sessionBudgetsOf()) {}

  /**
   * Runs operations of this session one at a time, in arrival order. Each first applies a slice
   * sent ahead (`keepAhead` is for play's own ticks, which take it themselves), so results are
   * applied in the order the world made them and every operation sees the session as it is.
   */
  serial<T>(fn: () => Promise<T>, keepAhead = false): Promise<T> {
    const run = keepAhead ? fn : async () => {
      await this.settleAhead();
      return fn();
    };
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /**
   * Sends a slice of a max-speed play before the last one's result is applied and streamed, so
   * the world process runs it meanwhile instead of waiting for the gateway (play.ts).
   */
  sendAhead(send: () => Promise<SessionRunResult>): void {
    // Only to a live process: rebuilding one (command's open) must start from an applied step.
    if (!this.opened || this.proc === null || !this.proc.alive) return;
    const slice = send();
    // Its failure (a process death: `command` has recovered the session) is reported by whoever takes it.
    slice.catch(() => undefined);
    this.ahead = slice;
  }

  /** The slice sent ahead, now this caller's to apply (null when none is in flight). */
  takeAhead(): Promise<SessionRunResult> | null {
    const ahead = this.ahead;
    this.ahead = null;
    return ahead;
  }

  /** Applies a slice sent ahead, if any. Its error is dropped: `command` recovered the session, which stopped playing. */
  async settleAhead(): Promise<void> {
    const ahead = this.takeAhead();
    if (ahead === null) return;
    const result = await ahead.catch(() => null);
    if (result === null) return;
    await this.absorb(result.delta);
  }

  get processPid(): number | undefined {
    return this.proc?.pid;
  }

  state(): SessionState {
    return {
      step: this.step, position: this.position, nowMs: this.nowMs, traceLength: this.trace.length, playing: this.playing, speed: this.speed,
      atRest: this.atRest, branch: this.branch, scenario: this.scenario, lessonId: this.lessonId, projectId: this.projectId, seed: this.spec?.seed ?? 0,
    };
  }

  /** Builds the world from a new description (load, reset, open project): the trace starts over. */
  async load(spec: SessionSpec, toStep: number | null = null, nowMs = 0): Promise<void> {
    this.refuseWhileQuarantined();
    await this.closeWorld();
    this.trace.length = 0;
    this.stepEnds.length = 0;
    this.responses = [];
    this.step = 0;
    this.position = 0;
    this.nowMs = 0;
    this.stream.truncated();
    this.stream.restart();
    this.spec = spec;
    this.quarantined = null;
    this.stopped = null;
    try {
      const opened = await this.open(toStep, nowMs);
      this.scenario = opened.scenario;
    } catch (error) {
      this.spec = null;
      this.scenario = null;
      throw error;
    }
  }

  /** Cuts the run at step `s` (the old future is dropped) and rebuilds the world there. */
  async branchAt(s: number): Promise<void> {
    const spec = this.requireSpec();
    spec.actions = spec.actions.filter((a) => a.step < s);
    const cut = this.stepEnds[s] ?? this.trace.length;
    this.trace.length = cut;
    this.stepEnds.length = s + 1;
    const answered = new Set(this.trace.flatMap((e) => (e.kind === "response" ? [e.req] : [])));
    this.responses = this.responses.filter((r) => answered.has(r.req));
    this.stream.truncated();
    this.step = s;
    this.position = s;
    this.branch++;
    await this.closeWorld();
    await this.open(s, 0);
  }

  /** Sends a world command; a dead process is recovered from here. */
  async command<T>(make: () => WorldRequest, deadlineMs = this.pool.commandMsMax): Promise<T> {
    if (this.quarantined !== null) throw new SessionError("quarantined", this.quarantined, "user");
    if (this.stopped !== null) throw new SessionError("limit", this.stopped, "user", { limit: limitIn(this.stopped) });
    if (!this.opened || this.proc === null || !this.proc.alive) await this.open(this.step, this.nowMs);
    const request = make();
    if (budgeted.has(request.type)) this.checkCpuBudget();
    const proc = this.proc!;
    const startMs = performance.now();
    try {
      return await proc.send<T>(request, deadlineMs);
    } catch (error) {
      if (error instanceof CommandRefused) throw new SessionError(error.code, error.message, error.code === "server_busy" ? "system" : "user", { limit: error.limit });
      if ((error as { limit?: unknown }).limit === "sessionMemoryMbMax") await this.stop((error as Error).message);
      if (!(error instanceof WorldProcessDied)) throw error;
      const blamed = await this.recover(error.death);
      throw blamed ?? new SessionError("world_process_died", `${error.message}; your session was rebuilt at step ${this.step}`, "system");
    } finally {
      // Time in the queue is not this session's use; time the process spent on it is.
      this.cpu.push({ atMs: Date.now(), ms: Math.min(performance.now() - startMs, proc.lastRunMs) });
    }
  }

  /** World time used in the last minute (ms). */
  cpuMsLastMinute(nowMs = Date.now()): number {
    while (this.cpu.length > 0 && this.cpu[0]!.atMs < nowMs - 60_000) this.cpu.shift();
    return this.cpu.reduce((sum, c) => sum + c.ms, 0);
  }

  private checkCpuBudget(): void {
    const used = this.cpuMsLastMinute();
    const shareMs = this.budgets.sessionCpuMsPerMinuteMax;
    if (used <= shareMs) return;
    this.playing = false;
    const waitS = Math.max(1, Math.ceil((this.cpu[0]!.atMs + 60_000 - Date.now()) / 1000));
    throw new SessionError("limit", `this session used ${Math.round(used)} ms of world-process time in the last minute, more than its share of ${shareMs} ms (sessionCpuMsPerMinuteMax); it is paused so its neighbours keep theirs: step or play again in about ${waitS} s`, "user", { limit: "sessionCpuMsPerMinuteMax" });
  }

  /** A budget that pausing cannot bring back under (memory): the world is closed until a load or reset. */
  private async stop(message: string): Promise<void> {
    this.playing = false;
    this.stopped = message;
    await this.closeWorld();
    this.link?.send({ type: "notice", level: "error", code: "limit", message });
  }

  private refuseWhileQuarantined(): void {
    const leftMs = this.quarantinedUntilMs - Date.now();
    if (leftMs <= 0) return;
    throw new SessionError("quarantined", `${this.quarantined ?? "this session is quarantined"} (for ${Math.ceil(leftMs / 1000)} s more)`, "user", { limit: "processKillsMax" });
  }

  /** Records what a world command reported, and streams it to the client. */
  applyDelta(delta: SessionDelta): void {
    if (delta.offset < this.trace.length) this.trace.length = delta.offset;
    for (const entry of delta.entries) this.trace.push(entry);
    delta.stepEnds.forEach((end, i) => (this.stepEnds[delta.firstStep + i] = end));
    const atHead = this.position >= this.step;
    this.step = delta.step;
    if (atHead || this.playing) this.position = this.step;
    this.nowMs = delta.nowMs;
    this.atRest = delta.atRest;
    for (const response of delta.responses) {
      this.responses.push(response);
      this.link?.send({ type: "response", response });
    }
    if (delta.pending) this.applyPending(delta.pending);
    this.stream.flush(this.link);
    if (this.instruments?.on && delta.heap.length > 0) this.link?.send({ type: "heap_samples", samples: delta.heap });
  }

  sendPending(): void {
    if (this.pending) this.link?.send({ type: "pending", step: this.step, events: this.pending.events, total: this.pending.total });
  }

  private applyPending(update: PendingUpdate): void {
    const { total } = update;
    const sameStep = this.pendingStep === this.step;
    this.pendingStep = this.step;
    if ("events" in update) {
      this.pending = { events: update.events, total };
      return this.sendPending();
    }
    const { removed, added } = update.change;
    // Nothing changed at the step already reported: nothing to say. At a new step an empty change
    // still goes out, so the client knows the list after that step too.
    if (removed.length === 0 && added.length === 0 && total === this.pending?.total && sameStep) return;
    const events = applyPendingChange(this.pending?.events ?? [], update.change);
    this.pending = { events, total };
    this.link?.send({ type: "pending_changed", step: this.step, ...update.change, shown: events.length, total });
  }

  /** Records an action the world accepted (the engine recorded the same at the same step). */
  record(action: RecordedAction): void {
    this.requireSpec().actions.push(action);
  }

  requireSpec(): SessionSpec {
    if (this.spec === null) throw new SessionError("not_ready", "load a scenario or a lesson first", "user");
    return this.spec;
  }

  /**
   * Another session's action killed this session's process: rebuild here, eagerly, if a client
   * is watching or the session is playing. A session nobody is connected to is rebuilt when it
   * is next used (its next command opens it at its step), so the replays of idle tabs never
   * stand in the way of the one a learner is waiting for.
   */
  onProcessDeath(death: Death): void {
    if (this.handledDeaths.has(death)) return;
    if (this.link === null && !this.playing) {
      this.opened = false;
      return;
    }
    void this.serial(async () => {
      if (this.handledDeaths.has(death) || this.spec === null) return;
      await this.recover(death).catch(() => undefined);
    });
  }

  async closeWorld(): Promise<void> {
    const proc = this.proc;
    this.proc = null;
    this.opened = false;
    if (proc === null) return;
    this.pool.release(this.id, proc);
    if (proc.alive) await proc.send({ type: "session_close", sessionId: this.id }, this.pool.commandMsMax).catch(() => undefined);
  }

  private async open(toStep: number | null, nowMs: number): Promise<SessionOpenResult> {
    const spec = this.requireSpec();
    const steps = toStep ?? spec.actions.length + this.step;
    const deadline = poolLimits.replayBaseMs + poolLimits.replayStepMs * steps;
    let opened: SessionOpenResult | null = null;
    for (let attempt = 1; opened === null; attempt++) {
      this.pool.release(this.id, this.proc);
      this.proc = await this.pool.place(this.id);
      try {
        opened = await this.proc.send<SessionOpenResult>({ type: "session_open", sessionId: this.id, spec, toStep, nowMs, traceFrom: this.trace.length }, deadline);
      } catch (error) {
        if (error instanceof CommandRefused) throw new SessionError(error.code, error.message, "user", { limit: error.limit });
        if (!(error instanceof WorldProcessDied)) throw error;
        // A neighbour's code took the process down while this session waited or was being
        // rebuilt: not this session's fault, so it is rebuilt on the next live process.
        const mine = error.death.beacon?.sessionId === this.id;
        if (mine && this.proc !== null) this.pool.reserve(this.id, this.proc);
        if (mine) this.countKill();
        if (mine || attempt >= sessionLimits.openRetriesMax) throw new SessionError("world_process_died", `${error.message} while rebuilding this session; try again`, mine ? "user" : "system");
      }
    }
    this.opened = true;
    await this.absorb(opened.delta);
    return opened;
  }

  /** Applies a world answer's delta, then fetches and applies the rest of its trace (`moreTrace`). */
  async absorb(delta: SessionDelta): Promise<void> {
    this.applyDelta(delta);
    let more = delta.moreTrace;
    while (more && this.proc !== null) {
      const next = await this.proc.send<SessionDelta>({ type: "session_flush", sessionId: this.id, withPending: true }, this.pool.commandMsMax);
      this.applyDelta(next);
      more = next.moreTrace;
    }
  }

  /** One more world process this session's code took down; too many in a while quarantines it. */
  private countKill(): void {
    const nowMs = Date.now();
    this.kills.push(nowMs);
    while (this.kills.length > 0 && this.kills[0]! < nowMs - sessionLimits.quarantineWindowMs) this.kills.shift();
    if (this.kills.length < sessionLimits.processKillsMax) return;
    this.playing = false;
    this.quarantinedUntilMs = nowMs + sessionLimits.quarantineMs;
    this.pool.unreserve(this.id);
    this.quarantined = `this session took down ${this.kills.length} world processes within ${sessionLimits.quarantineWindowMs / 1000} s (processKillsMax); it is stopped for ${sessionLimits.quarantineMs / 1000} s while every other session goes on. Fix the code, then reset or load a scenario.`;
  }

  /**
   * The process died. If the beacon names this session, the event it was running is recorded as
   * failing (replays skip it and answer 503 naming the limit), and the death counts toward
   * quarantine. Then the world is rebuilt on a live process, to the same step.
   */
  private async recover(death: Death): Promise<SessionError | null> {
    this.opened = false;
    this.playing = false;
    if (this.handledDeaths.has(death)) return null;
    this.handledDeaths.add(death);
    const spec = this.requireSpec();
    const beacon = death.beacon;
    let blamed: SessionError | null = null;
    let toStep = this.step;
    if (beacon !== null && beacon.sessionId === this.id) {
      const limit = beacon.inSql ? "sqlStatementMsMax" : death.watchdog ? "worldCommandMsMax" : "worldProcessAbort";
      const message = beacon.inSql
        ? `a SQL statement ran longer than ${this.pool.commandMsMax} ms and could not be interrupted; the world process was restarted`
        : death.watchdog ? `an event ran longer than ${this.pool.commandMsMax} ms; the world process was restarted` : `the world process died running this event (${death.cause}); it was restarted`;
      if (beacon.eventId >= 0 && beacon.step >= this.step) {
        spec.actions.push({ step: beacon.step, atMs: 0, action: { type: "fail", eventId: beacon.eventId, limit, message } });
        toStep = beacon.step + 1;
      }
      if (this.proc !== null) this.pool.reserve(this.id, this.proc);
      blamed = new SessionError("world_process_died", `${message} (${limit}); the request got 503 and your session continues at step ${toStep}`, "user", { limit });
      this.countKill();
    }
    this.link?.send({ type: "notice", level: "error", code: "world_process_died", message: blamed?.message ?? `the world process hosting this session stopped (another session's code took it down); rebuilding at step ${toStep}` });
    if (this.quarantined !== null) {
      this.link?.send({ type: "notice", level: "error", code: "quarantined", message: this.quarantined });
      return new SessionError("quarantined", this.quarantined, "user", { limit: "processKillsMax" });
    }
    await this.open(toStep, this.nowMs);
    this.link?.send({ type: "state", state: this.state() });
    return blamed;
  }
}
