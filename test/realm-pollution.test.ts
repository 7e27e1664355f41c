// The learner's realm cannot break the runtime: for each pollution of builtins in the worker's
// own isolate (test/realm-pollution-programs.ts), a world run on real isolates sends "/pollute"
// and then an ordinary request, a KV call, a Durable Object call, a Cache API put and match, a thrown error and another
// ordinary request; each must answer as it does with no pollution, from the same warm isolate,
// and the learner's code must still see its pollution. The same programs run in Miniflare
// (workerd) to show they are ordinary there too.
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { Miniflare } from "miniflare";
import { createSandboxFactory } from "../sandbox/index.ts";
import { parseScenario } from "../server/sim/scenario.ts";
import { World } from "../server/sim/world/world.ts";
import { SqliteStorageProvider } from "../server/store/sqlite-object-storage.ts";
import { ordinarySteps, pollutionWorker, pollutions, strictlyBeyondWorkerd } from "./realm-pollution-programs.ts";

const dir = mkdtempSync(join(tmpdir(), "realm-pollution-"));
// A roomy CPU budget: cold first requests on a loaded 2-core machine must not hit the 50 ms limit.
const sandbox = createSandboxFactory({ poolSize: 1, limits: { requestCpuMsMax: 1000 } });
let miniflare: Miniflare | null = null;
after(async () => {
  await miniflare?.dispose();
  sandbox.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const paths = ["/pollute", ...ordinarySteps.map(([path]) => path)];
let runs = 0;

function runWorld(name: string) {
  const parsed = parseScenario({
    seed: 1,
    worker: { name: "app", code: pollutionWorker(name), routes: ["app.example.com/*"], bindings: { KV: { type: "kv" }, OBJ: { type: "durable_object", className: "Counter" } } },
    traffic: paths.map((path, i) => ({ atMs: i * 2000, from: "us-east", method: "GET", url: `https://app.example.com${path}` })),
  });
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

for (const name of Object.keys(pollutions)) {
  test(`after ${name} is polluted, requests, KV, Durable Objects and errors still work`, () => {
    const result = runWorld(name);
    const [polluted, ...rest] = result.responses;
    // What went wrong, if anything: the isolate ends and error logs of the run.
    const debug = JSON.stringify(result.trace.filter((e) => ["isolate_end", "log"].includes((e as { kind: string }).kind))).slice(0, 600);
    assert.equal(polluted?.status, 200, `/pollute: ${polluted?.body} ${debug}`);
    ordinarySteps.forEach(([path, status, body], i) => {
      const response = rest[i];
      assert.equal(response?.status, status, `${path} after ${name}: ${response?.status} ${response?.body} ${debug}`);
      assert.match(response?.body ?? "", body, `${path} after ${name}`);
    });
    const ends = result.trace.filter((e) => (e as { kind?: string }).kind === "isolate_end");
    assert.deepEqual(ends, [], "no isolate ended");
  });
}

test("the same programs are ordinary on workerd (Miniflare)", async () => {
  const names = Object.keys(pollutions).filter((name) => !strictlyBeyondWorkerd.has(name));
  const mf = new Miniflare({
    workers: names.map((name, i) => ({
      name: `w${i}`,
      modules: true,
      script: pollutionWorker(name),
      compatibilityDate: "2025-01-01",
      kvNamespaces: ["KV"],
      durableObjects: { OBJ: "Counter" },
    })),
  });
  miniflare = mf;
  await mf.ready;
  for (let i = 0; i < names.length; i++) {
    const worker = await mf.getWorker(`w${i}`);
    const pollutedStatus: number = await worker.fetch("https://app.example.com/pollute").then(
      async (response) => (await response.arrayBuffer(), response.status),
      (error: Error) => assert.fail(`${names[i]}: /pollute threw ${error.message}`),
    );
    assert.equal(pollutedStatus, 200, `${names[i]}: /pollute`);
    for (const [path, status, body] of ordinarySteps) {
      // Miniflare's worker.fetch rethrows an uncaught exception here instead of answering 500.
      const response = await worker.fetch(`https://app.example.com${path}`).catch((error: Error) => ({ status: 500, text: async () => `${error.message} (${path} after ${names[i]})` }));
      const text = await response.text();
      assert.equal(response.status, status, `${path} after ${names[i]} on workerd: ${text}`);
      if (path !== "/throw") assert.match(text, body, `${path} after ${names[i]} on workerd`);
    }
  }
});
