// World figures, with real isolates (sandbox/) and real SQLite object storage:
//  (a) simulated events per wall second on a KV- and Durable-Object-heavy scenario;
//  (b) Durable Object increments per second from four regions with none lost, against a
//      Durable Object counter in Miniflare (workerd) measured in the same run;
//  (c) scrubbing back: `viewAt(trace, 10 000)` (what the UI uses) and `Stepper.rewind(10 000)`
//      (a full deterministic replay with fresh isolates and storage);
//  (d) whole small runs per second: a fresh world, four requests from four regions at once, the
//      KV counter. The race explorer replays runs like this one, so this sets its speed.
// Only `world.run()` / the measured call is timed: scenario parsing, the warm pool fill and
// Miniflare's startup are not. Figures only: nothing here passes or fails.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSandboxFactory, type Sandbox } from "../sandbox/index.ts";
import { MemoryStorageProvider } from "../server/sim/durable-objects/memory-storage.ts";
import { parseScenario, Stepper, viewAt, World, type Scenario, type WorldDeps } from "../server/sim/index.ts";
import { SqliteStorageProvider } from "../server/store/sqlite-object-storage.ts";
import { startMiniflare } from "./miniflare-peer.ts";
import { fixed, median, msSince, printFigures } from "./stats.ts";

const regions = ["us-west", "us-east", "eu-west", "ap-south"];

/** On each request: a KV get and put (a key per request, so the 1 write/s/key limit is not hit), then a DO increment. */
const kvDoWorker = `
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/kv-do") {
      const key = "k" + url.searchParams.get("i");
      const prev = await env.KV.get(key);
      await env.KV.put(key, String(Number(prev ?? "0") + 1));
    }
    return env.COUNTER.get(env.COUNTER.idFromName(url.searchParams.get("name") ?? "global")).fetch(request);
  },
};
export class Counter {
  constructor(ctx) { this.ctx = ctx; }
  async fetch(request) {
    if (new URL(request.url).pathname === "/count") return new Response(String((await this.ctx.storage.get("n")) ?? 0));
    const n = ((await this.ctx.storage.get("n")) ?? 0) + 1;
    await this.ctx.storage.put("n", n);
    return new Response(String(n));
  }
}`;

function scenario(path: string, requests: number, spacingMs: number): Scenario {
  const parsed = parseScenario({
    name: `bench ${path}`,
    seed: 1,
    worker: { name: "app", code: kvDoWorker, routes: ["app.example.com/*"], bindings: { KV: { type: "kv" }, COUNTER: { type: "durable_object", className: "Counter" } } },
    traffic: Array.from({ length: requests }, (_, i) => ({ atMs: i * spacingMs, from: regions[i % regions.length], method: "POST", url: `https://app.example.com${path}?i=${i}` })),
  });
  if (!parsed.ok) throw new Error(`bench scenario: ${parsed.error.message}`);
  return parsed.value;
}

