// Unit tests of lesson 19 on hand-made runs: missing numbers are named; unvisited phases are
// named once the numbers are there; a complete walkthrough passes; the Markdown export holds
// the world's Mermaid diagram, the numbers beside the design's and every phase's answers.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { fakeRun } from "../../server/lessons/testing.ts";
import { check, phaseIds } from "./check.ts";
import { walkthroughMarkdown, worldMermaid } from "./export.ts";
import { walkthroughNumbers } from "./numbers.ts";

const b = "https://app.example.com";
const cold = { kind: "isolate_start" as const, t: 5, isolate: "app@v1/us-west-pop#1", pop: "us-west-pop", worker: "app", version: "v1", modelMs: 8, measured: { createIsolateMs: 2, loadCodeMs: 1, bindingsMs: 1, moduleInitMs: 4 } };
const write = { kind: "kv_write" as const, t: 3000, req: "r2", pop: "us-west-pop", key: "banner", version: 1, status: "put" };
const staleRead = { kind: "kv_read" as const, t: 4000, req: "r3", pop: "eu-west-pop", key: "banner", version: null, stale: true, source: "miss" };
const full = () => {
  const r = fakeRun([{ from: "us-west", url: `${b}/` }, { from: "us-west", method: "POST", url: `${b}/kv` }, { from: "eu-west", url: `${b}/kv` }, { from: "eu-west", url: `${b}/do`, ms: 150 }], [cold, write, staleRead]);
  r.stats.routeCacheHits = 3;
  r.stats.routeCacheMisses = 1;
  return r;
};
const answers = Object.fromEntries(phaseIds.map((id) => [id, "my answer"]));

test("missing numbers are named", () => {
  const result = check({ result: fakeRun([{ from: "us-west", url: `${b}/` }]) });
  assert.equal(result.pass, false);
  assert.match(result.hint, /^not measured in this session yet: cold start, MB per isolate, KV stale window, Durable Object latency by region, route cache hit rate/);
});

test("with every number measured, unvisited phases are named; all visited passes", () => {
  const half = check({ result: full(), measured: { "isolate-mb": 1.2 }, predictions: { requirements: "x", "high-level": " " } });
  assert.match(half.hint, /phases not visited yet: high-level, deep-dive, bottlenecks, races, trade-offs/);
  const done = check({ result: full(), measured: { "isolate-mb": 1.2 }, predictions: answers });
  assert.equal(done.pass, true, done.hint);
  assert.match(done.hint, /cold start 8 ms, 1\.2 MB per isolate, KV stale up to 1000 ms, route cache 75 % hits/);
});

test("the Markdown export holds the diagram, the numbers and the answers", () => {
  const numbers = walkthroughNumbers({ result: full(), measured: { "isolate-mb": 1.2 } });
  const world = { regions: ["us-west", "eu-west"], kvCentralRegion: "us-east", objectOwners: { global: "us-west" } };
  const md = walkthroughMarkdown({ numbers, world, phases: [{ title: "Trade-offs", question: "Where?", modelAnswer: "KV for sessions.", answer: null }] });
  assert.ok(md.includes("```mermaid\nflowchart LR\n  client_us_west([\"client us-west\"]) --> pop_us_west[\"PoP us-west\"]"));
  assert.ok(md.includes("| memory per isolate | 1.2 MB | ≈ 2 MB (a container: hundreds of MB) |"));
  assert.ok(md.includes("| Durable Object request from eu-west | 150 ms | ≈ 50 ms routed (10–100 ms) |"));
  assert.ok(md.includes("| route cache hit rate | 75 % | 95 %+ |"));
  assert.ok(md.includes("**My answer.** (not answered)\n\n**Model answer.** KV for sessions."));
  assert.equal(worldMermaid(world).split("\n").filter((l) => l.includes("do_global")).length, 3);
});
