// Live-session benchmarks (issue 7 and 16 §1), against a real server with real world processes
// and real WebSocket clients: step round trip with 50 concurrent sessions; trace entries
// streamed per second to one client; recovery time of a 1,000-step session after its world
// process is killed; memory per idle session; and the ordinary sessions' step round trip while
// hostile neighbours (a CPU-heavy worker played at full speed, an endless SQL statement) run.
import { poolLimits } from "../server/world/pool.ts";
import { readFileSync } from "node:fs";
import { helloScenario, LiveClient, startTestServer } from "../test/live-client.ts";
import { fixed, median, percentile, printFigures } from "./stats.ts";
import { stepInCrowd, stepLoop } from "./step-clients.ts";

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

/** A hostile class of issue 16 §1 (and 12): a session running it must not slow its neighbours. */
const doScenario = (name: string, code: string, requests = 20) => ({
  ...busyScenario(requests),
  name,
  worker: { code, bindings: { S: { type: "durable_object", className: "S" } }, routes: ["b.example.com/*"] },
});
const toObject = `export default { fetch(req, env) { return env.S.get(env.S.idFromName("x")).fetch(req) } }`;
const hostileClasses = [
  { name: "CPU-heavy", scenario: busyScenario(2_000, `export default { fetch() { let x = 0; for (let i = 0; i < 3e6; i++) x += i % 7; return new Response(String(x)) } }`) },
  { name: "memory grower", scenario: busyScenario(200, `export default { fetch() { (globalThis.keep ??= []).push(new Array(2e6).fill(1.5)); return new Response(String(globalThis.keep.length)) } }`) },
  { name: "endless SQL", scenario: doScenario("endless-sql", `export class S { constructor(s) { this.s = s } fetch() { this.s.storage.sql.exec("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"); return new Response("never") } }\n${toObject}`, 3) },
  { name: "giant SQL result", scenario: doScenario("giant-sql", `export class S { constructor(s) { this.s = s } fetch() { return new Response(String(this.s.storage.sql.exec("SELECT zeroblob(500000000), zeroblob(500000000), zeroblob(500000000)").toArray().length)) } }\n${toObject}`, 5) },
  { name: "alarm loop", scenario: doScenario("alarm-loop", `export class S { constructor(s) { this.s = s } async fetch() { await this.s.storage.setAlarm(Date.now()); return new Response("armed") } async alarm() { await this.s.storage.setAlarm(Date.now()) } }\n${toObject}`, 1) },
  { name: "fan-out 1,000 × 1,000", scenario: busyScenario(5, `export default { async fetch(req) { const u = new URL(req.url); if (u.searchParams.has("leaf")) return new Response("leaf"); await Promise.all(Array.from({ length: 1000 }, () => fetch(u.origin + "/?x=" + (u.searchParams.has("x") ? "leaf&leaf" : "1")).catch(() => null))); return new Response("fanned") } }`) },
  { name: "process killer", scenario: doScenario("killer", `export class S { constructor(s) { this.s = s } fetch() { return new Response(String((7n ** 20000000n) % 10n)) } }\n${toObject}`, 0) },
];

/** The killer sends request after request; each kills its world process until it is quarantined. */
async function killLoop(client: LiveClient, afterFirstKill: () => Promise<void> = async () => {}): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    if (attempt === 1) await afterFirstKill();
    const sent = await client.call({ type: "send_request", request: { from: "us-east", url: `https://b.example.com/kill${attempt}` } }).catch(() => null);
    if (sent === null || sent.type !== "request_sent") return;
    const answer = await client.call({ type: "step_until", until: { kind: "response", req: sent.req } }).catch(() => null);
    if (answer === null || (answer.type === "error" && answer.code === "quarantined")) return;
  }
}

/** The world process each ordinary session is on now. */
function ordinaryPids(server: { sessions: { all: { token: string; processPid: number | undefined }[] } }, clients: LiveClient[]): (number | undefined)[] {
  return clients.map((c) => server.sessions.all.find((s) => s.token === c.token)?.processPid);
}

