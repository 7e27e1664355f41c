// Integration: the run's own bounds, reached from worker programs on real isolates, end the run
// cleanly (issue 12 §2): the responses so far, `stoppedBy` naming the limit, a last trace entry
// `run_end` that names it too, never an AssertionError or a hang. Each program is preceded by
// an ordinary request (answered 200 before the bound) and followed by an ordinary run on the
// same sandbox (the host is unharmed). The CLI (`npm run scenario`) says which bound ended the
// run, and a live session gets a coded notice naming it.

import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { createSandboxFactory } from "../sandbox/index.ts";
import type { StartedServer } from "../server/main.ts";
import { limits } from "../server/sim/core/limits.ts";
import { parseScenario } from "../server/sim/scenario.ts";
import { World, type RunResult } from "../server/sim/world/world.ts";
import { SqliteStorageProvider } from "../server/store/sqlite-object-storage.ts";
import { LiveClient, startTestServer } from "./live-client.ts";

const dir = mkdtempSync(join(tmpdir(), "run-bounds-"));
const sandbox = createSandboxFactory();
let server: StartedServer;
before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server.close();
  sandbox.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const code = `
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const n = Number(url.searchParams.get("n") ?? "0");
    switch (url.pathname) {
      case "/logs": {
        // n children, each logging 200 lines (logLinesPerRequestMax) of \`chars\` characters.
        const line = "x".repeat(Number(url.searchParams.get("chars") ?? "1"));
        if (url.searchParams.get("child") === "1") {
          for (let i = 0; i < 200; i++) console.log(line);
          return new Response("logged");
        }
        const child = new URL(request.url);
        child.searchParams.set("child", "1");
        await Promise.all(Array.from({ length: n }, () => fetch(child.href)));
        return new Response("done");
      }
      case "/slow-origin": {
        await Promise.all(Array.from({ length: n }, () => fetch("https://slow.example.net/")));
        return new Response("done");
      }
      case "/ops": {
        // n log lines in one delivery: n + 2 operations with the response and request_done.
        for (let i = 0; i < n; i++) console.log("op " + i);
        return new Response("logged " + n);
      }
      case "/alarm": {
        const stub = env.TICK.get(env.TICK.idFromName("t"));
        return stub.fetch(request);
      }
      default: return new Response("ok");
    }
  },
};
export class Tick {
  constructor(ctx) { this.ctx = ctx; }
  async fetch() {
    await this.ctx.storage.setAlarm(Date.now() + 1000);
    return new Response("armed");
  }
  async alarm() {
    await this.ctx.storage.setAlarm(Date.now() + 1000);
  }
}`;

function scenarioOf(traffic: { atMs: number; path: string }[], world: Record<string, unknown> = {}) {
  return {
    name: "run-bounds",
    seed: 3,
    world: { regions: ["us-east"], ...world },
    worker: { name: "app", code, routes: ["app.example.com/*"], bindings: { TICK: { type: "durable_object", className: "Tick" } } },
    origins: [{ host: "slow.example.net", latencyMs: 5_000, body: "slow" }],
    traffic: traffic.map((t) => ({ atMs: t.atMs, from: "us-east", method: "GET", url: `https://app.example.com${t.path}` })),
  };
}

let runs = 0;
function run(scenario: unknown): RunResult {
  const parsed = parseScenario(scenario);
  assert.ok(parsed.ok, parsed.ok ? "" : parsed.error.message);
  const storage = new SqliteStorageProvider({ dir: join(dir, `run${++runs}`) });
  const world = new World(parsed.value, { isolates: sandbox, objectStorage: storage });
  try {
    return world.run();
  } finally {
    world.dispose();
    storage.closeAll();
  }
}

