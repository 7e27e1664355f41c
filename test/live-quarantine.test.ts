// The supervisor blames the session, not the server (16 §2), with a real server, real world
// processes and real ws clients: one session tries ten times to take its world process down
// (BigInt arithmetic so large that V8 does not stop it at the isolate's CPU limit, so only the
// watchdog killing the process stops it; an endless SQL statement no longer does, since SQLite
// interrupts it). Its first processKillsMax attempts cost a process each (503 naming the limit),
// then the session is quarantined with a clear error and every later attempt — loads included —
// is refused without reaching a process. A neighbour session keeps working throughout, a session
// started afterwards works, and /healthz reports the processes alive, the restarts in the last
// minute and the quarantined session.
import { poolLimits } from "../server/world/pool.ts";
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { StartedServer } from "../server/main.ts";
import { sessionLimits } from "../server/sessions/session.ts";
import { helloScenario, LiveClient, startTestServer } from "./live-client.ts";

let server: StartedServer;
before(async () => {
  // The watchdog is what this test is about: the product's deadline, not the tests' roomier one.
  server = await startTestServer({ worldProcesses: 2, worldCommandMsMax: poolLimits.worldCommandMsMax });
});
after(() => server.close());

const killer = `export class Store {
  constructor(state) { this.state = state }
  fetch() { return new Response(String((7n ** 20000000n) % 10n)) }
}
export default { fetch(req, env) { return env.STORE.get(env.STORE.idFromName("one")).fetch(req) } }`;
const killerScenario = {
  name: "killer", seed: 2, world: { regions: ["us-east"] },
  worker: { code: killer, bindings: { STORE: { type: "durable_object", className: "Store" } }, routes: ["k.example.com/*"] },
  traffic: [],
};

interface Health {
  worldProcesses: { alive: number; restartsLastMinute: number; deathsLastMinute: number };
  sessions: { quarantined: number; quarantinedSessions: { session: string; reason: string }[] };
}

async function healthz(): Promise<Health> {
  return (await (await fetch(`${server.url}/healthz`)).json()) as Health;
}

test("ten attempts from one session to kill its world process: quarantined after processKillsMax, the rest keep working", async () => {
  const neighbour = await LiveClient.connect(server.url);
  await neighbour.ok({ type: "load_scenario", scenario: helloScenario });
  const hostile = await LiveClient.connect(server.url);
  await hostile.ok({ type: "load_scenario", scenario: killerScenario });
  const codes: string[] = [];
  for (let attempt = 1; attempt <= 10; attempt++) {
    const sent = await hostile.call({ type: "send_request", request: { from: "us-east", url: `https://k.example.com/${attempt}` } });
    const answer = sent.type !== "request_sent" ? sent : await hostile.call({ type: "step_until", until: { kind: "response", req: sent.req } });
    assert.equal(answer.type, "error", `attempt ${attempt} cannot succeed: ${JSON.stringify(answer)}`);
    if (answer.type !== "error") return;
    codes.push(answer.code);
    if (answer.code === "world_process_died") assert.ok(["worldCommandMsMax", "worldProcessAbort"].includes(String(answer.limit)), JSON.stringify(answer));
    // The neighbour is served between the attempts.
    const stepped = await neighbour.ok({ type: "step" });
    assert.equal(stepped.type, "stepped");
  }
  // The first processKillsMax - 1 deaths are reported as such; the next one quarantines.
  const kills = sessionLimits.processKillsMax;
  assert.deepEqual(codes, [...Array(kills - 1).fill("world_process_died"), ...Array(10 - kills + 1).fill("quarantined")]);
  const refused = await hostile.call({ type: "load_scenario", scenario: killerScenario });
  assert.ok(refused.type === "error" && refused.code === "quarantined" && refused.limit === "processKillsMax" && /processKillsMax/.test(refused.message), JSON.stringify(refused));
  assert.ok(hostile.messages.some((m) => m.type === "notice" && m.code === "quarantined"), "the session was told");

  const newcomer = await LiveClient.connect(server.url);
  await newcomer.ok({ type: "load_scenario", scenario: helloScenario });
  const answered = await newcomer.ok({ type: "step_until", until: { kind: "response" } });
  assert.equal(answered.type, "stepped");
  assert.ok(newcomer.messages.some((m) => m.type === "response" && m.response.status === 200));

  let health = await healthz();
  for (let i = 0; i < 200 && health.worldProcesses.alive < 2; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    health = await healthz();
  }
  assert.equal(health.worldProcesses.alive, 2, "every process is back");
  assert.equal(health.worldProcesses.deathsLastMinute, kills);
  // Every death was followed by a restart (both in the last minute), and none is still under way.
  assert.equal(health.worldProcesses.restartsLastMinute, kills, JSON.stringify(health.worldProcesses));
  assert.equal((health.worldProcesses as { restarting?: number }).restarting, 0, JSON.stringify(health.worldProcesses));
  assert.equal(health.sessions.quarantined, 1);
  assert.match(health.sessions.quarantinedSessions[0]!.reason, /processKillsMax/);
  await Promise.all([neighbour, hostile, newcomer].map((c) => c.close()));
});
