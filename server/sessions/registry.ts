// The live sessions of this server, by token (one per browser tab, kept in sessionStorage): a
// reload or a dropped connection resumes the same session; a session with no connection for
// `sessionIdleMs` is closed, freeing its isolates and Durable Object databases.
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { protocolLimits, sessionBudgetsOf, type SessionBudgets } from "../protocol/limits.ts";
import type { WorldPool } from "../world/pool.ts";
import type { Death } from "../world/world-process-handle.ts";
import { LiveSession } from "./session.ts";

export interface RegistryOptions {
  sessionIdleMs?: number;
  sessionsMax?: number;
  /** Lowered budgets of each session (sessionBudgetsOf); the CPU share is enforced here. */
  sessionBudgets?: Partial<SessionBudgets>;
}

export class SessionRegistry {
  private readonly byToken = new Map<string, LiveSession>();
  private readonly sweeper: ReturnType<typeof setInterval>;
  readonly sessionIdleMs: number;
  readonly sessionsMax: number;
  readonly budgets: SessionBudgets;
  closedIdle = 0;

  constructor(private readonly pool: WorldPool, options: RegistryOptions = {}) {
    this.sessionIdleMs = options.sessionIdleMs ?? protocolLimits.sessionIdleMs;
    this.sessionsMax = options.sessionsMax ?? protocolLimits.sessionsPerServerMax;
    this.budgets = sessionBudgetsOf(options.sessionBudgets);
    this.sweeper = setInterval(() => void this.sweep(), Math.max(50, Math.min(60_000, this.sessionIdleMs / 4)));
    this.sweeper.unref();
  }

  get size(): number {
    return this.byToken.size;
  }

  get all(): LiveSession[] {
    return [...this.byToken.values()];
  }

  create(): LiveSession | null {
    if (this.byToken.size >= this.sessionsMax) return null;
    const token = randomBytes(18).toString("base64url");
    const session = new LiveSession(`s${randomBytes(6).toString("hex")}`, token, this.pool, this.budgets);
    this.byToken.set(token, session);
    return session;
  }

  resume(token: string): LiveSession | undefined {
    return this.byToken.get(token);
  }

  /** The file a download URL names: its token must be one a live session handed out (unguessable, 144 bits). */
  download(downloadToken: string, name: string): string | null {
    for (const session of this.byToken.values()) {
      const instruments = session.instruments;
      if (instruments !== null && instruments.downloadToken === downloadToken) return instruments.files.get(name) ?? null;
    }
    return null;
  }

  /** The pool lost a process: every session it hosted is rebuilt elsewhere. */
  onDeath(death: Death, sessionIds: string[]): void {
    const ids = new Set(sessionIds);
    for (const session of this.byToken.values()) if (ids.has(session.id)) session.onProcessDeath(death);
  }

  async sweep(nowMs = Date.now()): Promise<void> {
    for (const [token, session] of this.byToken) {
      if (session.link !== null || nowMs - session.lastSeenMs < this.sessionIdleMs) continue;
      this.byToken.delete(token);
      session.playing = false;
      this.closedIdle++;
      await session.serial(() => session.closeWorld()).catch(() => undefined);
      this.pool.unreserve(session.id);
      // Its profiles and snapshots (up to snapshotsPerSessionMax files of many MB) go with it.
      rmSync(join(this.pool.downloadsDir, session.id), { recursive: true, force: true });
    }
  }

  async closeAll(): Promise<void> {
    clearInterval(this.sweeper);
    const sessions = [...this.byToken.values()];
    this.byToken.clear();
    for (const s of sessions) s.playing = false;
    await Promise.all(sessions.map((s) => s.closeWorld().catch(() => undefined)));
  }
}