export async function runSessionBenchmarks(quick: boolean): Promise<void> {
  const server = await startTestServer({ rate: { perSecond: 100_000, burst: 100_000 }, worldCommandMsMax: poolLimits.worldCommandMsMax });
  try {
    // 50 sessions stepping at once, their clients in a process of their own (as browsers are).
    const crowd = await stepInCrowd({ url: server.url, clients: 50, scenario: busyScenario(400), durationMs: quick ? 5_000 : 15_000, warmMs: 3_000 });
    const samples = crowd.all;
    const pids = server.pool.processes.map((p) => p.pid!).filter(Boolean);
    const rssLoaded = pids.reduce((sum, pid) => sum + rssMb(pid), 0);

    // Streaming: one client, a long run played as fast as possible.
    const streamer = await LiveClient.connect(server.url);
    await streamer.ok({ type: "load_scenario", scenario: busyScenario(quick ? 2_000 : 6_000) });
    const streamStart = performance.now();
    await streamer.ok({ type: "play", speed: "max" });
    await streamer.waitFor((m) => m.type === "state" && !m.state.playing, 600_000);
    const streamSeconds = (performance.now() - streamStart) / 1000;
    const entriesPerSecond = streamer.trace.length / streamSeconds;
    // The same trace streamed again from the gateway (what a reload or a resync gets): the
    // streaming path alone, without the world producing the entries.
    const total = streamer.trace.length;
    const since = streamer.messages.length;
    const resyncStart = performance.now();
    streamer.socket.send(JSON.stringify({ type: "resync", fromOffset: 0 }));
    await streamer.waitFor((m) => m.type === "trace" && m.offset + m.entries.length >= total, 60_000, since);
    const resyncPerSecond = total / ((performance.now() - resyncStart) / 1000);

    // Recovery of a 1,000-step session after kill -9 of its world process.
    const recovering = await LiveClient.connect(server.url);
    await recovering.ok({ type: "load_scenario", scenario: busyScenario(400) });
    await recovering.ok({ type: "step", count: 1_000 });
    // The recovering session's own process (another may host the streamer's session).
    const pid = ordinaryPids(server, [recovering])[0] ?? server.pool.processes[0]!.pid!;
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

    // Noisy neighbours (16 §1): one session of each hostile class, played at full speed (the
    // process killer sends request after request), while 20 ordinary sessions step.
    // A load may meet a process a neighbour's code just killed: it is tried again, once.
    const hostile: LiveClient[] = [];
    for (const h of hostileClasses) {
      const client = await LiveClient.connect(server.url);
      const loaded = await client.call({ type: "load_scenario", scenario: h.scenario });
      if (loaded.type === "error") await client.call({ type: "load_scenario", scenario: h.scenario });
      if (h.name !== "process killer") void client.call({ type: "play", speed: "max" });
      hostile.push(client);
    }
    const ordinary = await Promise.all(Array.from({ length: 20 }, () => LiveClient.connect(server.url)));
    for (const c of ordinary) {
      const loaded = await c.call({ type: "load_scenario", scenario: busyScenario(400) });
      if (loaded.type === "error") await c.ok({ type: "load_scenario", scenario: busyScenario(400) });
    }
    await Promise.all(ordinary.map((c) => c.call({ type: "step" })));
    // First every class but the killer; then the killer too, which kills its process until it
    // is quarantined: its session is rebuilt elsewhere, the ordinary sessions on the other process
    // keep theirs, those on its process are rebuilt by replay.
    const noisy: number[] = [];
    await Promise.all(ordinary.map((c) => stepLoop(c, performance.now() + (quick ? 8_000 : 20_000), noisy)));
    const pidsBefore = ordinaryPids(server, ordinary);
    const restartsBefore = server.pool.restarts;
    const killed: number[] = [];
    let pidsAfterFirst: (number | undefined)[] = [];
    // The sessions of the killed process are rebuilt on their next step: give them 3 s.
    const killerDone = killLoop(hostile[hostile.length - 1]!, async () => {
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      pidsAfterFirst = ordinaryPids(server, ordinary);
    });
    await Promise.all(ordinary.map((c) => stepLoop(c, performance.now() + (quick ? 8_000 : 20_000), killed)));
    await killerDone;
    const pidsAfter = ordinaryPids(server, ordinary);
    const kept = pidsBefore.filter((pid, i) => pid === pidsAfter[i]).length;
    // After the first kill (which nothing could foresee), the killer is alone on its slot.
    const keptAfterFirst = pidsAfterFirst.filter((pid, i) => pid === pidsAfter[i]).length;
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { worldProcesses: { restarts: number }; sessions: { quarantined: number } };
    const killerState = hostile[hostileClasses.findIndex((h) => h.name === "process killer")]!.messages.filter((m) => m.type === "error" || (m.type === "notice" && m.code === "quarantined")).map((m) => (m.type === "error" ? m.code : "notice quarantined"));
    await Promise.all([...hostile, ...ordinary].map((c) => c.close()));
    const noisyNote = `20 sessions beside ${hostileClasses.filter((h) => h.name !== "process killer").map((h) => h.name).join(", ")}; goal p99 <= 100 ms`;
    const keptNote = `${kept} of 20 ordinary sessions kept their process (${pidsBefore.filter((p) => !pidsAfter.includes(p)).length} were on a process that died); restarts ${health.worldProcesses.restarts - restartsBefore} meanwhile, quarantined ${health.sessions.quarantined}; the killer saw ${[...new Set(killerState)].join(", ") || "no error"}; processes before ${[...new Set(pidsBefore)].join("/")}, after ${[...new Set(pidsAfter)].join("/")}`;

    printFigures("Live sessions (real server, 2 world processes, real ws clients)", [
      { name: "step round trip, 50 sessions", value: `p50 ${fixed(median(samples), 1)} ms  p99 ${fixed(percentile(samples, 99), 1)} ms`, note: `${samples.length} steps, the first ones cold (150 isolates start at once); clients in their own process; goal p99 <= 50 ms` },
      { name: "the same, once warm", value: `p50 ${fixed(median(crowd.warm), 1)} ms  p99 ${fixed(percentile(crowd.warm, 99), 1)} ms`, note: `${crowd.warm.length} steps begun 3 s or more after the first, when every session's isolates have started` },
      { name: "trace streamed to one client", value: `${fixed(entriesPerSecond, 0)} entries/s`, note: `${streamer.trace.length} entries in ${fixed(streamSeconds, 2)} s, played at max: the world makes them as they stream (every entry validated by the client); goal >= 50,000/s` },
      { name: "the same trace streamed again", value: `${fixed(resyncPerSecond, 0)} entries/s`, note: `resync from 0: the gateway sends a recorded trace (a reload), every entry validated by the client` },
      { name: "recovery of a 1,000-step session", value: `${fixed(recoveryMs, 0)} ms`, note: `kill -9 → next step answered (${answer.type}); goal <= 1 s` },
      { name: "RSS per idle session", value: `${fixed((rssAfter - rssBefore) / 50, 2)} MB`, note: `50 sessions with a warm isolate each, world processes' RSS; ${fixed(rssLoaded, 0)} MB with 50 busy sessions` },
      { name: "ordinary step beside hostile neighbours", value: `p50 ${fixed(median(noisy), 1)} ms  p99 ${fixed(percentile(noisy, 99), 1)} ms`, note: `${noisy.length} steps; ${noisyNote}` },
      { name: "the same, while the killer kills", value: `p50 ${fixed(median(killed), 1)} ms  p99 ${fixed(percentile(killed, 99), 1)} ms`, note: `${killed.length} steps; each kill stops its process for worldCommandMsMax before the watchdog` },
      { name: "a process killed by one session", value: `${kept}/20 kept; ${keptAfterFirst}/20 after its first kill`, note: keptNote },
    ]);
  } finally {
    await server.close();
  }
}
