// Checks that an exception's position is read from the first frame in the learner's modules,
// not from a file name quoted in the message, and that a stack without such a frame gives none.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { sourceOfStack } from "./stack-source.ts";

test("the first user frame gives file, line and column", () => {
  const stack = "TypeError: Cannot read properties of null (reading 'y') in util.js:1:1\n    at Object.fetch (app.js:4:27)\n    at helper (src/lib.ts:10:3)";
  assert.deepEqual(sourceOfStack(stack), { file: "app.js", line: 4, column: 27 });
  assert.deepEqual(sourceOfStack("Error: x\n    at run (src/lib.ts:10:3)"), { file: "src/lib.ts", line: 10, column: 3 });
});

test("a stack without a user frame has no position", () => {
  assert.equal(sourceOfStack("Error: boom"), null);
  assert.equal(sourceOfStack("Error: boom\n    at <anonymous>"), null);
});
