// `npm run scenario -- FILE.json [--seed N]`: runs a scenario headless with real isolates and
// real SQLite storage (in a temporary directory), and prints ONE JSON object on stdout:
// { name, seed, completed, responses, traceHash, stats, trace }.
// Exit codes: 0 the run completed; 1 it stopped at a bound (time or events) or crashed;
// 2 bad arguments or an invalid scenario (the error names the field's path);
// 3 a worker failed to load (the compile error with its line).

import { readFileSync } from "node:fs";
import { createSandboxFactory } from "../../sandbox/index.ts";
import { runScenario } from "../world/run-scenario.ts";
import type { RunResult } from "../sim/world/result.ts";
import { parseScenarioText } from "../sim/scenario.ts";

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

/** Why the run did not come to rest: the bound its last trace entry names, or the CLI's own. */
function stopMessage(result: RunResult): string {
  const last = result.trace[result.trace.length - 1];
  if (last?.kind === "run_end") return `the run ended at ${last.limit}: ${last.message}`;
  return "the run stopped at a bound before coming to rest";
}

/** One JSON object, the trace written a chunk of entries at a time (never one giant string; stdout is synchronous for files and pipes on Linux). */
function writeResult(name: string, result: RunResult): void {
  const { trace, ...rest } = result;
  const head = JSON.stringify({ name, ...rest });
  process.stdout.write(`${head.slice(0, -1)},"trace":[`);
  const entriesPerChunk = 1_000;
  for (let i = 0; i < trace.length; i += entriesPerChunk) {
    const chunk = trace.slice(i, i + entriesPerChunk).map((entry) => JSON.stringify(entry)).join(",");
    process.stdout.write(i === 0 ? chunk : `,${chunk}`);
  }
  process.stdout.write("]}\n");
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
  try {
    const run = runScenario(scenario, seed, sandbox);
    if (!run.ok) {
      process.stderr.write(`${run.message}\n`);
      return 3;
    }
    writeResult(scenario.name, run.result);
    if (!run.result.completed) process.stderr.write(`${stopMessage(run.result)}; the responses so far are in the output; reproduce with --seed ${seed}\n`);
    return run.result.completed ? 0 : 1;
  } finally {
    sandbox.dispose();
  }
}

process.exitCode = main();
