// Runs every *.test.ts file with Node's test runner. Node 20's runner does not expand globs, so
// the files are found here. isolated-vm needs --no-node-snapshot in every process that loads it;
// the runner passes our execArgv on to each test file's process.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const roots = ["server", "sandbox", "lessons", "test", "web"];
const skip = new Set(["node_modules", "dist", ".data"]);

function findTests(dir, found) {
  let names;
  try { names = readdirSync(dir); } catch { return found; }
  for (const name of names.sort()) {
    if (skip.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) findTests(path, found);
    else if (name.endsWith(".test.ts")) found.push(path);
  }
  return found;
}

const filter = process.argv.slice(2);
let files = roots.flatMap((root) => findTests(root, []));
if (filter.length > 0) files = files.filter((f) => filter.some((part) => f.includes(part)));
if (files.length === 0) {
  console.error("run-tests: no test files found");
  process.exit(1);
}
const args = ["--no-node-snapshot", "--expose-gc", "--import", "./scripts/test-exit-gc.mjs", "--import", "tsx", "--test", "--test-concurrency=2", ...files];
// The test machine is a small VM shared by several processes, where thread CPU time also counts
// time the host took the vCPU away: tests that are not about the CPU limit get a budget that
// this cannot exhaust by accident (sandbox/index.ts; tests of the limit set it explicitly).
const env = { EDGE_PLAYGROUND_REQUEST_CPU_MS_MAX: "1000", EDGE_PLAYGROUND_STARTUP_CPU_MS_MAX: "2000", ...process.env };
const result = spawnSync(process.execPath, args, { stdio: "inherit", env });
process.exit(result.status ?? 1);
