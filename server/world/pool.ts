// A small supervised pool of world processes (default: one per core). Sessions are placed on the
// least loaded process. A process that dies is replaced, with a backoff when deaths come fast,
// and the pool never closes for everyone (16 §2): the sessions it hosted are told (they recover
// by replay), and the death is counted against the session the beacon names.
import { mkdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
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
} as const;

export interface PoolOptions {
  size?: number;
  runtimeDir: string;
  sessionsDir: string;
  commandMsMax?: number;
  /** Overrides ipcMessageBytesMax (tests of the bound). */
  ipcMessageBytesMax?: number;
  /** Overrides restartBackoffMsMax (tests that cause many deaths). */
  restartBackoffMsMax?: number;
  /** Told about every death, with the sessions that were on the process. */
  onDeath?(death: Death, sessions: string[]): void;
}

export class WorldPool {
  private readonly slots: (WorldProcessHandle | null)[];
  private readonly deathsMs: number[] = [];
  private readonly restartsMs: number[] = [];
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

  /** A live process for a session: the least loaded one (waits while every slot restarts). */
  async place(sessionId: string): Promise<WorldProcessHandle> {
    const chosen = await this.leastLoaded();
    chosen.sessions.add(sessionId);
    return chosen;
  }

  /** Sends a command that belongs to no session (a whole scenario run, a ping). */
  async request<T>(request: WorldRequest, deadlineMs = this.commandMsMax): Promise<T> {
    return (await this.leastLoaded()).send<T>(request, deadlineMs);
  }

  private async leastLoaded(): Promise<WorldProcessHandle> {
    for (let tries = 0; tries < 200 && !this.closed; tries++) {
      const alive = this.processes;
      if (alive.length > 0) return alive.reduce((a, b) => (b.sessions.size + b.load < a.sessions.size + a.load ? b : a));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw Object.assign(new Error("no world process is available; try again shortly"), { code: "server_busy" });
  }

  release(sessionId: string, process: WorldProcessHandle | null): void {
    process?.sessions.delete(sessionId);
    process?.forget(sessionId);
  }

  async close(): Promise<void> {
    this.closed = true;
    const exits = this.processes.map((p) => p.exited);
    for (const p of this.processes) p.child.kill("SIGTERM");
    await Promise.all(exits);
  }

  private start(index: number): void {
    const handle = new WorldProcessHandle({ runtimeDir: this.options.runtimeDir, sessionsDir: this.options.sessionsDir, index, ...(this.options.ipcMessageBytesMax === undefined ? {} : { ipcMessageBytesMax: this.options.ipcMessageBytesMax }) });
    this.slots[index] = handle;
    void handle.exited.then((death) => this.onExit(index, handle, death));
  }

  private onExit(index: number, handle: WorldProcessHandle, death: Death): void {
    if (this.slots[index] === handle) this.slots[index] = null;
    if (this.closed) return;
    const nowMs = Date.now();
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
