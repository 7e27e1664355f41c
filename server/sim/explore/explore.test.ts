// Checks the race explorer on the counters of lesson 8 (scripted workers on the fake isolates):
// on the four-region KV counter it finds the run where all increments but one are lost, shrinks
// it to two requests and no deviation, and the checker calls the shrunk history illegal naming
// the two reads; on the Durable Object counter it covers every order within the bound and none
// loses an update or breaks linearizability; a property that only a reordering breaks is found
// with one deviation the Stepper replays; answers are deterministic; progress can cancel.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { checkHistory } from "../history/checker.ts";
import { requestHistory } from "../history/extract.ts";
import { counterModel } from "../history/models.ts";
import { counterWorker, fakeDeps, fourRegions, scenarioFrom } from "../testing/scenarios.ts";
import { Stepper } from "../world/stepping.ts";
import { explore, linearizable, noLostUpdate, responsesEqual } from "./index.ts";

const inc = (from: string, atMs: number) => ({ atMs, from, method: "POST", url: "https://app.example.com/inc" });
// 1.1 s apart: under KV's 1 write/s/key limit (which would answer 429s and mask the loss).
const kvCounter = scenarioFrom({ seed: 3, worker: counterWorker("kv-counter"), traffic: fourRegions.map((from, i) => inc(from, i * 1100)) });
const doCounter = scenarioFrom({ seed: 3, worker: counterWorker("do-counter"), traffic: fourRegions.map((from) => inc(from, 0)) });

test("KV counter: all increments but one lost, shrunk to two requests, the two reads named", () => {
  const answer = explore(kvCounter, fakeDeps, noLostUpdate, { bound: 2 });
  assert.equal(answer.verdict, "violated");
  assert.match(answer.found!.message, /4 increments were acknowledged but the counter ends at 1: 3 were lost/);
  const shrunk = answer.shrunk!;
  assert.equal(shrunk.choices.length, 0, "the default order already loses updates");
  assert.deepEqual(shrunk.kept, [0, 1]);
  assert.match(shrunk.message, /2 increments were acknowledged but the counter ends at 1: 1 was lost/);
  assert.match(shrunk.history!, /r1 .*read n at 5 ms and saw no value.* and r2 .*read n at 1105 ms and saw no value.* each answered 1/);
  // The checker on its own: the shrunk run's request history is illegal.
  const replay = new Stepper(shrunk.scenario, fakeDeps);
  replay.runUntil(Number.MAX_SAFE_INTEGER);
  assert.equal(checkHistory(counterModel(), requestHistory(replay.result())).verdict, "illegal");
});

test("DO counter: every order within the bound explored, none loses an update, linearizable", () => {
  const answer = explore(doCounter, fakeDeps, noLostUpdate, { bound: 1 });
  assert.equal(answer.verdict, "holds-within-bound");
  assert.ok(answer.exhaustive);
  assert.ok(answer.distinctOrders > 4, `several distinct orders (${answer.distinctOrders})`);
  assert.match(answer.statement, new RegExp(`^all ${answer.distinctOrders} distinct orders within 1 deviation explored`));
  const checked = explore(doCounter, fakeDeps, linearizable(), { bound: 1 });
  assert.equal(checked.verdict, "holds-within-bound");
  assert.equal(checked.distinctOrders, answer.distinctOrders);
});

test("a property only a reordering breaks is found with one deviation the Stepper replays", () => {
  const two = scenarioFrom({ seed: 3, worker: counterWorker("do-counter"), traffic: ["us-east", "eu-west"].map((from) => inc(from, 0)) });
  const plain = new Stepper(two, fakeDeps);
  plain.runUntil(Number.MAX_SAFE_INTEGER);
  const expected = plain.result().responses.map((r) => ({ status: r!.status, body: r!.body }));
  const answer = explore(two, fakeDeps, responsesEqual(expected), { bound: 2 });
  assert.equal(answer.verdict, "violated");
  const shrunk = answer.shrunk!;
  assert.equal(shrunk.choices.length, 1, "one pull ahead is the shortest story");
  // Replaying the choices with the Stepper gives the failing responses.
  const stepper = new Stepper(shrunk.scenario, fakeDeps);
  for (const choice of shrunk.choices) {
    while (stepper.stepIndex < choice.step) assert.ok(stepper.step());
    assert.ok(stepper.stepChoose(choice.eventId).ok, choice.label);
  }
  stepper.runUntil(Number.MAX_SAFE_INTEGER);
  assert.notDeepEqual(stepper.result().responses.map((r) => r?.body), expected.map((r) => r.body));
});

test("answers are deterministic for a scenario, seed and bound; random walks too", () => {
  const view = (a: ReturnType<typeof explore>) => JSON.stringify({ ...a, shrunk: a.shrunk && { ...a.shrunk, scenario: null } });
  assert.equal(view(explore(doCounter, fakeDeps, noLostUpdate, { bound: 1 })), view(explore(doCounter, fakeDeps, noLostUpdate, { bound: 1 })));
  const random = () => explore(doCounter, fakeDeps, noLostUpdate, { bound: 2, mode: "random", runsMax: 12, seed: 5 });
  const first = random();
  assert.match(first.statement, /^12 random orders tried \(\d+ distinct, up to 2 deviations each\), none failed$/);
  assert.equal(view(first), view(random()));
});

test("progress is reported after every run and can cancel the search", () => {
  const seen: number[] = [];
  const answer = explore(doCounter, fakeDeps, noLostUpdate, { bound: 2, onProgress: (p) => (seen.push(p.runs), p.runs >= 3) });
  assert.equal(answer.verdict, "cancelled");
  assert.deepEqual(seen, [1, 2, 3]);
  assert.match(answer.statement, /cancelled after 3 runs/);
});