/** Fresh SQLite storage per world, in a directory removed by `cleanup()`. */
function storageDeps(sandbox: Sandbox) {
  const root = mkdtempSync(join(tmpdir(), "world-bench-"));
  const opened: SqliteStorageProvider[] = [];
  let runs = 0;
  return {
    makeDeps: (): WorldDeps => {
      const objectStorage = new SqliteStorageProvider({ dir: join(root, `run${++runs}`) });
      opened.push(objectStorage);
      return { isolates: sandbox, objectStorage };
    },
    cleanup: () => {
      for (const s of opened) s.closeAll();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

interface TimedRun {
  seconds: number;
  steps: number;
  traceEntries: number;
  completed: boolean;
  bodies: string[];
  statuses: number[];
}

function timedRun(sandbox: Sandbox, s: Scenario): TimedRun {
  const deps = storageDeps(sandbox);
  sandbox.warmUp();
  const world = new World(s, deps.makeDeps());
  try {
    const started = process.hrtime.bigint();
    const result = world.run();
    const seconds = msSince(started) / 1000;
    return {
      seconds, steps: world.stepsRun, traceEntries: world.trace.length, completed: result.completed,
      bodies: result.responses.map((r) => r?.body ?? ""), statuses: result.responses.map((r) => r?.status ?? 0),
    };
  } finally {
    world.dispose();
    deps.cleanup();
  }
}

/** Non-200 responses over the runs, with the first one's status and body (a real isolate can hit a wall-time limit on a loaded machine). */
function nonOk(runs: TimedRun[]): string {
  const bad = runs.flatMap((r) => r.statuses.map((status, i) => ({ status, body: r.bodies[i]! })).filter((x) => x.status !== 200));
  return bad.length === 0 ? "non-200: 0" : `non-200: ${bad.length}, first ${bad[0]!.status} ${JSON.stringify(bad[0]!.body.slice(0, 120))}`;
}

async function miniflareIncrements(n: number, concurrency: number) {
  const mf = await startMiniflare(kvDoWorker, { durableObjects: { COUNTER: "Counter" } });
  try {
    // Warm-up on another object, so the measured counter starts at 0.
    for (let i = 0; i < 20; i++) await (await mf.dispatchFetch("http://localhost/inc?name=warm", { method: "POST" })).text();
    let next = 0;
    let failed = 0;
    const started = process.hrtime.bigint();
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < n) {
        next++;
        const res = await mf.dispatchFetch("http://localhost/inc?name=global", { method: "POST" });
        await res.text();
        if (res.status !== 200) failed++;
      }
    }));
    const seconds = msSince(started) / 1000;
    const finalCount = Number(await (await mf.dispatchFetch("http://localhost/count?name=global")).text());
    return { perSecond: n / seconds, finalCount, failed };
  } finally {
    await mf.dispose();
  }
}

const kvCounterWorker = `
export default {
  async fetch(request, env) {
    const n = Number((await env.COUNTS.get("n")) ?? "0") + 1;
    await env.COUNTS.put("n", String(n));
    return new Response(String(n));
  },
};`;

/**
 * (d): whole runs of a fresh world, back to back as the race explorer runs them: every isolate
 * each run needs (a fresh context in a reused isolate, or a new isolate) is inside the timing.
 * With `prewarmed`, the warm pool is refilled between runs, untimed (the figure of earlier sessions).
 */
function smallRunsPerSecond(sandbox: Sandbox, runs: number, prewarmed = false): { perSecond: number; bodies: string } {
  const parsed = parseScenario({
    name: "bench small kv counter",
    seed: 1,
    worker: { name: "app", code: kvCounterWorker, routes: ["app.example.com/*"], bindings: { COUNTS: { type: "kv" } } },
    traffic: regions.map((from) => ({ atMs: 0, from, method: "POST", url: "https://app.example.com/inc" })),
  });
  if (!parsed.ok) throw new Error(`bench scenario: ${parsed.error.message}`);
  let seconds = 0;
  let bodies = "";
  for (let i = 0; i < runs; i++) {
    if (prewarmed) sandbox.warmUp();
    const started = process.hrtime.bigint();
    const world = new World(parsed.value, { isolates: sandbox, objectStorage: new MemoryStorageProvider() });
    const result = world.run();
    world.dispose();
    seconds += msSince(started) / 1000;
    bodies = result.responses.map((r) => `${r?.status} ${r?.body}`).join(", ");
  }
  return { perSecond: runs / seconds, bodies };
}

