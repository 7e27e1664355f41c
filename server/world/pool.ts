// A small supervised pool of world processes (default: one per core). Sessions are placed on the
// least loaded process. A process that dies is replaced, with a backoff when deaths come fast,
// and the pool never closes for everyone (16 §2): the sessions it hosted are told (they recover
// by replay), and the death is counted against the session the beacon names.
import { mkdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { SessionBudgets } from "../protocol/limits.ts";
import type { WorldRequest } from "./ipc-protocol.ts";
import { WorldProcessHandle, type Death } from "./world-process-handle.ts";

export const poolLimits = {
  /** Deadline of one command (a slice, an action): just above the isolate's per-event limits. */
  worldCommandMsMax: 750,
  /** Deadline of a replay: this much plus `replayStepMs` per step replayed. */
  replayBaseMs: 10_000,
  replayStepMs: 20,
  /** Restart delay after the third death within a minute, doubling, at most restartBackoffMsMax. */
  restartBackoffMsMin: 100,
  restartBackoffMsMax: 5_000,
  /**
   * How long the slot a session's code killed stays reserved for that session: its restarted
   * process hosts it alone, so a session that kills again takes down only its own process and
   * its former neighbours keep theirs (16 §1). The reservation ends sooner if it closes.
   */
  suspectSlotMs: 60_000,
  /** How long a suspect session waits for its reserved slot to restart before it is placed as usual. */
  suspectWaitMs: 10_000,
} as const;

export interface PoolOptions {
  size?: number;
  runtimeDir: string;
  sessionsDir: string;
  commandMsMax?: number;
  /** Overrides ipcMessageBytesMax (tests of the bound). */
  ipcMessageBytesMax?: number;
  /** Lowered session budgets, enforced by the world processes (memory, trace entries). */
  sessionBudgets?: Partial<SessionBudgets>;
  /** Overrides restartBackoffMsMax (tests that cause many deaths). */
  restartBackoffMsMax?: number;
  /** Told about every death, with the sessions that were on the process. */
  onDeath?(death: Death, sessions: string[]): void;
}

export class WorldPool {
  private readonly slots: (WorldProcessHandle | null)[];
  private readonly deathsMs: number[] = [];
  private readonly restartsMs: number[] = [];
  /** Slots reserved for the session whose code killed their process (suspectSlotMs). */
  private readonly reserved = new Map<number, { sessionId: string; untilMs: number }>();
  private closed = false;
  readonly commandMsMax: number;
  restarts = 0;

  constructor(private readonly options: PoolOptions) {
    mkdirSync(options.runtimeDir, { recursive: true });
    mkdirSync(options.sessionsDir, { recursive: true });
    this.commandMsMax = options.commandMsMax ?? poolLimits.worldCommandMsMax;
    this.slots = Array.from({ length: Math.max(1, options.size ?? availableParallelism()) }, () => null);
    this.slots.forEach((_, i) => this.start(i));
  }

  /** Where the world processes write instrument downloads (.cpuprofile, .heapsnapshot) the gateway serves. */
  get downloadsDir(): string {
    return join(this.options.sessionsDir, "_downloads");
  }

  get processes(): WorldProcessHandle[] {
    return this.slots.filter((p): p is WorldProcessHandle => p !== null && p.alive);
  }

  /** Deaths in the last minute. */
  get recentDeaths(): number {
    const since = Date.now() - 60_000;
    return this.deathsMs.filter((t) => t >= since).length;
  }

  /** Restarts in the last minute. */
  get recentRestarts(): number {
    const since = Date.now() - 60_000;
    return this.restartsMs.filter((t) => t >= since).length;
  }

  /** Slots waiting to restart (in their backoff). */
  get restarting(): number {
    return this.slots.filter((p) => p === null || !p.alive).length;
  }

  /**
   * A live process for a session: the least loaded one (waits while every slot restarts), never
   * a slot reserved for another session; a session whose code killed a process gets that slot's
   * restarted process, alone (suspectSlotMs).
   */
  async place(sessionId: string): Promise<WorldProcessHandle> {
    const chosen = (await this.reservedFor(sessionId)) ?? (await this.leastLoaded(sessionId));
    chosen.sessions.add(sessionId);
    return chosen;
  }

  /** The restarted process of the slot this session killed, if it has one reserved (waits for it). */
  private async reservedFor(sessionId: string): Promise<WorldProcessHandle | null> {
    const untilMs = Date.now() + poolLimits.suspectWaitMs;
    while (!this.closed && Date.now() < untilMs) {
      const index = this.slots.findIndex((_, i) => this.reservationOf(i) === sessionId);
      if (index < 0) return null;
      const handle = this.slots[index];
      if (handle && handle.alive) return handle;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return null;
  }

  /** The session a slot is reserved for now, or null. */
  private reservationOf(index: number): string | null {
    const r = this.reserved.get(index);
    if (r === undefined) return null;
    if (r.untilMs > Date.now()) return r.sessionId;
    this.reserved.delete(index);
    return null;
  }

  /** Sends a command that belongs to no session (a whole scenario run, a ping). */
  async request<T>(request: WorldRequest, deadlineMs = this.commandMsMax): Promise<T> {
    return (await this.leastLoaded()).send<T>(request, deadlineMs);
  }

  private async leastLoaded(sessionId: string | null = null): Promise<WorldProcessHandle> {
    for (let tries = 0; tries < 200 && !this.closed; tries++) {
      const all = this.processes;
      // Slots reserved for another session are left out, unless nothing else is alive.
      const open = all.filter((p) => { const r = this.reservationOf(this.slots.indexOf(p)); return r === null || r === sessionId; });
      const alive = open.length > 0 ? open : all;
      if (alive.length > 0) return alive.reduce((a, b) => (b.sessions.size + b.load < a.sessions.size + a.load ? b : a));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw Object.assign(new Error("no world process is available; try again shortly"), { code: "server_busy" });
  }

  release(sessionId: string, process: WorldProcessHandle | null): void {
    process?.sessions.delete(sessionId);
    process?.forget(sessionId);
  }

  /**
   * The session's code killed `handle`'s process: its slot is the session's alone for a while.
   * The session says so itself when it learns of the death (that may come before the pool's own
   * exit handler), so its rebuild already goes to the reserved slot.
   */
  reserve(sessionId: string, handle: WorldProcessHandle): void {
    if (this.reservationOf(handle.slot) === sessionId) return;
    this.reserved.set(handle.slot, { sessionId, untilMs: Date.now() + poolLimits.suspectSlotMs });
  }

  /** The session is gone (closed, quarantined): a slot reserved for it is open to all again. */
  unreserve(sessionId: string): void {
    for (const [index, r] of this.reserved) if (r.sessionId === sessionId) this.reserved.delete(index);
  }

  async close(): Promise<void> {
    this.closed = true;
    const exits = this.processes.map((p) => p.exited);
    for (const p of this.processes) p.child.kill("SIGTERM");
    await Promise.all(exits);
  }

  private start(index: number): void {
    const handle = new WorldProcessHandle({ runtimeDir: this.options.runtimeDir, sessionsDir: this.options.sessionsDir, index, ...(this.options.ipcMessageBytesMax === undefined ? {} : { ipcMessageBytesMax: this.options.ipcMessageBytesMax }), ...(this.options.sessionBudgets === undefined ? {} : { sessionBudgets: this.options.sessionBudgets }) });
    this.slots[index] = handle;
    void handle.exited.then((death) => this.onExit(index, handle, death));
  }

  private onExit(index: number, handle: WorldProcessHandle, death: Death): void {
    if (this.slots[index] === handle) this.slots[index] = null;
    if (this.closed) return;
    const nowMs = Date.now();
    const blamed = death.beacon?.sessionId;
    if (blamed) this.reserve(blamed, handle);
    this.deathsMs.push(nowMs);
    while (this.deathsMs.length > 0 && this.deathsMs[0]! < nowMs - 60_000) this.deathsMs.shift();
    const recent = this.deathsMs.length;
    const delayMs = recent <= 3 ? 0 : Math.min(this.options.restartBackoffMsMax ?? poolLimits.restartBackoffMsMax, poolLimits.restartBackoffMsMin * 2 ** (recent - 4));
    setTimeout(() => {
      if (this.closed) return;
      this.restarts++;
      this.restartsMs.push(Date.now());
      while (this.restartsMs.length > 0 && this.restartsMs[0]! < Date.now() - 60_000) this.restartsMs.shift();
      this.start(index);
    }, delayMs);
    this.options.onDeath?.(death, [...handle.sessions]);
  }
}
