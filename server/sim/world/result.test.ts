// A run's response headers keep every Set-Cookie: repeated names are joined as Headers.get joins
// them, instead of the last one replacing the others.
import assert from "node:assert/strict";
import { test } from "node:test";
import { headerRecord } from "./result.ts";

test("repeated header names are joined with a comma and a space, others kept as they are", () => {
  assert.deepEqual(headerRecord([["set-cookie", "a=1"], ["content-type", "text/plain"], ["set-cookie", "b=2; Path=/"]]), {
    "set-cookie": "a=1, b=2; Path=/",
    "content-type": "text/plain",
  });
});
