import { test } from "node:test";
import assert from "node:assert/strict";
import { prefixUpperBound } from "./key-range.ts";
import { splitSqlStatements } from "./sql-statements.ts";

test("splitSqlStatements splits on ';' outside literals, identifiers and comments", () => {
  // Quotes of every kind, doubled quotes and both comment styles hide their ';'.
  const parts = splitSqlStatements(`SELECT 'a;''b'; SELECT "x;y" FROM [t;1]; SELECT \`q;\` -- c;\n; /* ; */ SELECT 1`);
  assert.deepEqual(parts.map((p) => p.text), [`SELECT 'a;''b'`, `SELECT "x;y" FROM [t;1]`, "SELECT `q;` -- c;", "/* ; */ SELECT 1"]);
  assert.deepEqual(parts[0]!.quoted, ["a;'b"]);
  assert.deepEqual(parts[1]!.words, ["SELECT", "FROM"]);
});

test("prefixUpperBound is the next string after every key with the prefix", () => {
  // Increment the last code point, skip surrogates, drop a trailing U+10FFFF.
  assert.equal(prefixUpperBound("ab"), "ac");
  assert.equal(prefixUpperBound("a\ud7ff"), "a\ue000");
  assert.equal(prefixUpperBound("a\u{10FFFF}"), "b");
  assert.equal(prefixUpperBound("\u{10FFFF}"), null);
  assert.equal(prefixUpperBound("a𝄞"), "a\u{1D11F}");
});
