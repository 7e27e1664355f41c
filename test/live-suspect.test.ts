// Integration: a session whose code kills its world process is rebuilt on that slot's restarted
// process, alone, so its next kills take down only its own process (16 §1: "recovered elsewhere
// while the others keep their process"). Real server, two world processes, real clients: six
// neighbours spread over both processes, a killer that kills until it is quarantined. Each
// neighbour loses its process at most once (the first kill, which nothing could foresee), and
// after that first kill every neighbour keeps its process.
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

const killerScenario = {
  name: "killer", seed: 2, world: { regions: ["us-east"] },
  worker: {
    code: `export class Store { constructor(s) { this.s = s } fetch() { return new Response(String((7n ** 20000000n) % 10n)) } }
export default { fetch(req, env) { return env.STORE.get(env.STORE.idFromName("one")).fetch(req) } }`,
    bindings: { STORE: { type: "durable_object", className: "Store" } }, routes: ["k.example.com/*"],
  },
  traffic: [],
};

const pidOf = (client: LiveClient) => server.sessions.all.find((s) => s.token === client.token)?.processPid;

test("a killer's next kills take down only its own process: each neighbour loses its process at most once", async () => {
  const killer = await LiveClient.connect(server.url);
  await killer.ok({ type: "load_scenario", scenario: killerScenario });
  const neighbours: LiveClient[] = [];
  for (let i = 0; i < 6; i++) {
    const n = await LiveClient.connect(server.url);
    await n.ok({ type: "load_scenario", scenario: helloScenario });
    neighbours.push(n);
  }
  assert.ok(neighbours.some((n) => pidOf(n) === pidOf(killer)), "some neighbours share the killer's first process");
  let afterFirst: (number | undefined)[] = [];
  for (let attempt = 1; attempt <= sessionLimits.processKillsMax; attempt++) {
    const sent = await killer.call({ type: "send_request", request: { from: "us-east", url: `https://k.example.com/${attempt}` } });
    const answer = sent.type !== "request_sent" ? sent : await killer.call({ type: "step_until", until: { kind: "response", req: sent.req } });
    assert.equal(answer.type, "error", JSON.stringify(answer));
    // Every neighbour is served after each kill (those of the killed process are rebuilt first).
    for (const n of neighbours) assert.equal((await n.ok({ type: "step" })).type, "stepped");
    if (attempt === 1) afterFirst = neighbours.map(pidOf);
    else assert.deepEqual(neighbours.map(pidOf), afterFirst, `after kill ${attempt} every neighbour is on the process it had after the first`);
    assert.ok(!afterFirst.includes(pidOf(killer)), `after kill ${attempt} the killer is alone on its process`);
  }
  const deathsSeen = neighbours.map((n) => n.messages.filter((m) => m.type === "notice" && m.code === "world_process_died").length);
  assert.ok(deathsSeen.every((d) => d <= 1), `world_process_died notices per neighbour: ${deathsSeen.join(", ")}`);
  assert.ok(killer.messages.some((m) => m.type === "notice" && m.code === "quarantined"), "the killer was quarantined");
  await Promise.all([killer, ...neighbours].map((c) => c.close()));
});
