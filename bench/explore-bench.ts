// Race explorer and checker benchmarks: whole small runs per second (a fresh world with four
// requests: the search's speed), orders explored per second on the KV counter, the time to find
// and shrink the lost update, and the checker on Porcupine's largest etcd history and its
// 50-client kv histories. Real isolates (lesson 8's starter and solution), storage in memory.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createSandboxFactory, type Sandbox } from "../sandbox/index.ts";
import { MemoryStorageProvider } from "../server/sim/durable-objects/memory-storage.ts";
import { explore, noLostUpdate } from "../server/sim/explore/index.ts";
import { checkHistory, kvModel, parseHistory, registerModel, type Model } from "../server/sim/history/index.ts";
import { parseScenario } from "../server/sim/scenario.ts";
import type { Scenario } from "../server/sim/scenario-types.ts";
import { World } from "../server/sim/world/world.ts";
import { fixed, median, msSince, printFigures } from "./stats.ts";

const root = fileURLToPath(new URL("..", import.meta.url));

function lessonScenario(file: "starter.js" | "solution.js", together: boolean): Scenario {
  const json = JSON.parse(readFileSync(`${root}lessons/08-lost-update/scenario.json`, "utf8")) as { worker: { code: string }; traffic: { method: string; atMs: number }[] };
  json.worker.code = readFileSync(`${root}lessons/08-lost-update/${file}`, "utf8");
  json.traffic = json.traffic.filter((t) => t.method === "POST").map((t) => (together ? { ...t, atMs: 0 } : t));
  const parsed = parseScenario(json);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

function timed<T>(fn: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: msSince(start), value };
}

function wholeRuns(sandbox: Sandbox, scenario: Scenario, runs: number): number[] {
  const deps = () => ({ isolates: sandbox, objectStorage: new MemoryStorageProvider() });
  return Array.from({ length: runs }, () => timed(() => {
    const world = new World(scenario, deps());
    world.run();
    world.dispose();
  }).ms);
}

function checkerMs(model: Model<unknown>, file: string, times: number): { ms: number; verdict: string; ops: number } {
  const history = parseHistory(readFileSync(file, "utf8"));
  if (!history.ok) throw new Error(history.error.message);
  const runs = Array.from({ length: times }, () => timed(() => checkHistory(model, history.value)));
  return { ms: median(runs.map((r) => r.ms)), verdict: runs[0]!.value.verdict, ops: history.value.length };
}

export async function runExploreBenchmarks(quick: boolean): Promise<void> {
  const sandbox = createSandboxFactory();
  const deps = () => ({ isolates: sandbox, objectStorage: new MemoryStorageProvider() });
  try {
    const kv = lessonScenario("starter.js", false);
    const dobj = lessonScenario("solution.js", true);
    wholeRuns(sandbox, kv, 5); // warm-up: JIT, code cache
    const kvRuns = wholeRuns(sandbox, kv, quick ? 30 : 100);
    const doRuns = wholeRuns(sandbox, dobj, quick ? 30 : 100);
    const exploreRuns = quick ? 60 : 200;
    // Four increments at once: the orders race; a property that always holds makes the search run to its limit.
    const racing = lessonScenario("starter.js", true);
    const always = { name: "always", check: () => ({ ok: true as const }) };
    const orders = timed(() => explore(racing, deps, always, { bound: 2, runsMax: exploreRuns, mode: "systematic" }));
    const finds = Array.from({ length: quick ? 3 : 7 }, () => timed(() => explore(kv, deps, noLostUpdate, { bound: 2 })));
    const found = finds[0]!.value;
    printFigures("Race explorer (real isolates, lesson 8, four requests from four regions)", [
      { name: "whole small runs/s, KV counter", value: fixed(1000 / median(kvRuns), 0), note: `median ${fixed(median(kvRuns), 2)} ms per fresh world run to rest; goal >= 300/s` },
      { name: "whole small runs/s, DO counter", value: fixed(1000 / median(doRuns), 0), note: `median ${fixed(median(doRuns), 2)} ms per run` },
      { name: "orders explored/s, KV counter", value: fixed((orders.value.runs / orders.ms) * 1000, 0), note: `${orders.value.runs} runs, ${orders.value.distinctOrders} distinct orders in ${fixed(orders.ms, 0)} ms (four increments at t=0, systematic, bound 2)` },
      { name: "find + shrink the lost update", value: `${fixed(median(finds.map((f) => f.ms)), 0)} ms`, note: `median of ${finds.length}; ${found.runs} run to find, ${found.shrunk?.runs} to shrink; goal <= 2000 ms` },
    ]);
  } finally {
    sandbox.dispose();
  }
  const data = `${root}server/sim/history/testdata/porcupine/`;
  const etcdFiles = readdirSync(`${data}jepsen`).sort();
  const largest = etcdFiles.map((f) => ({ f, size: readFileSync(`${data}jepsen/${f}`, "utf8").split("\n").length })).sort((a, b) => b.size - a.size)[0]!.f;
  const times = quick ? 3 : 7;
  const slowestEtcd = "etcd_002.log";
  const figures = [
    [`etcd ${largest} (largest)`, checkerMs(registerModel() as Model<unknown>, `${data}jepsen/${largest}`, times)],
    [`etcd ${slowestEtcd} (slowest)`, checkerMs(registerModel() as Model<unknown>, `${data}jepsen/${slowestEtcd}`, times)],
    ["kv c50-ok (50 clients)", checkerMs(kvModel() as Model<unknown>, `${data}kv/c50-ok.txt`, times)],
    ["kv c50-bad (50 clients)", checkerMs(kvModel() as Model<unknown>, `${data}kv/c50-bad.txt`, times)],
  ] as const;
  const all = timed(() => {
    for (const f of etcdFiles) {
      const h = parseHistory(readFileSync(`${data}jepsen/${f}`, "utf8"));
      if (h.ok) checkHistory(registerModel(), h.value);
    }
  });
  printFigures("Linearizability checker on Porcupine's histories (median ms)", [
    ...figures.map(([name, r]) => ({ name, value: `${fixed(r.ms, 1)} ms`, note: `${r.ops} ops, ${r.verdict}; goal <= 1000 ms` })),
    { name: "all 102 etcd histories", value: `${fixed(all.ms, 0)} ms`, note: "one pass, parse included" },
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runExploreBenchmarks(process.argv.includes("--quick"));
