// `npm run bench`: prints figures with medians and ratios against Miniflare (the real Workers
// runtime) measured in the same run. Figures only: nothing here passes or fails.
import { measureMiniflareHello } from "./miniflare-peer.ts";
import { measureColdStarts, measureWarmHello } from "./sandbox-bench.ts";
import { fixed, printFigures } from "./stats.ts";
import { runInstrumentBenchmarks } from "./instruments-bench.ts";
import { runWorldBenchmarks } from "./world-bench.ts";
import { runExploreBenchmarks } from "./explore-bench.ts";
import { runSessionBenchmarks } from "./sessions-bench.ts";
import { exited, forkBench } from "./fork.ts";

const quick = process.argv.includes("--quick");
const warmRequests = quick ? 2000 : 20000;
const coldRuns = quick ? 50 : 300;

/** Measured in a process of its own, so the figure is its isolates' memory and nothing else. */
function isolateMemory(count: number): Promise<{ rssPerIsolateMb: number; heapUsedPerIsolateMb: number }> {
  const child = forkBench("./isolate-memory.ts", [String(count)], ["--expose-gc"]);
  return new Promise((resolve, reject) => {
    child.once("message", (m) => resolve(m as { rssPerIsolateMb: number; heapUsedPerIsolateMb: number }));
    exited(child, "isolate-memory").then(() => reject(new Error("isolate-memory exited without its figures")), reject);
  });
}

/**
 * The browser figures (bench/web-bench.ts) run in their own process: that file is typed against
 * the DOM for its page callbacks (test/e2e/tsconfig.json), which the rest of bench/ must not see.
 */
function webBenchmarks(): Promise<void> {
  return exited(forkBench("./web-bench.ts", []), "web-bench");
}

async function main(): Promise<void> {
  console.log(`Edge Playground benchmarks (${quick ? "quick" : "full"}; node ${process.version}; medians)`);
  const cold = [
    measureColdStarts("pool + code cache", { poolSize: 2, codeCache: true }, coldRuns),
    measureColdStarts("pool, no code cache", { poolSize: 2, codeCache: false }, coldRuns),
    measureColdStarts("no pool + code cache", { poolSize: 0, codeCache: true }, Math.ceil(coldRuns / 3)),
    measureColdStarts("no pool, no code cache", { poolSize: 0, codeCache: false }, Math.ceil(coldRuns / 3)),
  ];
  printFigures("Cold start, hello world (ms, median)", cold.map((c) => ({
    name: c.label,
    value: `total ${fixed(c.totalMsMedian)}  create ${fixed(c.phasesMsMedian.createIsolateMs)}  load ${fixed(c.phasesMsMedian.loadCodeMs)}  bindings ${fixed(c.phasesMsMedian.bindingsMs)}  init ${fixed(c.phasesMsMedian.moduleInitMs)}  first request ${fixed(c.firstRequestMsMedian)}`,
  })));

  const warm = measureWarmHello(warmRequests);
  const peer = await measureMiniflareHello(quick ? 300 : 2000);
  printFigures("Warm hello world: sandbox vs Miniflare dispatchFetch", [
    { name: "sandbox latency", value: `${fixed(warm.latencyMsMedian, 4)} ms`, note: `${fixed(warm.requestsPerSecond, 0)} req/s sequential` },
    { name: "miniflare latency", value: `${fixed(peer.helloLatencyMsMedian, 4)} ms`, note: `${fixed(peer.helloRequestsPerSecond, 0)} req/s sequential; startup ${fixed(peer.startupMs, 0)} ms` },
    { name: "ratio (latency)", value: `${fixed(peer.helloLatencyMsMedian / warm.latencyMsMedian, 1)}x faster`, note: "goal >= 20x" },
    { name: "ratio (throughput)", value: `${fixed(warm.requestsPerSecond / peer.helloRequestsPerSecond, 1)}x` },
  ]);

  const memory = await isolateMemory(quick ? 200 : 1000);
  printFigures("Idle warm isolates", [
    { name: "RSS per isolate", value: `${fixed(memory.rssPerIsolateMb, 2)} MB`, note: `${quick ? 200 : 1000} isolates; goal <= 1.5 MB` },
    { name: "V8 heap used per isolate", value: `${fixed(memory.heapUsedPerIsolateMb, 2)} MB` },
  ]);

  await runWorldBenchmarks(quick);
  await runInstrumentBenchmarks(quick);
  await runExploreBenchmarks(quick);
  await runSessionBenchmarks(quick);
  await webBenchmarks();
}

await main();
