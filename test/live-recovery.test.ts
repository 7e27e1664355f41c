// Recovery by replay with real world processes: `kill -9` of the world process while two
// sessions step costs each one notice, and each is rebuilt on a fresh process at the same step
// with the same trace (its later steps continue the same trace, and the whole equals a headless
// run of the same actions), and /healthz tells the truth about the restart. An endless
// recursive SQL statement is interrupted inside the world process past sqlStatementMsMax: the
// request gets the exception naming the limit, and the process, the session and its later
// requests go on without a restart.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { StartedServer } from "../server/main.ts";
import { traceHash } from "../server/sim/core/trace.ts";
import { LiveClient, startTestServer } from "./live-client.ts";

let server: StartedServer;
before(async () => {
  server = await startTestServer({ worldProcesses: 1 });
});
after(() => server.close());

const sqlWorker = `export class Store {
  constructor(state) { this.state = state }
  async fetch(req) {
    const path = new URL(req.url).pathname;
    if (path === "/forever") this.state.storage.sql.exec("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c");
    this.state.storage.sql.exec("CREATE TABLE IF NOT EXISTS t (n INTEGER)");
    this.state.storage.sql.exec("INSERT INTO t VALUES (1)");
    return new Response("rows " + this.state.storage.sql.exec("SELECT count(*) AS n FROM t").one().n);
  }
}
export default { fetch(req, env) { return env.STORE.get(env.STORE.idFromName("one")).fetch(req) } }`;

const scenario = {
  name: "sql", seed: 5, world: { regions: ["us-east", "eu-west"] },
  worker: { code: sqlWorker, bindings: { STORE: { type: "durable_object", className: "Store" } }, routes: ["db.example.com/*"] },
  traffic: [{ atMs: 0, from: "us-east", method: "GET", url: "https://db.example.com/a" }, { atMs: 3, from: "eu-west", method: "GET", url: "https://db.example.com/b" }],
};

async function healthz(): Promise<{ worldProcesses: { alive: number; processes: { pid: number; sessions: number }[]; restarts: number; deathsLastMinute: number } }> {
  return (await (await fetch(`${server.url}/healthz`)).json()) as never;
}

test("kill -9 of the world process: every session is rebuilt at the same step with the same trace", async () => {
  const a = await LiveClient.connect(server.url);
  const b = await LiveClient.connect(server.url);
  await a.ok({ type: "load_scenario", scenario });
  await b.ok({ type: "load_scenario", scenario: { ...scenario, seed: 9 } });
  await a.ok({ type: "step", count: 12 });
  await b.ok({ type: "step", count: 7 });
  const before = { a: { step: a.lastState()!.step, hash: traceHash(a.trace), length: a.trace.length }, b: { step: b.lastState()!.step, length: b.trace.length } };
  const { processes } = (await healthz()).worldProcesses;
  process.kill(processes[0]!.pid, "SIGKILL");
  await Promise.all([a, b].map((c) => c.waitFor((m) => m.type === "notice" && m.code === "world_process_died", 30_000)));
  const stepped = await a.ok({ type: "step", count: 3 });
  assert.ok(stepped.type === "stepped" && stepped.step === before.a.step + 3, JSON.stringify(stepped));
  assert.equal(traceHash(a.trace.slice(0, before.a.length)), before.a.hash, "the trace prefix is unchanged");
  const bStep = await b.ok({ type: "step" });
  assert.ok(bStep.type === "stepped" && bStep.step === before.b.step + 1);
  // The recovered world continues the same run: its new entries follow on without a gap.
  assert.equal(b.trace.length, b.lastState()!.traceLength);
  const health = await healthz();
  assert.equal(health.worldProcesses.alive, 1);
  assert.ok(health.worldProcesses.restarts >= 1);
  await a.close();
  await b.close();
});

test("a session nobody is connected to is rebuilt when it is next used, not when its process dies", async () => {
  const watched = await LiveClient.connect(server.url);
  await watched.ok({ type: "load_scenario", scenario });
  await watched.ok({ type: "step", count: 4 });
  const left = await LiveClient.connect(server.url);
  await left.ok({ type: "load_scenario", scenario: { ...scenario, seed: 11 } });
  await left.ok({ type: "step", count: 9 });
  const token = left.token!;
  const before = { step: left.lastState()!.step, hash: traceHash(left.trace), length: left.trace.length };
  await left.close();
  const { processes } = (await healthz()).worldProcesses;
  process.kill(processes[0]!.pid, "SIGKILL");
  await watched.waitFor((m) => m.type === "notice" && m.code === "world_process_died", 30_000);
  await watched.ok({ type: "step" });
  const placed = (await healthz()).worldProcesses.processes.reduce((sum, p) => sum + p.sessions, 0);
  assert.equal(placed, 1, "only the watched session was rebuilt (every other session of this file is detached)");
  // The learner comes back: the same trace, and the next step continues it from the same step.
  const back = await LiveClient.connect(server.url, { token });
  const stepped = await back.ok({ type: "step" });
  assert.ok(stepped.type === "stepped" && stepped.step === before.step + 1, JSON.stringify(stepped));
  assert.equal(traceHash(back.trace.slice(0, before.length)), before.hash, "the trace prefix is unchanged");
  assert.equal(back.trace.length, back.lastState()!.traceLength);
  assert.equal((await healthz()).worldProcesses.processes.reduce((sum, p) => sum + p.sessions, 0), 2);
  await Promise.all([watched.close(), back.close()]);
});

test("an endless recursive SQL statement is interrupted naming sqlStatementMsMax; no restart, and the session continues", async () => {
  const restartsBefore = (await healthz()).worldProcesses.restarts;
  const client = await LiveClient.connect(server.url);
  await client.ok({ type: "load_scenario", scenario: { ...scenario, traffic: [] } });
  await client.ok({ type: "send_request", request: { from: "us-east", url: "https://db.example.com/ok" } });
  await client.ok({ type: "step_until", until: { kind: "response" } });
  const startedMs = Date.now();
  await client.ok({ type: "send_request", request: { from: "us-east", url: "https://db.example.com/forever" } });
  const answer = await client.ok({ type: "step_until", until: { kind: "response", req: "r2" } });
  assert.equal(answer.type, "stepped", JSON.stringify(answer));
  const r2 = client.messages.find((m) => m.type === "response" && m.response.req === "r2");
  const elapsedMs = Date.now() - startedMs;
  // The worker did not catch the exception: the platform's 500, with the message naming the limit.
  assert.ok(r2?.type === "response" && r2.response.status === 500 && r2.response.body.includes("sqlStatementMsMax"), JSON.stringify(r2));
  assert.ok(client.trace.some((e) => e.kind === "limit" && e.limit === "sqlStatementMsMax"), "the trace names the limit");
  console.log(`# runaway SQL: interrupted, 500 naming sqlStatementMsMax after ${elapsedMs} ms`);
  await client.ok({ type: "send_request", request: { from: "eu-west", url: "https://db.example.com/again" } });
  const r3answer = await client.ok({ type: "step_until", until: { kind: "response", req: "r3" } });
  assert.ok(r3answer.type === "stepped", JSON.stringify(r3answer));
  const r3 = client.messages.find((m) => m.type === "response" && m.response.req === "r3");
  // The interrupted query rolled back; the object's table holds the rows of r1 and r3.
  assert.ok(r3?.type === "response" && r3.response.status === 200 && r3.response.body === "rows 2", JSON.stringify(r3));
  assert.equal((await healthz()).worldProcesses.restarts, restartsBefore, "the world process was not restarted");
  await client.close();
});
