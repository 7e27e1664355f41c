// Integration: the world's scenarios on real isolates (sandbox/) and real SQLite storage. Checks
// that the KV counter from four regions loses updates while the Durable Object counter loses
// none and runs one request at a time, that a run is deterministic (same traceHash twice, even
// though measured costs differ), that hibernation keeps memory and eviction keeps storage, and
// the scenario CLI: one JSON object on stdout, exit 2 naming the field path, exit 3 with the
// compile error's line.

import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { createSandboxFactory } from "../sandbox/index.ts";
import { parseScenario } from "../server/sim/scenario.ts";
import { World } from "../server/sim/world/world.ts";
import { SqliteStorageProvider } from "../server/store/sqlite-object-storage.ts";

const dir = mkdtempSync(join(tmpdir(), "world-sandbox-"));
// These tests check the world's semantics and determinism, not CPU limits (hostile-workers does):
// on a loaded 2-core VM the measured CPU of a 3 ms delivery has been seen at 30-80 ms, which at
// the default 50 ms budget turns a run's trace into a CPU-limit trace at random.
const sandbox = createSandboxFactory({ limits: { requestCpuMsMax: 2_000 } });
after(() => {
  sandbox.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const code = `
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/put-delete") {
      await env.COUNTS.put("tmp", "x");
      await env.COUNTS.delete("tmp");
      return new Response("gone:" + ((await env.COUNTS.get("tmp")) === null));
    }
    if (url.pathname === "/kv") {
      const n = Number((await env.COUNTS.get("n")) ?? "0") + 1;
      await env.COUNTS.put("n", String(n));
      return new Response(String(n));
    }
    return env.COUNTER.get(env.COUNTER.idFromName("global")).fetch(request);
  },
};
export class Counter {
  constructor(ctx) { this.ctx = ctx; this.hits = 0; this.running = false; }
  async fetch() {
    if (this.running) return new Response("two at once", { status: 500 });
    this.running = true;
    this.hits++;
    const n = ((await this.ctx.storage.get("n")) ?? 0) + 1;
    await this.ctx.storage.put("n", n);
    this.running = false;
    return new Response("n=" + n + " memory=" + this.hits);
  }
}`;

const regions = ["us-west", "us-east", "eu-west", "ap-south"];
let runs = 0;

function run(traffic: unknown[], seed = 7, worldOptions: Record<string, unknown> = {}) {
  const parsed = parseScenario({
    seed,
    world: worldOptions,
    worker: { name: "app", code, routes: ["app.example.com/*"], bindings: { COUNTS: { type: "kv" }, COUNTER: { type: "durable_object", className: "Counter" } } },
    traffic,
  });
  assert.ok(parsed.ok, parsed.ok ? "" : parsed.error.message);
  const storage = new SqliteStorageProvider({ dir: join(dir, `run${++runs}`) });
  const world = new World(parsed.value, { isolates: sandbox, objectStorage: storage });
  const result = world.run();
  world.dispose();
  storage.closeAll();
  return result;
}

test("real isolates: the KV counter loses updates, the Durable Object counter loses none", () => {
  const kv = run(regions.map((from, i) => ({ atMs: i * 1100, from, method: "POST", url: "https://app.example.com/kv" })));
  assert.deepEqual(kv.responses.map((r) => r?.body), ["1", "1", "1", "1"]);
  const dobj = run(regions.map((from) => ({ atMs: 0, from, method: "POST", url: "https://app.example.com/do" })));
  const counts = dobj.responses.map((r) => Number(/n=(\d+)/.exec(r?.body ?? "")?.[1])).sort();
  assert.deepEqual(counts, [1, 2, 3, 4]);
});

test("real isolates: same seed, same traceHash", () => {
  const traffic = regions.map((from) => ({ atMs: 0, from, method: "POST", url: "https://app.example.com/do" }));
  assert.equal(run(traffic, 3).traceHash, run(traffic, 3).traceHash);
});

test("real isolates and SQLite: hibernation keeps memory, eviction keeps storage only", () => {
  const inc = (atMs: number) => ({ atMs, from: "us-east", method: "POST", url: "https://app.example.com/do" });
  const result = run([inc(0), inc(15_000), inc(15_000 + 31 * 60 * 1000)]);
  assert.deepEqual(result.responses.map((r) => r?.body), ["n=1 memory=1", "n=2 memory=2", "n=3 memory=1"]);
});

function cli(scenario: unknown) {
  const file = join(dir, `cli${++runs}.json`);
  writeFileSync(file, JSON.stringify(scenario));
  return spawnSync(process.execPath, ["--no-node-snapshot", "--import", "tsx", "server/cli/scenario.ts", file], { encoding: "utf8" });
}

test("the scenario CLI prints one JSON object; invalid scenarios and load errors are named", () => {
  const worker = { code: "export default { fetch() { return new Response('hi') } }", routes: ["a.example.com/*"] };
  const good = cli({ worker, traffic: [{ atMs: 0, from: "us-west", url: "https://a.example.com/" }] });
  assert.equal(good.status, 0, good.stderr);
  const out = JSON.parse(good.stdout);
  assert.equal(out.responses[0].body, "hi");
  assert.match(out.traceHash, /^[0-9a-f]{64}$/);
  const bad = cli({ worker, traffic: [{ atMs: -5, from: "us-west", url: "https://a.example.com/" }] });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /traffic\[0\]\.atMs: expected an integer ≥ 0/);
  const broken = cli({ worker: { code: "export default {\n  fetch() { return new Response('x' }\n}" } });
  assert.equal(broken.status, 3);
  assert.match(broken.stderr, /failed to load: compile_error at worker\.js:2/);
});

test("real isolates: request.cf names the PoP (colo) and region that took the request, and the TLS version of an https request", () => {
  const parsed = parseScenario({
    worker: { name: "cf", code: "export default { fetch(request) { return Response.json(request.cf) } }", routes: ["cf.example.com/*"] },
    traffic: ["us-west", "eu-west"].map((from) => ({ atMs: 0, from, url: "https://cf.example.com/" })),
  });
  assert.ok(parsed.ok, parsed.ok ? "" : parsed.error.message);
  const storage = new SqliteStorageProvider({ dir: join(dir, `cf${++runs}`) });
  const world = new World(parsed.value, { isolates: sandbox, objectStorage: storage });
  const result = world.run();
  world.dispose();
  storage.closeAll();
  assert.deepEqual(result.responses.map((r) => JSON.parse(r?.body ?? "null")), [
    { colo: "us-west-pop", region: "us-west", tlsVersion: "TLSv1.3" },
    { colo: "eu-west-pop", region: "eu-west", tlsVersion: "TLSv1.3" },
  ]);
});

test("real isolates, default world: four concurrent KV increments from four regions all answer 1, and a put then delete of one key in one request works", () => {
  // The per-key 1 write/s limit is off by default (as in workerd), so the race loses updates
  // instead of answering 429; a lesson about the limit turns it on with world.kvWriteRateLimit.
  const together = regions.map((from) => ({ atMs: 0, from, method: "POST", url: "https://app.example.com/kv" }));
  const race = run(together);
  assert.deepEqual(race.responses.map((r) => `${r?.status} ${r?.body}`), ["200 1", "200 1", "200 1", "200 1"]);
  const limited = run(together, 7, { kvWriteRateLimit: true });
  const statuses = limited.responses.map((r) => r?.status);
  assert.ok(statuses.includes(500), `with the limit on, a concurrent write is refused: ${statuses}`);
  assert.ok(limited.responses.some((r) => r?.body.includes("429 Too Many Requests")));
  const putDelete = run([{ atMs: 0, from: "us-east", method: "POST", url: "https://app.example.com/put-delete" }, { atMs: 10, from: "us-east", method: "GET", url: "https://app.example.com/kv" }]);
  assert.deepEqual(putDelete.responses.map((r) => `${r?.status} ${r?.body}`), ["200 gone:true", "200 1"]);
});
