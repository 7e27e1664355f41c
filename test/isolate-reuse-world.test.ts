// Integration: worlds on reused isolates (sandbox/isolate-pool.ts). The same scenario gives the
// same trace hash whether each world gets fresh isolates or isolates an earlier world handed
// back, even when the earlier world's worker polluted its realm; and the reuse really happens
// (the sandbox's spare count).
import { strict as assert } from "node:assert";
import { after, test } from "node:test";
import { createSandboxFactory, type Sandbox } from "../sandbox/index.ts";
import { MemoryStorageProvider } from "../server/sim/durable-objects/memory-storage.ts";
import { parseScenario } from "../server/sim/scenario.ts";
import { World } from "../server/sim/world/world.ts";

const roomy = { requestCpuMsMax: 2_000 };
const reusing = createSandboxFactory({ limits: roomy });
const fresh = createSandboxFactory({ limits: roomy, reuseIsolates: false });
after(() => {
  reusing.dispose();
  fresh.dispose();
});

const regions = ["us-west", "us-east", "eu-west", "ap-south"];

const counter = `
let served = 0;
export default {
  async fetch(request, env) {
    served++;
    const n = Number((await env.COUNTS.get("n")) ?? "0") + 1;
    await env.COUNTS.put("n", String(n));
    return Response.json({ n, served, leaked: globalThis.leaked ?? null, polluted: ({}).polluted ?? null, random: Math.random() });
  },
};`;

const polluter = `
export default {
  async fetch(request, env) {
    globalThis.leaked = "yes"; Object.prototype.polluted = "yes"; Math.random = () => 0.5;
    await env.COUNTS.put("n", "100");
    return new Response("polluted");
  },
};`;

function run(sandbox: Sandbox, code: string) {
  const parsed = parseScenario({
    seed: 3,
    worker: { name: "app", code, routes: ["app.example.com/*"], bindings: { COUNTS: { type: "kv" } } },
    traffic: regions.map((from) => ({ atMs: 0, from, method: "POST", url: "https://app.example.com/inc" })),
  });
  assert.ok(parsed.ok, parsed.ok ? "" : parsed.error.message);
  const world = new World(parsed.value, { isolates: sandbox, objectStorage: new MemoryStorageProvider() });
  const result = world.run();
  const hash = world.traceHash();
  world.dispose();
  return { hash, bodies: result.responses.map((r) => r?.body) };
}

test("a world on reused isolates has the trace of a world on fresh isolates, after a polluting world too", () => {
  const reference = run(fresh, counter);
  assert.equal(fresh.spareIsolates, 0, "reuseIsolates: false hands nothing back");
  for (const body of reference.bodies) assert.deepEqual({ ...JSON.parse(body!), random: 0 }, { n: 1, served: 1, leaked: null, polluted: null, random: 0 });
  run(reusing, counter);
  run(reusing, polluter);
  assert.equal(reusing.spareIsolates >= 4, true, "the polluting world's four isolates were handed back");
  for (let i = 0; i < 3; i++) {
    const again = run(reusing, counter);
    assert.deepEqual(again.bodies, reference.bodies);
    assert.equal(again.hash, reference.hash);
  }
});
