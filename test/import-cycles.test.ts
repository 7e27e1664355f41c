// Checks that no value-import cycle exists under server/ (type-only imports are fine), and that
// the checker finds one when there is one: a cycle of three files and a type-only import in a
// temporary folder.

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
// @ts-expect-error: a plain ES module script without type declarations.
import { importCycles } from "../scripts/import-cycles.mjs";

test("server/ has no value-import cycle", () => {
  assert.deepEqual(importCycles(join(import.meta.dirname, "..", "server")), []);
});

test("the checker finds a value-import cycle and ignores type-only imports", () => {
  const root = mkdtempSync(join(tmpdir(), "cycles-"));
  try {
    mkdirSync(join(root, "sub"));
    writeFileSync(join(root, "a.ts"), 'import { b } from "./sub/b.ts";\nexport const a = b;\n');
    writeFileSync(join(root, "sub", "b.ts"), 'import { c } from "../c.ts";\nexport const b = c;\n');
    writeFileSync(join(root, "c.ts"), 'import { a } from "./a.ts";\nexport const c = () => a;\n');
    writeFileSync(join(root, "d.ts"), 'import type { E } from "./e.ts";\nimport { type F } from "./e.ts";\nexport type D = E | F;\n');
    writeFileSync(join(root, "e.ts"), 'import { d } from "./d.ts";\nexport type E = 1; export type F = 2; export const e = d;\n');
    assert.deepEqual(importCycles(root), [["a.ts", "c.ts", "sub/b.ts"]]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