export async function runWorldBenchmarks(quick: boolean): Promise<void> {
  const sandbox = createSandboxFactory();
  try {
    // (a) events per wall second, KV get+put and a DO increment per request, 4 regions.
    const requestsA = quick ? 2000 : 5000;
    const scenarioA = scenario("/kv-do", requestsA, 5);
    timedRun(sandbox, scenario("/kv-do", 50, 5)); // warm-up: JIT, code cache
    const runsA = [0, 1, 2].map(() => timedRun(sandbox, scenarioA));
    const eps = runsA.map((r) => r.steps / r.seconds);
    const a = runsA[0]!;
    printFigures("World: simulated events per wall second (KV get+put and a DO increment per request, 4 regions, real isolates + SQLite)", [
      { name: "events per second", value: fixed(median(eps), 0), note: `median of 3; goal >= 30000; each run ${fixed(median(runsA.map((r) => r.seconds)), 2)} s` },
      { name: "run size", value: `${requestsA} requests, ${a.steps} events, ${a.traceEntries} trace entries`, note: `completed ${runsA.every((r) => r.completed)}; ${nonOk(runsA)}` },
    ]);

    // (d) whole small runs per second (fresh world, 4 requests from 4 regions, the KV counter).
    smallRunsPerSecond(sandbox, 5); // warm-up
    const small = [0, 1, 2].map(() => smallRunsPerSecond(sandbox, quick ? 30 : 100));
    const prewarmed = [0, 1, 2].map(() => smallRunsPerSecond(sandbox, quick ? 30 : 100, true));
    printFigures("World: whole small runs per second (a fresh world, 4 requests from 4 regions, the KV counter)", [
      { name: "runs per second", value: fixed(median(small.map((r) => r.perSecond)), 0), note: `median of 3 batches of ${quick ? 30 : 100}, back to back (every isolate's context made inside the timing); goal >= 300; last run answered ${small[0]!.bodies}` },
      { name: "runs per second, pre-warmed", value: fixed(median(prewarmed.map((r) => r.perSecond)), 0), note: "the same, with the warm pool refilled between runs, untimed" },
    ]);

    // (b) DO increments from 4 regions to one counter, none lost; vs Miniflare.
    const n = quick ? 500 : 2000;
    const scenarioB = scenario("/inc", n, 1);
    const runsB = [0, 1, 2].map(() => timedRun(sandbox, scenarioB));
    const ours = median(runsB.map((r) => n / r.seconds));
    const counts = runsB.map((r) => Math.max(...r.bodies.map(Number)));
    const distinct = runsB.map((r) => new Set(r.bodies).size);
    const lost = Math.max(...counts.map((c, i) => n - Math.min(c, distinct[i]!)));
    const concurrency = 16;
    const theirs = await miniflareIncrements(n, concurrency);
    printFigures("World: Durable Object increments per second, 4 regions -> one counter, vs Miniflare", [
      { name: "world increments/s", value: fixed(ours, 0), note: `${n} increments (${runsB[0]!.steps} events), median of 3 runs of world.run(); final count ${counts.join("/")} of ${n}; lost: ${lost}; ${nonOk(runsB)}` },
      { name: "miniflare increments/s", value: fixed(theirs.perSecond, 0), note: `${n} dispatchFetch, concurrency ${concurrency}; final count ${theirs.finalCount} of ${n}; lost: ${n - theirs.finalCount}; non-200: ${theirs.failed}` },
      { name: "ratio", value: `${fixed(ours / theirs.perSecond, 1)}x`, note: "goal >= 10x" },
    ]);

    // (c) scrubbing back over a >= 10 000-entry trace.
    const target = 10_000;
    const deps = storageDeps(sandbox);
    try {
      const scenarioC = scenario("/kv-do", quick ? 1000 : 2000, 5);
      sandbox.warmUp();
      const stepper = new Stepper(scenarioC, deps.makeDeps);
      stepper.runUntil(scenarioC.world.runTimeMsMax);
      const trace = stepper.trace;
      if (trace.length < target || stepper.stepIndex < target) throw new Error(`rewind scenario too small: ${trace.length} trace entries, ${stepper.stepIndex} steps`);
      const views: number[] = [];
      for (let i = 0; i < 20; i++) {
        const t = process.hrtime.bigint();
        viewAt(trace, target);
        views.push(msSince(t));
      }
      const rewinds: number[] = [];
      for (let i = 0; i < (quick ? 1 : 3); i++) {
        sandbox.warmUp();
        const t = process.hrtime.bigint();
        const done = stepper.rewind(target);
        rewinds.push(msSince(t));
        if (!done.ok) throw new Error(`rewind: ${done.error.message}`);
      }
      stepper.world.dispose();
      printFigures("World: scrubbing back", [
        { name: `viewAt(trace, ${target})`, value: `${fixed(median(views), 2)} ms`, note: `median of 20; trace of ${trace.length} entries; goal <= 50 ms` },
        { name: `Stepper.rewind(${target})`, value: `${fixed(median(rewinds), 0)} ms`, note: `median of ${rewinds.length}; full replay from step 0 with fresh isolates and SQLite; goal <= 300 ms` },
      ]);
    } finally {
      deps.cleanup();
    }
  } finally {
    sandbox.dispose();
  }
}
