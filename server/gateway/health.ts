// /healthz tells the truth (16 §2): the world processes alive, restarts and deaths in the last
// minute, live and quarantined sessions. 503 when no world process is alive.
import type { SessionRegistry } from "../sessions/registry.ts";
import type { WorldPool } from "../world/pool.ts";

export function healthOf(pool: WorldPool, sessions: SessionRegistry): { status: number; body: unknown } {
  const processes = pool.processes.map((p) => ({ pid: p.pid, sessions: p.sessions.size, queued: p.load }));
  const all = sessions.all;
  const body = {
    ok: processes.length > 0,
    worldProcesses: { alive: processes.length, processes, restarts: pool.restarts, deathsLastMinute: pool.recentDeaths },
    sessions: { live: all.length, connected: all.filter((s) => s.link !== null).length, playing: all.filter((s) => s.playing).length, quarantined: all.filter((s) => s.quarantined !== null).length, closedIdle: sessions.closedIdle },
  };
  return { status: body.ok ? 200 : 503, body };
}
