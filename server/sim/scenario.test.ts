// Checks that scenario validation treats the file as untrusted input: each error names the bad
// field's path (and the limit, where one applies), defaults are filled in, and the compatible
// extensions (workers, deployments, origins, world options) parse.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { limits } from "./core/limits.ts";
import { parseScenario, parseScenarioText } from "./scenario.ts";

const worker = { code: "export default {}" };
const traffic = (n: number) => Array.from({ length: n }, () => ({ atMs: 0, from: "us-west", url: "https://a.example.com/" }));

function errorOf(json: unknown): string {
  const parsed = parseScenario(json);
  assert.ok(!parsed.ok, "expected the scenario to be rejected");
  return parsed.error.message;
}

test("errors name the bad field's path", () => {
  assert.equal(errorOf({ worker, traffic: [...traffic(2), { atMs: -1, from: "us-west", url: "https://a.example.com/" }] }), "traffic[2].atMs: expected an integer ≥ 0");
  assert.equal(errorOf({ worker, traffic: [{ atMs: 0, from: "mars", url: "https://a/" }] }), 'traffic[0].from: unknown region "mars" (world has us-west, us-east, eu-west, ap-south)');
  assert.equal(errorOf({ worker, traffic: [{ atMs: 0, from: "us-west", url: "ftp://x" }] }), "traffic[0].url: expected an absolute http(s) URL");
  assert.equal(errorOf({ workers: [worker, { name: "b", code: "x", routes: ["bad pattern/*x"] }] }), "workers[1].routes[0]: expected host/path with an optional trailing * (example.com/api/*)");
  assert.equal(errorOf({ worker, faults: [{ atMs: 0, kind: "meteor" }] }), "faults[0].kind: expected one of partition, pop_down, region_down, slow_region, evict_object");
  assert.equal(errorOf({ worker, world: { regions: [] } }), "world.regions: expected at least one region");
  assert.equal(errorOf({ worker: { code: 5 } }), "worker.code: expected a string");
  assert.equal(errorOf({ worker, trafic: [] }).startsWith("trafic: unknown field"), true);
  assert.equal(errorOf({ worker, deployments: [{ atMs: 0, worker: "nope", code: "" }] }), 'deployments[0].worker: unknown worker "nope"');
  assert.equal(errorOf([]), "(scenario): expected an object");
});

test("limits are named in the errors", () => {
  const message = errorOf({ worker, traffic: traffic(limits.trafficEntriesMax + 1) });
  assert.equal(message, `traffic: at most ${limits.trafficEntriesMax} entries (trafficEntriesMax)`);
  const text = parseScenarioText("{");
  assert.ok(!text.ok && text.error.code === "invalid_json");
});

test("defaults and extensions parse", () => {
  const parsed = parseScenario({
    worker: { ...worker, routes: ["app.example.com/*"], bindings: { K: { type: "kv" } } },
    origins: [{ host: "origin.example.com", region: "eu-west", body: "hi" }],
    deployments: [{ atMs: 5, code: "v2 code", rollout: { stepMs: 10, pops: ["eu-west"] } }],
    world: { jitterPercent: 0, kvReplicationLagMs: { "ap-south": 5_000 } },
  });
  assert.ok(parsed.ok);
  const s = parsed.value;
  assert.equal(s.seed, 1);
  assert.equal(s.workers[0]!.name, "worker");
  assert.equal(s.deployments[0]!.version, "v2");
  assert.deepEqual(s.deployments[0]!.rollout.pops, ["eu-west-pop"]);
  assert.equal(s.world.objectHibernateMs, 10_000);
  assert.equal(s.world.kvReplicationLagMs["ap-south"], 5_000);
  assert.equal(s.origins[0]!.status, 200);
});

test("service bindings name another worker of the scenario, with an optional entrypoint", () => {
  const app = (bindings: unknown) => ({ name: "app", code: "x", bindings });
  const parsed = parseScenario({ workers: [app({ A: { type: "service", service: "auth", entrypoint: "AuthApi" }, B: { type: "service", service: "auth" } }), { name: "auth", code: "y" }] });
  assert.ok(parsed.ok, parsed.ok ? "" : parsed.error.message);
  assert.deepEqual(parsed.value.workers[0]!.bindings, { A: { type: "service", service: "auth", entrypoint: "AuthApi" }, B: { type: "service", service: "auth", entrypoint: null } });
  assert.equal(errorOf({ workers: [app({ A: { type: "service", service: "nope" } }), { name: "auth", code: "y" }] }), 'workers[0].bindings.A.service: no worker named "nope" in this scenario; the workers are "app", "auth"');
  assert.equal(errorOf({ worker: app({ A: { type: "service", service: "auth" } }) }), 'worker.bindings.A.service: no worker named "auth" in this scenario; the workers are "app"');
  assert.equal(errorOf({ worker: app({ A: { type: "service", service: "app", entrypoint: "not an identifier" } }) }), "worker.bindings.A.entrypoint: expected a JavaScript identifier");
  assert.equal(errorOf({ worker: app({ A: { type: "service" } }) }), "worker.bindings.A.service: expected a string");
});
