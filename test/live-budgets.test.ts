// Integration: each session's own budgets (issue 16 §1), against a real server with one world
// process that every session shares, real isolates and real WebSocket clients. A session over
// its CPU share (sessionCpuMsPerMinuteMax) is paused, over its memory (sessionMemoryMbMax) its
// world is closed, over its trace entries (traceEntriesPerSessionMax) its run stops: each with a
// message naming the budget, to that session only. After each, a neighbour on the same process
// steps and gets its 200. The server lowers the budgets (ServerOptions.sessionBudgets, which may
// lower them, never raise them), so small programs reach them in seconds.

import { strict as assert } from "node:assert";
import { after, before, test } from "node:test";
import type { StartedServer } from "../server/main.ts";
import { startServer } from "../server/main.ts";
import { LiveClient, startTestServer } from "./live-client.ts";

const budgets = { sessionCpuMsPerMinuteMax: 1_500, sessionMemoryMbMax: 40, traceEntriesPerSessionMax: 3_000 };
let server: StartedServer;
let neighbour: LiveClient;
before(async () => {
  server = await startTestServer({ worldProcesses: 1, sessionBudgets: budgets, rate: { perSecond: 10_000, burst: 10_000 } });
  neighbour = await LiveClient.connect(server.url);
  await neighbour.ok({ type: "load_scenario", scenario: scenarioOf(`export default { fetch() { return new Response("neighbour ok") } }`, 2_000) });
});
after(async () => {
  await neighbour.close();
  await server.close();
});

function scenarioOf(code: string, requests: number) {
  return {
    name: "budget",
    seed: 4,
    world: { regions: ["us-east"] },
    worker: { code, routes: ["b.example.com/*"] },
    traffic: Array.from({ length: requests }, (_, i) => ({ atMs: i * 10, from: "us-east", method: "GET", url: `https://b.example.com/${i}` })),
  };
}

/** The neighbour, on the same world process, steps until its next response, and it is a 200. */
async function neighbourAnswers(): Promise<void> {
  const before = neighbour.messages.filter((m) => m.type === "response").length;
  const stepped = await neighbour.ok({ type: "step_until", until: { kind: "response" }, eventsMax: 1_000 });
  assert.equal(stepped.type, "stepped");
  const responses = neighbour.messages.filter((m) => m.type === "response");
  assert.equal(responses.length, before + 1);
  const last = responses[responses.length - 1]!;
  assert.ok(last.type === "response" && last.response.status === 200 && last.response.body === "neighbour ok", JSON.stringify(last));
}

async function processesUnharmed(): Promise<void> {
  const health = (await (await fetch(`${server.url}/healthz`)).json()) as { worldProcesses: { alive: number; restarts: number } };
  assert.equal(health.worldProcesses.alive, 1);
  assert.equal(health.worldProcesses.restarts, 0);
}

test("a session over its CPU share is paused with a message naming sessionCpuMsPerMinuteMax; its neighbour steps on", async () => {
  const heavy = await LiveClient.connect(server.url);
  try {
    // Several ms a request: its CPU share (1.5 s) is used up long before its trace reaches 3,000
    // entries, on a fast machine too (at 2e6 iterations the trace budget came first there).
    await heavy.ok({ type: "load_scenario", scenario: scenarioOf(`export default { fetch() { let x = 0; for (let i = 0; i < 8e6; i++) x += i % 7; return new Response(String(x)) } }`, 2_000) });
    let refused = null;
    for (let i = 0; i < 200 && refused === null; i++) {
      const answer = await heavy.call({ type: "step", count: 200 });
      if (answer.type === "error") refused = answer;
    }
    assert.ok(refused && refused.type === "error" && refused.code === "limit" && refused.limit === "sessionCpuMsPerMinuteMax", JSON.stringify(refused));
    assert.match(refused.message, /more than its share of 1500 ms \(sessionCpuMsPerMinuteMax\); it is paused/);
    // Still paused on the next try; the neighbour is not.
    const again = await heavy.call({ type: "step" });
    assert.ok(again.type === "error" && again.limit === "sessionCpuMsPerMinuteMax", JSON.stringify(again));
    await neighbourAnswers();
    await processesUnharmed();
  } finally {
    await heavy.close();
  }
});

test("a session whose isolates hold more than its memory budget has its world closed, naming sessionMemoryMbMax; its neighbour steps on", async () => {
  const grower = await LiveClient.connect(server.url);
  try {
    // Each request keeps 8 MB more in the isolate's heap.
    const code = `export default { fetch() { (globalThis.keep ??= []).push(new Array(1e6).fill(1.5)); return new Response(String(globalThis.keep.length)) } }`;
    await grower.ok({ type: "load_scenario", scenario: scenarioOf(code, 40) });
    const notice = grower.waitFor((m) => m.type === "notice" && m.code === "limit");
    let refused = null;
    for (let i = 0; i < 40 && refused === null; i++) {
      const answer = await grower.call({ type: "step_until", until: { kind: "response" }, eventsMax: 1_000 });
      if (answer.type === "error") refused = answer;
    }
    assert.ok(refused && refused.type === "error" && refused.code === "limit", JSON.stringify(refused));
    assert.match(refused.message, /more than 40 MB \(sessionMemoryMbMax\); its world was closed so the sessions beside it keep running/);
    const said = await notice;
    assert.ok(said.type === "notice" && /sessionMemoryMbMax/.test(said.message), JSON.stringify(said));
    // Closed until a load or reset: the next step says so by name.
    const again = await grower.call({ type: "step" });
    assert.ok(again.type === "error" && again.limit === "sessionMemoryMbMax", JSON.stringify(again));
    await neighbourAnswers();
    await processesUnharmed();
  } finally {
    await grower.close();
  }
});

test("a session whose trace reaches its entries budget stops with a notice naming traceEntriesPerSessionMax; its neighbour steps on", async () => {
  const chatty = await LiveClient.connect(server.url);
  try {
    await chatty.ok({ type: "load_scenario", scenario: scenarioOf(`export default { fetch() { return new Response("x") } }`, 1_000) });
    const notice = chatty.waitFor((m) => m.type === "notice" && m.code === "limit");
    const stepped = await chatty.ok({ type: "step", count: 20_000 });
    assert.ok(stepped.type === "stepped" && stepped.stopped === "limit", JSON.stringify(stepped));
    const said = await notice;
    assert.ok(said.type === "notice" && /3000 entries \(traceEntriesPerSessionMax\)/.test(said.message), JSON.stringify(said));
    assert.ok(chatty.trace.length >= 3_000 && chatty.trace.length < 3_100, `trace kept: ${chatty.trace.length}`);
    await neighbourAnswers();
    await processesUnharmed();
  } finally {
    await chatty.close();
  }
});

test("a budget above its default is refused by name when the server starts", async () => {
  await assert.rejects(startServer({ port: 0, log: () => {}, sessionBudgets: { sessionMemoryMbMax: 10_000 } }), /sessionBudgets\.sessionMemoryMbMax: expected an integer from 1 to 256/);
});
