// Checks explorations in the world process with real isolates: an exploration runs in slices
// that each answer progress until the answer comes (lesson 8's starter loses updates); one can
// be cancelled; a bad scenario, a predicate that throws, a second exploration under the same id
// and a slice of an unknown one are coded errors, never a crash.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { after, test } from "node:test";
import { createSandboxFactory } from "../../sandbox/index.ts";
import { ExploreHost, type ExploreSlice } from "./explore-host.ts";

const sandbox = createSandboxFactory();
after(() => sandbox.dispose());
const dir = new URL("../../lessons/08-lost-update/", import.meta.url);
const scenario = JSON.parse(readFileSync(new URL("scenario.json", dir), "utf8"));
scenario.worker.code = readFileSync(new URL("starter.js", dir), "utf8");
scenario.traffic = scenario.traffic.filter((t: { method: string }) => t.method === "POST");
const options = { bound: 1, runsMax: 50, mode: "auto" as const };

test("an exploration runs in slices to its answer", () => {
  const host = new ExploreHost(sandbox);
  host.start("a", scenario, 8, { kind: "no-lost-update" }, options);
  let slice: ExploreSlice = host.slice("a", 0);
  for (let i = 0; i < 100 && !slice.done; i++) slice = host.slice("a", 0);
  assert.ok(slice.done);
  assert.equal(slice.answer.verdict, "violated");
  assert.match(slice.answer.explanation!, /each answered 1/);
  assert.throws(() => host.slice("a", 0), (e: { code?: string }) => e.code === "no_such_exploration");
});

test("cancel ends an exploration with a cancelled answer", () => {
  const host = new ExploreHost(sandbox);
  // The Durable Object solution, four increments at once: nothing fails, so the search goes on.
  const solution = { ...scenario, worker: { ...scenario.worker, code: readFileSync(new URL("solution.js", dir), "utf8") }, traffic: scenario.traffic.map((t: object) => ({ ...t, atMs: 0 })) };
  host.start("b", solution, 8, { kind: "no-lost-update" }, { ...options, bound: 2 });
  const first = host.slice("b", 0);
  assert.ok(!first.done);
  const cancelled = host.cancel("b");
  assert.ok(cancelled.done && cancelled.answer.verdict === "cancelled");
});

test("bad input is a coded error", () => {
  const host = new ExploreHost(sandbox);
  assert.throws(() => host.start("c", { worker: 5 }, 1, { kind: "no-5xx" }, options), (e: { code?: string }) => e.code === "invalid_scenario");
  host.start("d", scenario, 8, { kind: "predicate", code: "() => { throw new Error('nope') }" }, options);
  assert.throws(() => host.start("d", scenario, 8, { kind: "no-5xx" }, options), (e: { code?: string }) => e.code === "explore_running");
  const slice = host.slice("d", 0);
  assert.ok(slice.done && slice.answer.verdict === "error" && /threw.*nope/.test(slice.answer.statement));
  host.closeAll();
});
