// Live-session benchmarks (issue 7 and 16 §1), against a real server with real world processes
// and real WebSocket clients: step round trip with 50 concurrent sessions; trace entries
// streamed per second to one client; recovery time of a 1,000-step session after its world
// process is killed; memory per idle session; and the ordinary sessions' step round trip while
// hostile neighbours (a CPU-heavy worker played at full speed, an endless SQL statement) run.
import { readFileSync } from "node:fs";
import { helloScenario, LiveClient, startTestServer } from "../test/live-client.ts";
import { fixed, median, percentile, printFigures } from "./stats.ts";

const busyScenario = (requests: number, code = `export default { fetch(req) { return new Response("ok " + new URL(req.url).pathname) } }`) => ({
  name: "busy",
  seed: 3,
  world: { regions: ["us-east", "eu-west", "ap-south"] },
  worker: { code, routes: ["b.example.com/*"] },
  traffic: Array.from({ length: requests }, (_, i) => ({ atMs: i * 7, from: ["us-east", "eu-west", "ap-south"][i % 3]!, method: "GET", url: `https://b.example.com/${i}` })),
});

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
  return Number(line?.replace(/\D+/g, "") ?? 0) / 1024;
}

async function stepLoop(client: LiveClient, untilMs: number, samples: number[]): Promise<void> {
  while (performance.now() < untilMs) {
    const t = performance.now();
    const answer = await client.call({ type: "step" });
    if (answer.type === "error") return;
    samples.push(performance.now() - t);
  }
}

export async function runSessionBenchmarks(quick: boolean): Promise<void> {
  const server = await startTestServer({ rate: { perSecond: 100_000, burst: 100_000 } });
  try {
    // 50 sessions stepping at once.
    const clients = await Promise.all(Array.from({ length: 50 }, () => LiveClient.connect(server.url)));
    await Promise.all(clients.map((c) => c.ok({ type: "load_scenario", scenario: busyScenario(400) })));
    const samples: number[] = [];
    const untilMs = performance.now() + (quick ? 5_000 : 15_000);
    await Promise.all(clients.map((c) => stepLoop(c, untilMs, samples)));
    const pids = server.pool.processes.map((p) => p.pid!).filter(Boolean);
    const rssLoaded = pids.reduce((sum, pid) => sum + rssMb(pid), 0);
    await Promise.all(clients.map((c) => c.close()));

    // Streaming: one client, a long run played as fast as possible.
    const streamer = await LiveClient.connect(server.url);
    await streamer.ok({ type: "load_scenario", scenario: busyScenario(quick ? 2_000 : 6_000) });
    const streamStart = performance.now();
    await streamer.ok({ type: "play", speed: "max" });
    await streamer.waitFor((m) => m.type === "state" && !m.state.playing, 600_000);
    const streamSeconds = (performance.now() - streamStart) / 1000;
    const entriesPerSecond = streamer.trace.length / streamSeconds;

    // Recovery of a 1,000-step session after kill -9 of its world process.
    const recovering = await LiveClient.connect(server.url);
    await recovering.ok({ type: "load_scenario", scenario: busyScenario(400) });
    await recovering.ok({ type: "step", count: 1_000 });
    const pid = server.pool.processes.find((p) => p.sessions.size > 0)?.pid ?? server.pool.processes[0]!.pid!;
    const killMs = performance.now();
    process.kill(pid, "SIGKILL");
    await recovering.waitFor((m) => m.type === "notice" && m.code === "world_process_died", 60_000);
    const answer = await recovering.call({ type: "step" });
    const recoveryMs = performance.now() - killMs;
    await Promise.all([streamer.close(), recovering.close()]);

    // Memory per idle session: RSS of the world processes with 50 more loaded, idle sessions.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const basePids = server.pool.processes.map((p) => p.pid!);
    const rssBefore = basePids.reduce((sum, p) => sum + rssMb(p), 0);
    const idle = await Promise.all(Array.from({ length: 50 }, () => LiveClient.connect(server.url)));
    await Promise.all(idle.map((c) => c.ok({ type: "load_scenario", scenario: helloScenario })));
    await Promise.all(idle.map((c) => c.ok({ type: "step_until", until: { kind: "response" } })));
    const rssAfter = basePids.reduce((sum, p) => sum + rssMb(p), 0);
    await Promise.all(idle.map((c) => c.close()));

    // Noisy neighbours (16 §1): a CPU-heavy worker played at full speed and an endless SQL
    // statement, while 20 ordinary sessions step.
    const heavyCode = `export default { fetch() { let x = 0; for (let i = 0; i < 3e6; i++) x += i % 7; return new Response(String(x)) } }`;
    const heavy = await LiveClient.connect(server.url);
    await heavy.ok({ type: "load_scenario", scenario: busyScenario(2_000, heavyCode) });
    await heavy.ok({ type: "play", speed: "max" });
    const sqlClient = await LiveClient.connect(server.url);
    const sqlCode = `export class S { constructor(s) { this.s = s } fetch() { this.s.storage.sql.exec("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"); return new Response("never") } }
export default { fetch(req, env) { return env.S.get(env.S.idFromName("x")).fetch(req) } }`;
    await sqlClient.ok({ type: "load_scenario", scenario: { ...busyScenario(3), worker: { code: sqlCode, bindings: { S: { type: "durable_object", className: "S" } }, routes: ["b.example.com/*"] } } });
    void sqlClient.call({ type: "play", speed: "max" });
    const ordinary = await Promise.all(Array.from({ length: 20 }, () => LiveClient.connect(server.url)));
    await Promise.all(ordinary.map((c) => c.ok({ type: "load_scenario", scenario: busyScenario(400) })));
    const noisy: number[] = [];
    const noisyUntil = performance.now() + (quick ? 5_000 : 15_000);
    await Promise.all(ordinary.map((c) => stepLoop(c, noisyUntil, noisy)));
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { worldProcesses: { restarts: number }; sessions: { quarantined: number } };
    await Promise.all([heavy, sqlClient, ...ordinary].map((c) => c.close()));

    printFigures("Live sessions (real server, 2 world processes, real ws clients)", [
      { name: "step round trip, 50 sessions", value: `p50 ${fixed(median(samples), 1)} ms  p99 ${fixed(percentile(samples, 99), 1)} ms`, note: `${samples.length} steps; goal p99 <= 50 ms` },
      { name: "trace streamed to one client", value: `${fixed(entriesPerSecond, 0)} entries/s`, note: `${streamer.trace.length} entries in ${fixed(streamSeconds, 2)} s (play at max, every entry validated by the client); goal >= 50,000/s` },
      { name: "recovery of a 1,000-step session", value: `${fixed(recoveryMs, 0)} ms`, note: `kill -9 → next step answered (${answer.type}); goal <= 1 s` },
      { name: "RSS per idle session", value: `${fixed((rssAfter - rssBefore) / 50, 2)} MB`, note: `50 sessions with a warm isolate each, world processes' RSS; ${fixed(rssLoaded, 0)} MB with 50 busy sessions` },
      { name: "ordinary step p99 beside hostile neighbours", value: `p50 ${fixed(median(noisy), 1)} ms  p99 ${fixed(percentile(noisy, 99), 1)} ms`, note: `20 sessions; a CPU-heavy session at max speed and an endless SQL (restarts ${health.worldProcesses.restarts}, quarantined ${health.sessions.quarantined}); goal p99 <= 100 ms` },
    ]);
  } finally {
    await server.close();
  }
}
