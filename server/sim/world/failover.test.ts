// Checks lesson 6: a PoP that goes down keeps receiving its clients' requests (which fail) until
// the next health check withdraws it; after that anycast sends them to the next nearest PoP.
// Also: the PoP returns to anycast at the first health check after it recovers.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { worldOf } from "../testing/scenarios.ts";

test("PoP failover shifts traffic after the health check", () => {
  const from = (atMs: number) => ({ atMs, from: "us-west", url: "https://app.example.com/" });
  const result = worldOf({
    worker: { name: "app", code: "hello", routes: ["app.example.com/*"] },
    faults: [{ atMs: 1_000, kind: "pop_down", pop: "us-west", forMs: 30_000 }],
    traffic: [from(500), from(2_000), from(12_000), from(45_000)],
  }).run();
  assert.deepEqual(result.responses.map((r) => [r?.status, r?.servedBy]), [
    [200, "us-west"],
    [502, null], // still advertised: the health check at 10 s has not run yet
    [200, "us-east"], // withdrawn: the next nearest PoP
    [200, "us-west"], // recovered at 31 s, re-advertised at the 40 s check
  ]);
  const health = result.trace.flatMap((e) => (e.kind === "health" ? [`${e.t}:${e.pop}:${e.advertised}`] : []));
  assert.deepEqual(health, ["10000:us-west-pop:false", "40000:us-west-pop:true"]);
});

test("a client that retries its failed connection is served by the next nearest PoP once the health check withdraws the dead one", () => {
  const from = (atMs: number) => ({ atMs, from: "us-west", url: "https://app.example.com/", retry: { attempts: 3, afterMs: 5_000 } });
  const result = worldOf({
    worker: { name: "app", code: "hello", routes: ["app.example.com/*"] },
    faults: [{ atMs: 1_000, kind: "pop_down", pop: "us-west", forMs: 30_000 }],
    traffic: [from(2_000)],
  }).run();
  assert.deepEqual(result.responses.map((r) => [r?.status, r?.servedBy]), [[200, "us-east"]]);
  // Two retries: the one near 7 s still reaches the dead PoP (advertised until the 10 s check).
  const retries = result.trace.flatMap((e) => (e.kind === "retry" ? [e.attempt] : []));
  assert.deepEqual(retries, [2, 3]);
  const pops = result.trace.flatMap((e) => (e.kind === "anycast" ? [e.pop] : []));
  assert.deepEqual(pops, ["us-west-pop", "us-west-pop", "us-east-pop"]);
});

test("a client without retries, or out of attempts, gets the 502", () => {
  const result = worldOf({
    worker: { name: "app", code: "hello", routes: ["app.example.com/*"] },
    faults: [{ atMs: 1_000, kind: "pop_down", pop: "us-west", forMs: 30_000 }],
    traffic: [{ atMs: 2_000, from: "us-west", url: "https://app.example.com/", retry: { attempts: 1, afterMs: 1_000 } }],
  }).run();
  assert.deepEqual(result.responses.map((r) => r?.status), [502]);
  assert.equal(result.trace.filter((e) => e.kind === "retry").length, 1);
});
