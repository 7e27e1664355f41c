// The Cache API answers as workerd does: every case of cache/programs.ts (put's refusals and
// their messages, which responses are kept, what match and delete answer, headers on a hit) runs
// in Miniflare and in the world (real isolate, the PoP's cache), and each case's answer must be
// the same JSON.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Miniflare } from "miniflare";
import { createSandboxFactory } from "../sandbox/index.ts";
import { parseScenario } from "../server/sim/scenario.ts";
import { runScenario } from "../server/world/run-scenario.ts";
import { cacheCases, cacheWorker } from "./cache/programs.ts";

const sandbox = createSandboxFactory({ poolSize: 0, limits: { requestCpuMsMax: 3000, deliveryWallMsMax: 10_000 } });
let theirs: Record<string, unknown> = {};
let ours: Record<string, unknown> = {};

before(async () => {
  const mf = new Miniflare({ modules: [{ type: "ESModule", path: "index.mjs", contents: cacheWorker() }], compatibilityDate: "2025-01-01" });
  try {
    theirs = JSON.parse(await (await mf.dispatchFetch("https://x.example/")).text());
  } finally {
    await mf.dispose();
  }
  const parsed = parseScenario({ name: "cache-diff", seed: 1, world: { regions: ["us-east"] }, worker: { routes: ["x.example/*"], code: cacheWorker(), bindings: {} }, traffic: [{ atMs: 0, from: "us-east", method: "GET", url: "https://x.example/" }] });
  assert.ok(parsed.ok, parsed.ok ? "" : parsed.error.message);
  const run = runScenario(parsed.value, 1, sandbox);
  assert.ok(run.ok, run.ok ? "" : run.message);
  const response = run.result.responses[0]!;
  assert.equal(response.status, 200, response.body);
  ours = JSON.parse(response.body);
});
after(() => sandbox.dispose());

for (const name of Object.keys(cacheCases)) {
  test(`${name}: the world's cache answers as workerd's`, () => {
    assert.deepEqual(ours[name], theirs[name]);
  });
}
