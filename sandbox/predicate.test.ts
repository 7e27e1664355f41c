// Checks that a learner's predicate runs in a real isolate and is contained like worker code: a
// passing and a failing predicate answer; one that throws, loops or is not a function gives an
// error naming what happened; the host's objects are out of its reach; and the explorer turns a
// throwing predicate into an `error` verdict instead of a crash.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { explore, predicateProperty } from "../server/sim/explore/index.ts";
import { counterWorker, fakeDeps, scenarioFrom } from "../server/sim/testing/scenarios.ts";
import { createPredicateSandbox, predicateLimits } from "./predicate.ts";

const input = { responses: [{ status: 200, headers: {}, body: "1", servedBy: "us-west", startedAtMs: 0, finishedAtMs: 9 }], trace: [] };

test("a predicate answers pass, fail, or fail with its reason", () => {
  for (const [code, want] of [
    ["({ responses }) => responses.every((r) => r.status === 200)", { ok: true, pass: true, message: null }],
    ["({ responses }) => responses.length === 2", { ok: true, pass: false, message: null }],
    ["({ responses }) => `only ${responses.length} answer`", { ok: true, pass: false, message: "only 1 answer" }],
  ] as const) {
    const sandbox = createPredicateSandbox(code);
    try {
      assert.deepEqual(sandbox.check(input), want);
    } finally {
      sandbox.dispose();
    }
  }
});

test("a throwing, looping or malformed predicate is an error that names what happened", () => {
  const cases: [string, RegExp][] = [
    ["() => { throw new Error('boom') }", /threw while checking a run: .*boom/],
    ["() => { for (;;) {} }", new RegExp(`longer than ${predicateLimits.wallMsMax} ms`)],
    ["42", /must be a function/],
    ["() => typeof process + typeof require + typeof ivm === 'undefinedundefinedundefined' ? true : 'host reachable'", /^$/],
  ];
  for (const [code, pattern] of cases) {
    const sandbox = createPredicateSandbox(code);
    try {
      const answer = sandbox.check(input);
      if (pattern.source === "^$") assert.deepEqual(answer, { ok: true, pass: true, message: null });
      else {
        assert.ok(!answer.ok, `${code} must fail`);
        assert.match(answer.error, pattern);
      }
    } finally {
      sandbox.dispose();
    }
  }
});

test("the explorer stops with an error verdict when the predicate throws", () => {
  const scenario = scenarioFrom({ seed: 1, worker: counterWorker("do-counter"), traffic: [{ atMs: 0, from: "us-east", method: "POST", url: "https://app.example.com/inc" }] });
  const sandbox = createPredicateSandbox("(run) => run.nothing.here");
  try {
    const answer = explore(scenario, fakeDeps, predicateProperty(sandbox), { bound: 1 });
    assert.equal(answer.verdict, "error");
    assert.match(answer.statement, /could not be checked: the predicate threw/);
    assert.equal(answer.runs, 1);
  } finally {
    sandbox.dispose();
  }
});
