// The Cache API in the world (real isolates): caches.default is the cache of the PoP that took
// the request. Two requests at one PoP miss then hit; the same URL at another PoP misses; an
// entry expires on the virtual clock after its max-age; every call is traced as kind `cache`,
// and two runs of the scenario give the same trace hash.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { createSandboxFactory } from "../sandbox/index.ts";
import type { TraceEntry } from "../server/sim/core/trace.ts";
import { parseScenario } from "../server/sim/scenario.ts";
import { runScenario } from "../server/world/run-scenario.ts";

const sandbox = createSandboxFactory({ poolSize: 0, limits: { requestCpuMsMax: 3000, deliveryWallMsMax: 10_000 } });
after(() => sandbox.dispose());

const code = `export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    const cache = url.pathname.startsWith("/named") ? await caches.open("pages") : caches.default;
    const key = new Request(url.origin + "/page", request);
    const hit = await cache.match(key);
    if (hit) return new Response("cached " + (await hit.text()) + " age " + hit.headers.get("age") + " " + hit.headers.get("cf-cache-status"));
    const fresh = new Response("made at " + Date.now(), { headers: { "cache-control": "max-age=60" } });
    ctx.waitUntil(cache.put(key, fresh.clone()));
    return fresh;
  },
};`;

function scenario(traffic: { atMs: number; from: string; path?: string }[]) {
  const parsed = parseScenario({
    name: "cache", seed: 3, world: { regions: ["us-west", "eu-west"] },
    worker: { routes: ["shop.example/*"], code, bindings: {} },
    traffic: traffic.map((t) => ({ atMs: t.atMs, from: t.from, method: "GET", url: `https://shop.example${t.path ?? "/"}` })),
  });
  assert.ok(parsed.ok, parsed.ok ? "" : parsed.error.message);
  return parsed.value;
}

function run(traffic: { atMs: number; from: string; path?: string }[]) {
  const result = runScenario(scenario(traffic), 3, sandbox);
  assert.ok(result.ok, result.ok ? "" : result.message);
  return result.result;
}

const cacheEntries = (trace: readonly TraceEntry[]) => trace.filter((e): e is Extract<TraceEntry, { kind: "cache" }> => e.kind === "cache");

test("a second request at the same PoP is a hit; the same URL at another PoP misses", () => {
  const result = run([{ atMs: 0, from: "us-west" }, { atMs: 1000, from: "us-west" }, { atMs: 2000, from: "eu-west" }]);
  const bodies = result.responses.map((r) => r?.body);
  assert.match(bodies[0]!, /^made at /);
  assert.equal(bodies[1], `cached ${bodies[0]} age 0 HIT`, "stored a few ms after the first response, so less than a second old");
  assert.match(bodies[2]!, /^made at /, "eu-west's PoP has its own cache");
  const traced = cacheEntries(result.trace).map((e) => `${e.pop} ${e.op} ${e.outcome}`);
  assert.deepEqual(traced, [
    "us-west-pop match miss", "us-west-pop put stored",
    "us-west-pop match hit",
    "eu-west-pop match miss", "eu-west-pop put stored",
  ]);
  assert.equal(cacheEntries(result.trace)[1]!.ttlMs, 60_000);
});

test("an entry expires on the virtual clock after its max-age", () => {
  const result = run([{ atMs: 0, from: "us-west" }, { atMs: 59_000, from: "us-west" }, { atMs: 61_000, from: "us-west" }]);
  assert.match(result.responses[1]!.body, /^cached .* age 58 HIT$/, "Age counts whole seconds since the put, on the virtual clock");
  assert.match(result.responses[2]!.body, /^made at 61/);
  assert.deepEqual(cacheEntries(result.trace).map((e) => e.outcome), ["miss", "stored", "hit", "expired", "stored"]);
});

test("caches.open(name) is a cache of its own, apart from caches.default", () => {
  const result = run([{ atMs: 0, from: "us-west" }, { atMs: 1000, from: "us-west", path: "/named" }, { atMs: 2000, from: "us-west", path: "/named" }]);
  const entries = cacheEntries(result.trace);
  assert.deepEqual(entries.map((e) => `${e.cache} ${e.outcome}`), ["null miss", "null stored", "pages miss", "pages stored", "pages hit"]);
});

test("two runs of the same scenario give the same trace hash", () => {
  const traffic = [{ atMs: 0, from: "us-west" }, { atMs: 500, from: "us-west" }, { atMs: 700, from: "eu-west" }];
  assert.equal(run(traffic).traceHash, run(traffic).traceHash);
});
