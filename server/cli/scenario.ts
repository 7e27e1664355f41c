// `npm run scenario -- FILE.json [--seed N]`: runs a scenario headless with real isolates and
// real SQLite storage (in a temporary directory), and prints ONE JSON object on stdout:
// { name, seed, completed, responses, traceHash, stats, trace }.
// Exit codes: 0 the run completed; 1 it stopped at a bound (time or events) or crashed;
// 2 bad arguments or an invalid scenario (the error names the field's path);
// 3 a worker failed to load (the compile error with its line).

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSandboxFactory } from "../../sandbox/index.ts";
import { deriveSeed } from "../sim/core/prng.ts";
import type { IsolateFactory } from "../sim/isolate-port.ts";
import { parseScenarioText } from "../sim/scenario.ts";
import type { Scenario } from "../sim/scenario-types.ts";
import { World } from "../sim/world/world.ts";
import { SqliteStorageProvider } from "../store/sqlite-object-storage.ts";

function parseArgs(argv: string[]): { file: string; seed: number | null } | string {
  let file: string | null = null;
  let seed: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--seed") {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) return "--seed: expected an integer from 0 to 4294967295";
      seed = value;
    } else if (file === null && !arg.startsWith("--")) file = arg;
    else return `unexpected argument ${arg}`;
  }
  return file === null ? "usage: npm run scenario -- FILE.json [--seed N]" : { file, seed };
}

/** Loads each worker version once, so a compile error is reported with its line before the run. */
function checkWorkersLoad(scenario: Scenario, factory: IsolateFactory): string | null {
  const scripts = [
    ...scenario.workers.map((w) => ({ name: w.name, version: w.version, code: w.code, bindings: w.bindings })),
    ...scenario.deployments.map((d) => ({ name: d.worker, version: d.version, code: d.code, bindings: scenario.workers.find((w) => w.name === d.worker)!.bindings })),
  ];
  for (const script of scripts) {
    const loaded = factory.load(script, { seed: deriveSeed(scenario.seed, "check"), nowMs: 0, sync: () => ({ ok: false, error: { name: "Error", message: "not available while checking" } }) });
    if (loaded.ok) {
      loaded.isolate.dispose();
      continue;
    }
    const { code, message, line, column } = loaded.error;
    const where = line === null ? "" : ` at ${script.name}.js:${line}${column === null ? "" : `:${column}`}`;
    return `worker "${script.name}" (${script.version}) failed to load: ${code}${where}: ${message}`;
  }
  return null;
}

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === "string") {
    process.stderr.write(`${args}\n`);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(args.file, "utf8");
  } catch (e) {
    process.stderr.write(`cannot read ${args.file}: ${(e as Error).message}\n`);
    return 2;
  }
  const parsed = parseScenarioText(text);
  if (!parsed.ok) {
    process.stderr.write(`invalid scenario ${args.file}: ${parsed.error.message}\n`);
    return 2;
  }
  const scenario = parsed.value;
  const seed = args.seed ?? scenario.seed;
  const sandbox = createSandboxFactory();
  const dir = mkdtempSync(join(tmpdir(), "edge-scenario-"));
  try {
    const loadError = checkWorkersLoad(scenario, sandbox);
    if (loadError !== null) {
      process.stderr.write(`${loadError}\n`);
      return 3;
    }
    const world = new World(scenario, { isolates: sandbox, objectStorage: new SqliteStorageProvider({ dir }) }, seed);
    const result = world.run();
    world.dispose();
    const { trace, ...rest } = result;
    process.stdout.write(`${JSON.stringify({ name: scenario.name, ...rest, trace })}\n`);
    if (!result.completed) process.stderr.write(`run stopped at a bound before coming to rest; reproduce with --seed ${seed}\n`);
    return result.completed ? 0 : 1;
  } finally {
    sandbox.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = main();
