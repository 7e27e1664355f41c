// Checks isolates in the world: the first request is a cold start and the next warm; a limit
// that ends an isolate answers 503 to every request in it and the next request gets a fresh
// isolate; an idle isolate is evicted; a subrequest reaches a simulated origin and pays the
// network path to its region.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { worldOf } from "../testing/scenarios.ts";

const app = (code: string) => ({ name: "app", code, routes: ["app.example.com/*"] });
const get = (atMs: number, path = "/", from = "us-west") => ({ atMs, from, url: `https://app.example.com${path}` });

test("a limit ends the isolate: 503 for every request in it, a fresh isolate next time", () => {
  const result = worldOf({ worker: app("limits"), traffic: [get(0, "/"), get(20, "/spin"), get(1_000, "/")] }).run();
  assert.deepEqual(result.responses.map((r) => r?.status), [503, 503, 200]);
  const ends = result.trace.filter((e) => e.kind === "isolate_end");
  assert.equal(ends.length, 1);
  assert.deepEqual(ends[0]!.kind === "isolate_end" && ends[0]!.requests.sort(), ["r1", "r2"]);
  const starts = result.trace.filter((e) => e.kind === "isolate_start").map((e) => e.kind === "isolate_start" && e.isolate);
  assert.deepEqual(starts, ["app@v1/us-west-pop#1", "app@v1/us-west-pop#2"]);
});

test("cold start first, warm after; an idle isolate is evicted", () => {
  const result = worldOf({ world: { isolateIdleEvictMs: 60_000 }, worker: app("hello"), traffic: [get(0), get(1_000), get(100_000)] }).run();
  const starts = result.trace.filter((e) => e.kind === "isolate_start");
  assert.equal(starts.length, 2, "cold, warm, then cold again after eviction");
  const evicted = result.trace.find((e) => e.kind === "isolate_evict");
  assert.ok(evicted && evicted.t === 61_000 + 5, `evicted at ${evicted?.t}`);
  // The cold start's modelled cost shows in the latency: the warm request is faster.
  const [cold, warm] = result.responses;
  assert.ok(cold!.finishedAtMs - cold!.startedAtMs > warm!.finishedAtMs - warm!.startedAtMs);
});

test("a subrequest reaches a simulated origin across the network", () => {
  const result = worldOf({
    world: { jitterPercent: 0 },
    worker: app("proxy"),
    origins: [{ host: "origin.example.com", region: "eu-west", latencyMs: 30, status: 201, body: "from origin" }],
    traffic: [get(0, "/", "us-west")],
  }).run();
  assert.equal(result.responses[0]?.status, 201);
  assert.equal(result.responses[0]?.body, "from origin");
  // 5 last mile + cold start + 70 there + 30 origin + 70 back + 5 last mile.
  const coldMs = result.trace.find((e) => e.kind === "isolate_start")!;
  assert.equal(result.responses[0]!.finishedAtMs, 5 + (coldMs.kind === "isolate_start" ? coldMs.modelMs : 0) + 70 + 30 + 70 + 5);
});
