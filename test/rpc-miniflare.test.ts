// Differential test of RPC against the real Workers runtime: the programs of rpc-programs.ts run
// in a one-region world (real isolates, real SQLite storage) and in Miniflare (workerd), one
// request per case, sequentially, with state carried from one case to the next on both sides.
// Each case's status and JSON body (the value that came back, tagged with its type, or the
// class, name and message of what was thrown) must be identical. A second test runs the world
// twice and compares trace hashes, and checks the trace names each call.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { Miniflare } from "miniflare";
import { startMiniflare } from "../bench/miniflare-peer.ts";
import { createSandboxFactory } from "../sandbox/index.ts";
import { parseScenario, World, type RunResult } from "../server/sim/index.ts";
import { SqliteStorageProvider } from "../server/store/sqlite-object-storage.ts";
import { apiCode, appCode, plainCode, rpcPaths } from "./rpc-programs.ts";

const region = "us-east";
const host = "https://rpc.example.com";
const spacingMs = 2_000;
const sandbox = createSandboxFactory({ poolSize: 1, limits: { requestCpuMsMax: 2000, deliveryWallMsMax: 5000 } });
const dir = mkdtempSync(join(tmpdir(), "rpc-miniflare-"));
let runs = 0;
let theirs: { status: number; body: string }[] = [];

function scenario(paths: string[]) {
  const parsed = parseScenario({
    seed: 5,
    world: { regions: [region], jitterPercent: 0 },
    workers: [
      {
        name: "app",
        code: appCode,
        routes: ["rpc.example.com/*"],
        bindings: {
          COUNTER: { type: "durable_object", className: "Counter" },
          OLD: { type: "durable_object", className: "Old" },
          SVC: { type: "service", service: "api", entrypoint: "Api" },
          DEF: { type: "service", service: "api" },
          OBJ: { type: "service", service: "plain" },
        },
      },
      { name: "api", code: apiCode, bindings: { WHO: { type: "var", value: "api" } } },
      { name: "plain", code: plainCode, bindings: { WHO: { type: "var", value: "plain" } } },
    ],
    traffic: paths.map((path, i) => ({ atMs: i * spacingMs, from: region, url: host + path })),
  });
  assert.ok(parsed.ok, parsed.ok ? "" : parsed.error.message);
  return parsed.value;
}

function runWorld(paths: string[]): RunResult {
  const storage = new SqliteStorageProvider({ dir: join(dir, `run${++runs}`) });
  const world = new World(scenario(paths), { isolates: sandbox, objectStorage: storage });
  try {
    const result = world.run();
    assert.ok(result.completed, "the world run came to rest");
    return result;
  } finally {
    world.dispose();
    storage.closeAll();
  }
}

before(async () => {
  let mf: Miniflare | null = null;
  try {
    mf = await startMiniflare("", {
      script: undefined,
      workers: [
        {
          name: "app", modules: true, script: appCode, compatibilityDate: "2025-01-01",
          durableObjects: { COUNTER: "Counter", OLD: "Old" },
          serviceBindings: { SVC: { name: "api", entrypoint: "Api" }, DEF: "api", OBJ: "plain" },
        },
        { name: "api", modules: true, script: apiCode, compatibilityDate: "2025-01-01", bindings: { WHO: "api" } },
        { name: "plain", modules: true, script: plainCode, compatibilityDate: "2025-01-01", bindings: { WHO: "plain" } },
      ],
    });
    theirs = [];
    for (const path of rpcPaths) {
      const res = await mf.dispatchFetch(host + path);
      theirs.push({ status: res.status, body: await res.text() });
    }
  } finally {
    await mf?.dispose();
  }
});

after(() => {
  sandbox.dispose();
  rmSync(dir, { recursive: true, force: true });
});

test("every RPC case answers as workerd does: methods, properties, errors, clones, getByName, service bindings", () => {
  const result = runWorld(rpcPaths);
  const mismatches: string[] = [];
  rpcPaths.forEach((path, i) => {
    const ours = result.responses[i];
    assert.ok(ours, `${path}: no response in the world`);
    if (ours.status !== theirs[i]!.status || ours.body !== theirs[i]!.body) {
      mismatches.push(`${path}\n  world:    ${ours.status} ${ours.body}\n  workerd:  ${theirs[i]!.status} ${theirs[i]!.body}`);
    }
  });
  assert.equal(mismatches.length, 0, `${mismatches.length} of ${rpcPaths.length} cases differ:\n${mismatches.join("\n")}`);
});

test("an RPC run is deterministic and its calls are named in the trace", () => {
  // Two runs of the same scenario give the same trace hash; each RPC call is an rpc_call entry
  // labelled "<req> calls <Class>:<name>.<member>()" and goes through the object's queue.
  const paths = ["/inc", "/count", "/svc-add", "/initialized"];
  const first = runWorld(paths);
  const second = runWorld(paths);
  assert.equal(first.traceHash, second.traceHash);
  const labels = first.trace.flatMap((e) => (e.kind === "rpc_call" ? [e.label] : []));
  assert.deepEqual(labels, ["r1 calls Counter:A.increment()", "r2 calls Counter:A.count", "r3 calls api:Api.add()", "r4 calls Counter:A.isInitialized"]);
  const call = first.trace.find((e) => e.kind === "rpc_call")!;
  assert.ok(call.kind === "rpc_call");
  assert.ok(first.trace.some((e) => e.kind === "do_enqueue" && e.req === call.call), "the call is queued at the object like a fetch");
  assert.ok(first.trace.some((e) => e.kind === "do_dequeue" && e.req === call.call), "the input gate lets it in");
});
