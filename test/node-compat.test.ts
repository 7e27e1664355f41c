// nodejs_compat against workerd: each node: module's common calls answer the same JSON in the
// sandbox and in Miniflare; without the flag, or for a module workerd does not have, loading is
// refused with workerd's message; the globals follow the compatibility date.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Miniflare } from "miniflare";
import { createSandboxFactory } from "../sandbox/index.ts";
import { MiniHost } from "../sandbox/testing/mini-host.ts";
import type { WorkerScript } from "../server/sim/isolate-port.ts";
import { nodeProgramModule, nodePrograms } from "./node-compat/programs.ts";

const sandbox = createSandboxFactory({ poolSize: 0, limits: { requestCpuMsMax: 3000, deliveryWallMsMax: 10_000, startupCpuMsMax: 3000 } });
let miniflare: Miniflare;
let host: MiniHost;

const worker = (code: string, flags: string[], date = "2025-01-01"): WorkerScript => ({ name: "index", version: "v1", code, main: "index.mjs", modules: {}, bindings: { KV: { type: "kv" } }, compatibilityDate: date, compatibilityFlags: flags });

async function workerdLoadError(code: string, flags: string[]): Promise<string | null> {
  const mf = new Miniflare({ modules: [{ type: "ESModule", path: "index.mjs", contents: code }], compatibilityDate: "2025-01-01", compatibilityFlags: flags });
  try {
    await mf.ready;
    return null;
  } catch {
    return "failed";
  } finally {
    await mf.dispose().catch(() => {});
  }
}

before(async () => {
  miniflare = new Miniflare({ modules: [{ type: "ESModule", path: "index.mjs", contents: nodeProgramModule() }], compatibilityDate: "2025-01-01", compatibilityFlags: ["nodejs_compat"], kvNamespaces: ["KV"] });
  await miniflare.ready;
  host = new MiniHost(sandbox, worker(nodeProgramModule(), ["nodejs_compat"]));
});
after(async () => {
  await miniflare?.dispose();
  sandbox.dispose();
});

for (const path of Object.keys(nodePrograms)) {
  test(`node ${path}: the same answer as workerd`, async () => {
    const theirs = await miniflare.dispatchFetch(`https://node.example${path}`);
    const theirBody = await theirs.text();
    const ours = host.request(`https://node.example${path}`);
    assert.equal(ours.status, theirs.status, `status differs; ours: ${ours.body}; theirs: ${theirBody}`);
    assert.deepEqual(JSON.parse(ours.body), JSON.parse(theirBody));
  });
}

const importBuffer = `import { Buffer } from "node:buffer"; export default { fetch() { return new Response(Buffer.from("x").toString("hex")); } };`;

test("without nodejs_compat a node: import is refused with workerd's message (workerd refuses it too)", async () => {
  const loaded = new MiniHost(sandbox, worker(importBuffer, [])).load();
  assert.equal(loaded.ok, false);
  assert.equal(!loaded.ok && loaded.error.code, "module_not_found");
  assert.equal(!loaded.ok && loaded.error.message, `No such module "node:buffer".\n  imported from "index.mjs"`);
  assert.equal(await workerdLoadError(importBuffer, []), "failed");
  assert.equal(await workerdLoadError(importBuffer, ["nodejs_compat"]), null);
});

test("a node: module workerd lacks is refused with its message; one it has that the playground lacks says so", () => {
  const missing = new MiniHost(sandbox, worker(`import x from "node:child_process"; export default { fetch() { return new Response("x"); } };`, ["nodejs_compat"])).load();
  assert.equal(!missing.ok && missing.error.message, `No such module "node:child_process".\n  imported from "index.mjs"`);
  const lacking = new MiniHost(sandbox, worker(`import zlib from "node:zlib"; export default { fetch() { return new Response("x"); } };`, ["nodejs_compat"])).load();
  assert.match(!lacking.ok ? lacking.error.message : "", /^No such module "node:zlib"\.\n  imported from "index\.mjs"\n\(workerd provides node:zlib with nodejs_compat; the playground does not yet\)$/);
});

test("the globals follow the compatibility date: Buffer and process from 2024-09-23, process.env filled from 2025-04-01", () => {
  const probe = `export default { fetch(req, env) { return Response.json([typeof Buffer, typeof process, typeof global, typeof process === "object" ? process.env : null]); } };`;
  const answer = (date: string, flags = ["nodejs_compat"]) => {
    const h = new MiniHost(sandbox, { ...worker(probe, flags, date), bindings: { A: { type: "var", value: "1" } } });
    return JSON.parse(h.request("https://x/").body);
  };
  assert.deepEqual(answer("2024-01-01"), ["undefined", "undefined", "undefined", null]);
  assert.deepEqual(answer("2025-01-01"), ["function", "object", "object", {}]);
  assert.deepEqual(answer("2025-06-01"), ["function", "object", "object", { A: "1" }]);
  assert.deepEqual(answer("2025-06-01", []), ["undefined", "undefined", "undefined", null]);
});

test("nodejs_als alone gives node:async_hooks and nothing else", () => {
  const als = new MiniHost(sandbox, worker(`import { AsyncLocalStorage } from "node:async_hooks"; const s = new AsyncLocalStorage(); export default { fetch() { return new Response(s.run("v", () => s.getStore())); } };`, ["nodejs_als"]));
  assert.equal(als.request("https://x/").body, "v");
  assert.equal(new MiniHost(sandbox, worker(importBuffer, ["nodejs_als"])).load().ok, false);
});

test("a scenario's compatibility_flags reach the world's isolates: a TypeScript worker imports node:crypto and node:buffer", async () => {
  const { parseScenario } = await import("../server/sim/scenario.ts");
  const { runScenario } = await import("../server/world/run-scenario.ts");
  const file = {
    name: "node", seed: 1, world: { regions: ["us-east"] },
    worker: {
      routes: ["a.example.com/*"], compatibility_date: "2025-01-01", compatibility_flags: ["nodejs_compat"], main: "src/index.ts",
      modules: { "src/index.ts": `import { createHash } from "node:crypto";\nimport { sign } from "./sign";\nexport default { fetch(req: Request): Response { return new Response(sign(createHash("sha1").update("x").digest("hex"))); } };\n`, "src/sign.ts": `import { Buffer } from "node:buffer";\nexport const sign = (hex: string): string => Buffer.from(hex, "hex").toString("base64url");\n` },
    },
    traffic: [{ atMs: 0, from: "us-east", method: "GET", url: "https://a.example.com/" }],
  };
  const parsed = parseScenario(file);
  assert.ok(parsed.ok, parsed.ok ? "" : parsed.error.message);
  const run = runScenario(parsed.value, 1, sandbox);
  assert.ok(run.ok, run.ok ? "" : run.message);
  assert.deepEqual(run.result.responses.map((r) => [r?.status, r?.body]), [[200, "EfatjsUqKYSrqv18O1FlA3hcIHI"]]);
  const bad = parseScenario({ ...file, worker: { ...file.worker, compatibility_date: "tomorrow" } });
  assert.equal(!bad.ok && bad.error.path, "worker.compatibility_date");
});
