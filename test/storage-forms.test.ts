// ctx.storage and Workers KV accept what workerd accepts: each argument form (storage-forms/
// programs.ts) answers the same JSON in the world (real isolates, real SQLite, the world's KV)
// as in Miniflare. Every route is a separate request of one scenario, one second apart.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Miniflare } from "miniflare";
import { createSandboxFactory } from "../sandbox/index.ts";
import { parseScenario } from "../server/sim/scenario.ts";
import { runScenario } from "../server/world/run-scenario.ts";
import { formPaths, formsWorker } from "./storage-forms/programs.ts";

const sandbox = createSandboxFactory({ poolSize: 0, limits: { requestCpuMsMax: 3000, deliveryWallMsMax: 10_000 } });
const theirs = new Map<string, string>();
const ours = new Map<string, string>();
const body = "request body";

before(async () => {
  const mf = new Miniflare({ modules: [{ type: "ESModule", path: "index.mjs", contents: formsWorker() }], compatibilityDate: "2025-01-01", kvNamespaces: ["KV"], durableObjects: { FORMS: "Forms" } });
  try {
    for (const path of formPaths) theirs.set(path, await (await mf.dispatchFetch(`https://forms.example${path}`, { method: "POST", body })).text());
  } finally {
    await mf.dispose();
  }
  const parsed = parseScenario({
    name: "forms", seed: 1, world: { regions: ["us-east"] },
    worker: { routes: ["forms.example/*"], code: formsWorker(), bindings: { KV: { type: "kv" }, FORMS: { type: "durable_object", className: "Forms" } } },
    traffic: formPaths.map((path, i) => ({ atMs: i * 1000, from: "us-east", method: "POST", url: `https://forms.example${path}`, body })),
  });
  assert.ok(parsed.ok, parsed.ok ? "" : parsed.error.message);
  const run = runScenario(parsed.value, 1, sandbox);
  assert.ok(run.ok, run.ok ? "" : run.message);
  formPaths.forEach((path, i) => ours.set(path, `${run.result.responses[i]?.status} ${run.result.responses[i]?.body}`));
});
after(() => sandbox.dispose());

for (const path of formPaths) {
  test(`${path}: the world answers as workerd`, () => {
    const mine = ours.get(path)!;
    assert.ok(mine.startsWith("200 "), `our answer: ${mine}`);
    assert.deepEqual(JSON.parse(mine.slice(4)), JSON.parse(theirs.get(path)!));
  });
}