/** The run ended cleanly at `limit`: the first (ordinary) request answered, the last entry names it. */
function assertEndedAt(result: RunResult, limit: string): void {
  assert.equal(result.stoppedBy, limit);
  assert.equal(result.completed, false);
  const last = result.trace[result.trace.length - 1]!;
  assert.ok(last.kind === "run_end" && last.limit === limit && last.message.includes(limit), JSON.stringify(last));
  assert.equal(result.trace.filter((e) => e.kind === "run_end").length, 1);
  assert.deepEqual(result.responses[0] && [result.responses[0].status, result.responses[0].body], [200, "ok"]);
  // The host is unharmed: an ordinary run on the same sandbox answers 200.
  const next = run(scenarioOf([{ atMs: 0, path: "/" }]));
  assert.deepEqual(next.responses.map((r) => r && r.status), [200]);
}

test("a trace longer than traceEntriesMax ends the run cleanly at the bound", () => {
  // 60 trees of 50 children, each logging 200 one-character lines: about 600,000 entries (small
  // trees, so no tree comes near its own CPU budget, treeCpuMsMax, even on a loaded machine).
  const result = run(scenarioOf([{ atMs: 0, path: "/" }, ...Array.from({ length: 60 }, (_, i) => ({ atMs: (i + 1) * 1_000, path: "/logs?n=50" }))]));
  assert.equal(result.trace.length, limits.traceEntriesMax);
  assertEndedAt(result, "traceEntriesMax");
});

// The next bounds are reached first by other bounds at their defaults (logLinesPerRequestMax,
// timersPerIsolateMax, subrequestsPerTreeMax, runTimeMsMax...), so the scenario lowers them
// (world.eventsPerRunMax, world.traceEntriesMax, world.opsPerDeliveryMax: options that may lower
// a bound, never raise it) and a small worker program reaches each.

test("a lowered traceEntriesMax (world.traceEntriesMax) ends the run cleanly at it", () => {
  const result = run(scenarioOf([{ atMs: 0, path: "/" }, ...[1, 2, 3].map((i) => ({ atMs: i * 1_000, path: "/logs?n=10" }))], { traceEntriesMax: 3_000 }));
  assert.equal(result.trace.length, 3_000);
  assertEndedAt(result, "traceEntriesMax");
  assert.match((result.trace[result.trace.length - 1] as { message: string }).message, /traceEntriesMax \(3000 entries\)/);
});

test("an alarm that re-arms every second reaches a lowered eventsPerRunMax (world.eventsPerRunMax): the run ends cleanly at it", () => {
  const result = run(scenarioOf([{ atMs: 0, path: "/" }, { atMs: 1_000, path: "/alarm" }], { eventsPerRunMax: 2_000 }));
  assert.equal(result.responses[1]?.status, 200);
  assertEndedAt(result, "eventsPerRunMax");
  assert.match((result.trace[result.trace.length - 1] as { message: string }).message, /eventsPerRunMax \(2000 events\)/);
  // It was the event count, not the virtual time, that ended it: the alarm had run far less than 2 h.
  assert.ok(result.trace[result.trace.length - 1]!.t < 2 * 60 * 60 * 1000);
});

test("more operations in one delivery than a lowered opsPerDeliveryMax (world.opsPerDeliveryMax): that request gets a 503 naming it, the next answers 200", () => {
  const result = run(scenarioOf([{ atMs: 0, path: "/" }, { atMs: 1_000, path: "/ops?n=150" }, { atMs: 2_000, path: "/ops?n=50" }, { atMs: 3_000, path: "/" }], { opsPerDeliveryMax: 100 }));
  assert.equal(result.stoppedBy, null);
  const [first, refused, under, last] = result.responses;
  assert.deepEqual(first && [first.status, first.body], [200, "ok"]);
  assert.equal(refused?.status, 503);
  assert.match(refused?.body ?? "", /more than opsPerDeliveryMax \(100\) operations in one delivery \(152\)/);
  assert.ok(result.trace.some((e) => e.kind === "limit" && e.limit === "opsPerDeliveryMax"));
  assert.deepEqual(under && [under.status, under.body], [200, "logged 50"]);
  assert.deepEqual(last && [last.status, last.body], [200, "ok"]);
});

