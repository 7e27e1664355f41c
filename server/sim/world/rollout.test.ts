// Checks lesson 13: a staged rollout moves PoPs to v2 one step at a time, so for a while
// different PoPs answer with different versions, which the X-Deployment-Version header shows;
// once the rollout is done every PoP answers v2.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { fourRegions, worldOf } from "../testing/scenarios.ts";
import { versionHeader } from "./requests.ts";

test("a rollout produces mixed versions with the X-Deployment-Version header", () => {
  const at = (atMs: number) => fourRegions.map((from) => ({ atMs, from, url: "https://app.example.com/" }));
  const result = worldOf({
    worker: { name: "app", code: "hello", routes: ["app.example.com/*"] },
    deployments: [{ atMs: 1_000, worker: "app", code: "hello", rollout: { stepMs: 10_000, pops: ["us-west", "us-east", "eu-west", "ap-south"] } }],
    traffic: [...at(0), ...at(15_000), ...at(45_000)],
  }).run();
  const versions = result.responses.map((r) => r?.headers[versionHeader]);
  assert.deepEqual(versions.slice(0, 4), ["v1", "v1", "v1", "v1"]);
  assert.deepEqual(versions.slice(4, 8), ["v2", "v2", "v1", "v1"]);
  assert.deepEqual(versions.slice(8), ["v2", "v2", "v2", "v2"]);
  assert.equal(result.responses[4]?.body, "hello from v2");
  assert.equal(result.trace.filter((e) => e.kind === "deploy").length, 4);
});
