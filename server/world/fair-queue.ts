// The commands waiting for one world process, served fairly between sessions (16 §1). Each
// session's use of the process in the last seconds is its wall time, decaying with a half-life
// of `usageHalfLifeMs`. The next command is the earliest of those whose session used the process
// no more than `usageSlackMs` beyond the least busy waiting session: a cheap step of an
// ordinary session never waits behind a line of slices from a session playing heavy code as fast
// as it can, while sessions that use about the same are served in arrival order (ranking them by
// a few milliseconds of use made a step that happened to cost more wait behind everyone's next
// ones: with 50 sessions stepping, p99 was six times p50). Commands of one session keep their
// order, and a session that uses a lot still runs whenever no lighter session waits: nobody
// starves, work is never left undone.

export const fairQueueLimits = {
  usageHalfLifeMs: 2_000,
  /** Sessions within this much recent use of the least busy one count as equals (arrival order). */
  usageSlackMs: 50,
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

  /** The earliest waiting command among the least recently busy sessions (commands without a session first). */
  shift(): T | undefined {
    if (this.items.length <= 1) return this.items.shift();
    const nowMs = this.clockMs();
    const usages = this.items.map((item) => this.recentMs(item.sessionId, nowMs));
    const least = Math.min(...usages);
    // Commands without a session (-1) are served before any session's, in arrival order.
    const ceiling = least < 0 ? least : least + fairQueueLimits.usageSlackMs;
    const index = usages.findIndex((u) => u <= ceiling);
    return this.items.splice(index, 1)[0];
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