test("a scenario may lower the run's bounds, never raise them: a higher value is refused naming the field", () => {
  for (const key of ["eventsPerRunMax", "traceEntriesMax", "opsPerDeliveryMax"] as const) {
    const parsed = parseScenario(scenarioOf([{ atMs: 0, path: "/" }], { [key]: limits[key] + 1 }));
    assert.ok(!parsed.ok && parsed.error.message.includes(`world.${key}`) && parsed.error.message.includes(String(limits[key])), JSON.stringify(parsed));
  }
});

test("a trace with more than traceTextCharsMax characters of log lines ends the run cleanly at the bound", () => {
  // 4 trees of 30 children, each logging 200 lines of 2,000 characters: 48 million characters.
  const result = run(scenarioOf([{ atMs: 0, path: "/" }, ...[1, 2, 3, 4].map((i) => ({ atMs: i * 1_000, path: "/logs?n=30&chars=2000" }))]));
  assert.ok(result.trace.length < 100_000);
  assertEndedAt(result, "traceTextCharsMax");
});

test("more than pendingEventsMax events pending ends the run cleanly at the bound", () => {
  // 210 requests, each with 999 fetches in flight to a slow origin: about 210,000 pending answers.
  const traffic = [{ atMs: 0, path: "/" }, ...Array.from({ length: 210 }, () => ({ atMs: 1_000, path: "/slow-origin?n=999" }))];
  const result = run(scenarioOf(traffic));
  assertEndedAt(result, "pendingEventsMax");
});

test("work still pending at runTimeMsMax (an alarm that re-arms forever) ends the run cleanly, saying so", () => {
  const result = run(scenarioOf([{ atMs: 0, path: "/" }, { atMs: 1_000, path: "/alarm" }], { runTimeMsMax: 20_000 }));
  assert.equal(result.responses[1]?.status, 200);
  assertEndedAt(result, "runTimeMsMax");
});

test("the CLI says which bound ended the run and still prints the result, exit code 1", () => {
  const file = join(dir, "alarm.json");
  writeFileSync(file, JSON.stringify(scenarioOf([{ atMs: 0, path: "/" }, { atMs: 1_000, path: "/alarm" }], { runTimeMsMax: 20_000 })));
  const cli = spawnSync(process.execPath, ["--no-node-snapshot", "--import", "tsx", "server/cli/scenario.ts", file], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  assert.equal(cli.status, 1, cli.stderr);
  assert.match(cli.stderr, /the run ended at runTimeMsMax: the run reached runTimeMsMax \(20000 ms of virtual time\)/);
  const output = JSON.parse(cli.stdout) as RunResult;
  assert.equal(output.stoppedBy, "runTimeMsMax");
  assert.equal(output.responses[0]?.status, 200);
  assert.equal(output.trace[output.trace.length - 1]?.kind, "run_end");
});

test("a live session that reaches a bound of its run gets a notice coded limit naming it", async () => {
  const client = await LiveClient.connect(server.url);
  try {
    await client.ok({ type: "load_scenario", scenario: scenarioOf([{ atMs: 0, path: "/" }, { atMs: 1_000, path: "/alarm" }], { runTimeMsMax: 20_000 }) });
    const notice = client.waitFor((m) => m.type === "notice" && m.code === "limit");
    const stepped = await client.ok({ type: "step_until", until: { kind: "trace_kind", traceKind: "run_end" }, eventsMax: 10_000 });
    assert.ok(stepped.type === "stepped" && stepped.stopped === "limit", JSON.stringify(stepped));
    const said = await notice;
    assert.ok(said.type === "notice" && /runTimeMsMax \(20000 ms of virtual time\)/.test(said.message), JSON.stringify(said));
    assert.equal(client.trace[client.trace.length - 1]?.kind, "run_end");
  } finally {
    await client.close();
  }
});
