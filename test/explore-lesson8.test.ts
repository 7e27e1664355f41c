// Checks the race explorer with real isolates on lesson 8's own code: the starter (a KV
// read-modify-write counter hit from four regions) loses three of four increments, the shrunk
// story is two requests whose reads both saw no value; the solution (one Durable Object) loses
// none in every order within one deviation, and its request history is linearizable.

import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { after, test } from "node:test";
import { createSandboxFactory } from "../sandbox/index.ts";
import { MemoryStorageProvider } from "../server/sim/durable-objects/memory-storage.ts";
import { explore, linearizable, noLostUpdate } from "../server/sim/explore/index.ts";
import { parseScenario } from "../server/sim/scenario.ts";

const sandbox = createSandboxFactory();
after(() => sandbox.dispose());
const deps = () => ({ isolates: sandbox, objectStorage: new MemoryStorageProvider() });

function lesson8(file: string, together: boolean) {
  const dir = new URL("../lessons/08-lost-update/", import.meta.url);
  const json = JSON.parse(readFileSync(new URL("scenario.json", dir), "utf8"));
  json.worker.code = readFileSync(new URL(file, dir), "utf8");
  json.traffic = json.traffic.filter((t: { method: string }) => t.method === "POST").map((t: { atMs: number }) => (together ? { ...t, atMs: 0 } : t));
  const parsed = parseScenario(json);
  assert.ok(parsed.ok, parsed.ok ? "" : parsed.error.message);
  return parsed.value;
}

test("the starter loses all increments but one; shrunk to two requests whose reads saw no value", () => {
  const answer = explore(lesson8("starter.js", false), deps, noLostUpdate, { bound: 1 });
  assert.equal(answer.verdict, "violated");
  assert.match(answer.found!.message, /4 increments were acknowledged but the counter ends at 1: 3 were lost/);
  assert.deepEqual(answer.shrunk!.kept, [0, 1]);
  assert.match(answer.explanation!, /r1 .*read views at \d+ ms and saw no value.* and r2 .*read views at \d+ ms and saw no value.* each answered 1/);
});

test("the solution loses nothing in any order within one deviation; linearizable", () => {
  const scenario = lesson8("solution.js", true);
  const answer = explore(scenario, deps, noLostUpdate, { bound: 1 });
  assert.equal(answer.verdict, "holds-within-bound", answer.statement);
  assert.ok(answer.exhaustive && answer.distinctOrders > 1, answer.statement);
  assert.equal(explore(scenario, deps, linearizable(), { bound: 0 }).verdict, "holds-within-bound");
});
