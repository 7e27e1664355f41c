// The commands waiting for one world process, served fairly between sessions (16 §1): the next
// command is the one whose session used the process least in the last seconds (its wall time,
// decaying with a half-life of `usageHalfLifeMs`), so a cheap step of an ordinary session never
// waits behind a line of slices from a session playing heavy code as fast as it can. Commands
// of one session keep their order (ties go to the earlier one), and a session that uses a lot
// still runs whenever no lighter session waits: nobody starves, work is never left undone.

export const fairQueueLimits = {
  usageHalfLifeMs: 2_000,
} as const;

interface Usage {
  ms: number;
  atMs: number;
}

export class FairQueue<T extends { sessionId: string | null }> {
  private readonly items: T[] = [];
  private readonly usage = new Map<string, Usage>();

  constructor(private readonly clockMs: () => number) {}

  get length(): number {
    return this.items.length;
  }

  push(item: T): void {
    this.items.push(item);
  }

  /** The waiting command of the least recently busy session (commands without a session first). */
  shift(): T | undefined {
    if (this.items.length <= 1) return this.items.shift();
    const nowMs = this.clockMs();
    let best = 0;
    let bestUsage = Infinity;
    for (let i = 0; i < this.items.length; i++) {
      const u = this.recentMs(this.items[i]!.sessionId, nowMs);
      if (u < bestUsage) {
        best = i;
        bestUsage = u;
      }
    }
    return this.items.splice(best, 1)[0];
  }

  drain(): T[] {
    return this.items.splice(0);
  }

  /** Charges `ms` of the process's time to a session. */
  charge(sessionId: string | null, ms: number): void {
    if (sessionId === null) return;
    const nowMs = this.clockMs();
    this.usage.set(sessionId, { ms: this.recentMs(sessionId, nowMs) + ms, atMs: nowMs });
  }

  /** The session's usage, decayed to now. */
  recentMs(sessionId: string | null, nowMs = this.clockMs()): number {
    if (sessionId === null) return -1;
    const u = this.usage.get(sessionId);
    if (u === undefined) return 0;
    return u.ms * 0.5 ** ((nowMs - u.atMs) / fairQueueLimits.usageHalfLifeMs);
  }

  forget(sessionId: string): void {
    this.usage.delete(sessionId);
  }
}
