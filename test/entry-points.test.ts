// Entry points say what is wrong with the install instead of a stack trace: the native-module
// check names each module that cannot load and the command that builds it. It is run from a
// folder with no node_modules, which is what a machine that never built them looks like; and
// from the project, where both load and it prints nothing.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const script = fileURLToPath(new URL("../scripts/check-native.mjs", import.meta.url));

test("a missing native module is named with the command that builds it", () => {
  const dir = mkdtempSync(join(tmpdir(), "check-native-"));
  try {
    copyFileSync(script, join(dir, "check-native.mjs"));
    const run = spawnSync(process.execPath, ["--no-node-snapshot", join(dir, "check-native.mjs")], { encoding: "utf8" });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /isolated-vm is not installed or was not built\. Build it with: npm rebuild isolated-vm/);
    assert.match(run.stderr, /better-sqlite3 is not installed or was not built\. Build it with: npm rebuild better-sqlite3/);
    assert.doesNotMatch(run.stderr, /at .*\(.*:\d+:\d+\)/, "no stack trace");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("with both modules built the check passes silently", () => {
  const run = spawnSync(process.execPath, ["--no-node-snapshot", script], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout + run.stderr, "");
});
