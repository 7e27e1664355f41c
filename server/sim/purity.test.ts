// Checks that the simulation core stays pure (STYLE.md rule 1): no non-test file under
// server/sim uses the wall clock, ambient randomness, timers, performance counters, the process
// or Node modules. It reads every such file and fails naming the file, line and word.

import { strict as assert } from "node:assert";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));
// `Date` as a value type is deterministic (storage clones a stored Date with
// `new Date(d.getTime())`); what reads the wall clock is `Date.now()`, `new Date()` without
// arguments and `Date()` called as a function, so those are what the scan forbids.
const forbidden: [string, RegExp][] = [
  ["Date.now", /\bDate\.now\b/],
  ["new Date()", /\bnew\s+Date\s*\(\s*\)/],
  ["Date()", /(^|[^\w.\s]|[^\w.]\s+)(?<!new\s+)Date\s*\(/],
  ["Math.random", /\bMath\.random\b/],
  ["setTimeout", /\bsetTimeout\b/],
  ["setInterval", /\bsetInterval\b/],
  ["setImmediate", /\bsetImmediate\b/],
  ["queueMicrotask", /\bqueueMicrotask\b/],
  ["performance", /\bperformance\b/],
  ["process", /\bprocess\b/],
  ["Node import", /from\s+["']node:|require\(/],
];

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (name.endsWith(".ts") && !name.endsWith(".test.ts")) out.push(path);
  }
  return out;
}

/** Drops comments so that prose ("the process", "a date") does not count. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, " ")).replace(/(^|[^:])\/\/.*$/gm, "$1");
}

test("no file of server/sim uses the wall clock, randomness, timers, the process or Node modules", () => {
  const files = sourceFiles(root);
  assert.ok(files.length > 20, "the scan must find the sim's files");
  const found: string[] = [];
  for (const file of files) {
    // The test fixtures of the world (testing/) are scripted workers: held to the same rule.
    const lines = code(readFileSync(file, "utf8")).split("\n");
    lines.forEach((line, i) => {
      for (const [name, pattern] of forbidden) if (pattern.test(line)) found.push(`${relative(root, file)}:${i + 1}: ${name}`);
    });
  }
  assert.deepEqual(found, []);
});

test("the scan catches a forbidden name", () => {
  assert.ok(forbidden.some(([, p]) => p.test(code("const t = Date.now(); // fine"))));
  assert.ok(forbidden.some(([, p]) => p.test(code("const d = new Date();"))));
  assert.ok(forbidden.some(([, p]) => p.test(code("const s = Date();"))));
  assert.ok(!forbidden.some(([, p]) => p.test(code("const d = new Date(value.getTime());"))));
  assert.ok(forbidden.some(([, p]) => p.test(code("const r = Math.random();"))));
  assert.ok(!forbidden.some(([, p]) => p.test(code("// Date.now() in a comment"))));
});
