// The corpus of realistic Worker programs (test/corpus/): each program runs in a fresh world with
// real isolates and must answer every request as its /*corpus*/ block says. One test per
// program, so a failure names the program and what differed; `npm run corpus` prints the score.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { createSandboxFactory } from "../sandbox/index.ts";
import { corpusPrograms, runProgram } from "./corpus/run-corpus.ts";

const sandbox = createSandboxFactory({ poolSize: 0, limits: { requestCpuMsMax: 3000, deliveryWallMsMax: 10_000 } });
after(() => sandbox.dispose());

test("the corpus holds enough programs to mean something", () => {
  assert.ok(corpusPrograms().length >= 30, `only ${corpusPrograms().length} programs`);
});

for (const name of corpusPrograms()) {
  test(`corpus: ${name}`, () => {
    const result = runProgram(name, sandbox);
    assert.deepEqual(result.failures, []);
  });
}
