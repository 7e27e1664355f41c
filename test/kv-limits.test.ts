// Workers KV's documented limits, checked inside the isolate before any data is copied: each
// over-the-limit call rejects with workerd's own error (compared with Miniflare, the real
// runtime), the worker catches it and answers, and an ordinary put and get afterwards work.
// A 30 MiB value is refused by size alone: before this check, its copies ended the isolate on
// the CPU limit. The world runs with real isolates and no replication lag.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { startMiniflare } from "../bench/miniflare-peer.ts";
import { createSandboxFactory } from "../sandbox/index.ts";
import { MemoryStorageProvider } from "../server/sim/durable-objects/memory-storage.ts";
import { parseScenario, World } from "../server/sim/index.ts";

const program = `export default { async fetch(req, env) {
  const out = {};
  const attempt = async (name, f) => { try { await f(); out[name] = "ok"; } catch (e) { out[name] = e.name + ": " + e.message; } };
  const path = new URL(req.url).pathname;
  if (path === "/limits") {
    await attempt("key513", () => env.KV.put("k".repeat(513), "v"));
    await attempt("key512", () => env.KV.put("k".repeat(512), "v"));
    await attempt("keyUtf8", () => env.KV.put("é".repeat(257), "v"));
    await attempt("keyEmpty", () => env.KV.put("", "v"));
    await attempt("keyDot", () => env.KV.put(".", "v"));
    await attempt("keyDotDot", () => env.KV.get(".."));
    await attempt("getKey513", () => env.KV.get("k".repeat(513)));
    await attempt("deleteKey513", () => env.KV.delete("k".repeat(513)));
    await attempt("metadata", () => env.KV.put("a", "v", { metadata: { x: "m".repeat(1100) } }));
    await attempt("metadataOk", () => env.KV.put("a", "v", { metadata: { x: "m".repeat(1000) } }));
    await attempt("ttl", () => env.KV.put("a", "v", { expirationTtl: 30 }));
    await attempt("value", () => env.KV.put("a", new Uint8Array(25 * 1024 * 1024 + 1)));
    await attempt("valueString", () => env.KV.put("a", "€".repeat(9 * 1024 * 1024)));
    return Response.json(out);
  }
  if (path === "/huge") {
    await attempt("value", () => env.KV.put("big", new Uint8Array(30 * 1024 * 1024)));
    return Response.json(out);
  }
  await env.KV.put("plain", "fine");
  return new Response(await env.KV.get("plain"));
} }`;

const region = "us-east";
const host = "https://kv.example.com";
const sandbox = createSandboxFactory({ poolSize: 1 });
after(() => sandbox.dispose());

function runWorld(paths: string[]): { status: number; body: string }[] {
  const parsed = parseScenario({
    seed: 5,
    world: { regions: [region], jitterPercent: 0, kvReplicationLagMs: { [region]: 0 }, kvCentralRegion: region },
    worker: { name: "app", code: program, routes: ["kv.example.com/*"], bindings: { KV: { type: "kv" } } },
    traffic: paths.map((path, i) => ({ atMs: i * 2_000, from: region, method: "GET", url: host + path })),
  });
  assert.ok(parsed.ok, parsed.ok ? "" : parsed.error.message);
  const world = new World(parsed.value, { isolates: sandbox, objectStorage: new MemoryStorageProvider() });
  try {
    return world.run().responses.map((r, i) => {
      assert.ok(r, `request ${i + 1} got no response`);
      return { status: r.status, body: r.body };
    });
  } finally {
    world.dispose();
  }
}

test("KV limits reject with workerd's messages before anything is copied, and the next request is served", async () => {
  const [limits, huge, plain] = runWorld(["/limits", "/huge", "/plain"]);
  assert.equal(limits!.status, 200, limits!.body);
  const ours = JSON.parse(limits!.body) as Record<string, string>;
  assert.equal(ours.key513, "Error: KV PUT failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512.");
  assert.equal(ours.keyUtf8, "Error: KV PUT failed: 414 UTF-8 encoded length of 514 exceeds key length limit of 512.");
  assert.equal(ours.value, "Error: KV PUT failed: 413 Value length of 26214401 exceeds limit of 26214400.");
  assert.deepEqual(JSON.parse(huge!.body), { value: "Error: KV PUT failed: 413 Value length of 31457280 exceeds limit of 26214400." });
  assert.deepEqual(plain, { status: 200, body: "fine" });

  const mf = await startMiniflare(program, { kvNamespaces: ["KV"] });
  try {
    const theirs = JSON.parse(await (await mf.dispatchFetch(host + "/limits")).text()) as Record<string, string>;
    assert.deepEqual(ours, theirs, "each limit answers as in workerd");
  } finally {
    await mf.dispose();
  }
});
