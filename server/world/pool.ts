// A small supervised pool of world processes (default: one per core). Sessions are placed on the
// least loaded process. A process that dies is replaced, with a backoff when deaths come fast,
// and the pool never closes for everyone (16 §2): the sessions it hosted are told (they recover
// by replay), and the death is counted against the session the beacon names.
import { mkdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
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
  /** Told about every death, with the sessions that were on the process. */
  onDeath?(death: Death, sessions: string[]): void;
}

export class WorldPool {
  private readonly slots: (WorldProcessHandle | null)[];
  private readonly deathsMs: number[] = [];
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

  get processes(): WorldProcessHandle[] {
    return this.slots.filter((p): p is WorldProcessHandle => p !== null && p.alive);
  }

  /** Deaths in the last minute. */
  get recentDeaths(): number {
    const since = Date.now() - 60_000;
    return this.deathsMs.filter((t) => t >= since).length;
  }

  /** A live process for a session: the least loaded one (waits while every slot restarts). */
  async place(sessionId: string): Promise<WorldProcessHandle> {
    for (let tries = 0; tries < 200 && !this.closed; tries++) {
      const alive = this.processes;
      if (alive.length > 0) {
        const chosen = alive.reduce((a, b) => (b.sessions.size + b.load < a.sessions.size + a.load ? b : a));
        chosen.sessions.add(sessionId);
        return chosen;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw Object.assign(new Error("no world process is available; try again shortly"), { code: "server_busy" });
  }

  release(sessionId: string, process: WorldProcessHandle | null): void {
    process?.sessions.delete(sessionId);
  }

  async close(): Promise<void> {
    this.closed = true;
    const exits = this.processes.map((p) => p.exited);
    for (const p of this.processes) p.child.kill("SIGTERM");
    await Promise.all(exits);
  }

  private start(index: number): void {
    const handle = new WorldProcessHandle({ runtimeDir: this.options.runtimeDir, sessionsDir: this.options.sessionsDir, index });
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
    const delayMs = recent <= 3 ? 0 : Math.min(poolLimits.restartBackoffMsMax, poolLimits.restartBackoffMsMin * 2 ** (recent - 4));
    setTimeout(() => {
      if (this.closed) return;
      this.restarts++;
      this.start(index);
    }, delayMs);
    this.options.onDeath?.(death, [...handle.sessions]);
  }
}
