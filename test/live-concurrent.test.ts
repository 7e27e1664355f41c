// 50 concurrent sessions on one server (two world processes), each playing its own scenario as
// fast as it can: every session completes (all its requests answered) and each session's trace
// equals, byte for byte, the trace of the same scenario and seed in another session — sessions
// sharing a world process do not disturb each other's runs.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { StartedServer } from "../server/main.ts";
import { traceHash } from "../server/sim/core/trace.ts";
import { LiveClient, startTestServer } from "./live-client.ts";

let server: StartedServer;
before(async () => {
  server = await startTestServer({ worldProcesses: 2 });
});
after(() => server.close());

const scenarioFor = (seed: number) => ({
  name: `concurrent-${seed}`,
  seed,
  world: { regions: ["us-east", "eu-west", "ap-south"], runTimeMsMax: 30_000 },
  worker: { code: `export default { async fetch(req, env) { const n = Number(await env.KV.get("n") ?? 0) + 1; await env.KV.put("n", String(n)); return new Response("n=" + n) } }`, bindings: { KV: { type: "kv" } }, routes: ["c.example.com/*"] },
  traffic: ["us-east", "eu-west", "ap-south", "us-east"].map((from, i) => ({ atMs: i * 1_500, from, method: "POST", url: `https://c.example.com/${i}` })),
});

test("50 concurrent sessions each playing a scenario all complete, with the traces their seeds determine", async () => {
  const clients = await Promise.all(Array.from({ length: 50 }, () => LiveClient.connect(server.url)));
  await Promise.all(clients.map((c, i) => c.ok({ type: "load_scenario", scenario: scenarioFor(i % 5) })));
  await Promise.all(clients.map((c) => c.ok({ type: "play", speed: "max" })));
  await Promise.all(clients.map((c) => c.waitFor((m) => m.type === "state" && !m.state.playing, 240_000)));
  const hashes = new Map<number, string>();
  clients.forEach((c, i) => {
    const answered = c.messages.filter((m) => m.type === "response").length;
    assert.equal(answered, 4, `session ${i} got every response`);
    const hash = traceHash(c.trace);
    const seed = i % 5;
    if (!hashes.has(seed)) hashes.set(seed, hash);
    assert.equal(hash, hashes.get(seed), `session ${i} has the trace of seed ${seed}`);
  });
  const health = (await (await fetch(`${server.url}/healthz`)).json()) as { sessions: { live: number } };
  assert.equal(health.sessions.live, 50);
  await Promise.all(clients.map((c) => c.close()));
});
