// Run as its own process (bench/run.ts forks it): RSS per idle warm isolate. Loads N hello
// workers (each served one request, so it is warm), collects garbage, and divides the RSS growth.
import { createSandboxFactory } from "../sandbox/index.ts";
import type { IsolateHandle } from "../server/sim/isolate-port.ts";
import { helloWorker } from "./miniflare-peer.ts";
import { script } from "../sandbox/testing/mini-host.ts";

const count = Number(process.argv[2] ?? 1000);
const gc = (globalThis as { gc?: () => void }).gc;
const sandbox = createSandboxFactory({ poolSize: 0, codeCache: true });
const noSync = () => ({ ok: false as const, error: { name: "Error", message: "none" } });
const rss = () => {
  gc?.();
  return process.memoryUsage().rss;
};

// Warm up the code caches and the allocator before the baseline.
const warm = sandbox.load(script(helloWorker), { seed: 1, nowMs: 0, sync: noSync });
if (warm.ok) warm.isolate.dispose();
const before = rss();
const kept: IsolateHandle[] = [];
for (let i = 0; i < count; i++) {
  const loaded = sandbox.load(script(helloWorker), { seed: i, nowMs: 0, sync: noSync });
  if (!loaded.ok) throw new Error(loaded.error.message);
  loaded.isolate.deliver({ kind: "fetch", requestId: `r${i}`, request: { method: "GET", url: "https://m.example/", headers: [], body: null } }, 0);
  kept.push(loaded.isolate);
}
const after = rss();
const heapUsed = kept.reduce((sum, isolate) => sum + isolate.stats().heapUsedBytes, 0) / kept.length;
process.send?.({ count, rssPerIsolateMb: (after - before) / count / 1024 / 1024, heapUsedPerIsolateMb: heapUsed / 1024 / 1024 });
for (const isolate of kept) isolate.dispose();
