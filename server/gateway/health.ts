// /healthz tells the truth (16 §2): the world processes alive and restarting, restarts and
// deaths in the last minute, live sessions and the quarantined ones (with the reason each was
// stopped). 503 when no world process is alive.
import type { SessionRegistry } from "../sessions/registry.ts";
import type { WorldPool } from "../world/pool.ts";

export function healthOf(pool: WorldPool, sessions: SessionRegistry): { status: number; body: unknown } {
  const processes = pool.processes.map((p) => ({ pid: p.pid, sessions: p.sessions.size, queued: p.load }));
  const all = sessions.all;
  const quarantined = all.filter((s) => s.quarantined !== null);
  const body = {
    ok: processes.length > 0,
    worldProcesses: {
      alive: processes.length,
      restarting: pool.restarting,
      processes,
      restarts: pool.restarts,
      restartsLastMinute: pool.recentRestarts,
      deathsLastMinute: pool.recentDeaths,
    },
    sessions: {
      live: all.length,
      connected: all.filter((s) => s.link !== null).length,
      playing: all.filter((s) => s.playing).length,
      quarantined: quarantined.length,
      quarantinedSessions: quarantined.map((s) => ({ session: s.id, reason: s.quarantined })),
      stoppedByLimit: all.filter((s) => s.stopped !== null).length,
      closedIdle: sessions.closedIdle,
    },
  };
  return { status: body.ok ? 200 : 503, body };
}
