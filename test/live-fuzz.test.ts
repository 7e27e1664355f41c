// Fuzz of the live protocol (seeded, so a failure reproduces: FUZZ_SEED=N): 10,000 random,
// malformed, oversized, out-of-order and flooding messages over several real connections to a
// real server. Every answer is a valid protocol message (the client validates each against the
// schema), every error carries a known code, the server never crashes, and afterwards the same
// connection runs a live session. A second part floods a connection at the product's real rate
// limit and sees one `rate_limited` error naming messagesPerSecondMax, not a crash.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { errorCodes, protocolLimits, protocolVersion } from "../server/protocol/index.ts";
import type { StartedServer } from "../server/main.ts";
import { helloScenario, LiveClient, startTestServer } from "./live-client.ts";

let server: StartedServer;
let limited: StartedServer;
before(async () => {
  server = await startTestServer({ worldProcesses: 1, rate: { perSecond: 1_000_000, burst: 1_000_000 } });
  limited = await startTestServer({ worldProcesses: 1 });
});
after(async () => {
  await server.close();
  await limited.close();
});

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const types = ["hello", "load_scenario", "load_lesson", "list_lessons", "check_lesson", "reset", "deploy", "send_request", "inject_fault", "heal_fault", "play", "pause", "step", "step_until", "choose", "seek", "resync", "save_project", "open_project", "list_projects", "rename_project", "delete_project", "share", "open_share", "nope", ""];
const junkValues = [null, true, -1, 1e309, 2 ** 53, "x", "", [], {}, [1, [2]], { a: { b: {} } }, "\u0000\ud800", "r".repeat(5_000)];

function fuzzMessage(random: () => number, id: number): string {
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const kind = random();
  if (kind < 0.1) return pick(["{", "[]", "null", "\"hello\"", "{\"type\":", "{}", "💥", "{\"type\":\"step\",\"count\":1e999}"]);
  if (kind < 0.15) return JSON.stringify({ type: pick(types), id, name: "n".repeat(200 + Math.floor(random() * 40_000)) });
  const message: Record<string, unknown> = { type: pick(types), id: random() < 0.9 ? id : pick(junkValues) };
  const fields = ["scenario", "seed", "lessonId", "deploy", "request", "fault", "faultId", "speed", "count", "until", "eventsMax", "eventId", "step", "fromOffset", "name", "projectId", "editor", "fragment", "version", "token", "predictions"];
  for (let i = Math.floor(random() * 4); i > 0; i--) message[pick(fields)] = pick([...junkValues, { kind: pick(["partition", "response", "object", "time"]) }, { from: "us-east", url: "https://a.example.com/" }, Math.floor(random() * 1000)]);
  if (message.type === "hello") message.version = random() < 0.5 ? protocolVersion : 99;
  return JSON.stringify(message);
}

test("10,000 fuzzed messages over several connections: coded answers, no crash, then a live session works", async () => {
  const seed = Number(process.env.FUZZ_SEED ?? 20261201);
  const random = prng(seed);
  const clients = await Promise.all([0, 1, 2, 3].map(() => LiveClient.connect(server.url)));
  let sent = 0;
  for (let round = 0; sent < 10_000; round++) {
    for (const client of clients) {
      for (let burst = Math.floor(random() * 50); burst >= 0 && sent < 10_000; burst--) client.socket.send(fuzzMessage(random, ++sent));
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  // A marker per connection: once it is answered, everything before it was handled.
  await Promise.all(clients.map((c) => c.call({ type: "list_projects" })));
  const errors = clients.flatMap((c) => c.messages.filter((m) => m.type === "error"));
  assert.ok(errors.length > 5_000, `most fuzzed messages are refused (${errors.length}); reproduce with FUZZ_SEED=${seed}`);
  for (const e of errors) assert.ok(e.type === "error" && (errorCodes as readonly string[]).includes(e.code) && e.message.length > 0 && !/\/work\/|node_modules|at \w+ \(/.test(e.message), `seed ${seed}: ${JSON.stringify(e).slice(0, 300)}`);
  assert.ok(errors.some((e) => e.type === "error" && e.code === "bad_message" && e.path !== undefined && e.path !== ""), "errors name the bad field");
  const health = (await (await fetch(`${server.url}/healthz`)).json()) as { ok: boolean };
  assert.equal(health.ok, true);
  // The same connection still runs a live session.
  const client = clients[0]!;
  await client.ok({ type: "load_scenario", scenario: helloScenario });
  await client.ok({ type: "step_until", until: { kind: "response" } });
  assert.ok(client.messages.some((m) => m.type === "response" && m.response.req === "r1"));
  await Promise.all(clients.map((c) => c.close()));
});

test("a flood at the real rate limit is refused naming messagesPerSecondMax; the connection lives on", async () => {
  const client = await LiveClient.connect(limited.url);
  for (let i = 0; i < protocolLimits.messageBurstMax * 3; i++) client.socket.send(JSON.stringify({ type: "pause", id: 100_000 + i }));
  const refused = await client.waitFor((m) => m.type === "error" && m.code === "rate_limited");
  assert.ok(refused.type === "error" && refused.limit === "messagesPerSecondMax" && refused.blame === "user");
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  await client.ok({ type: "list_projects" });
  await client.close();
});
