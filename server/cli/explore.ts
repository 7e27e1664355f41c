// `npm run explore -- FILE.json --property no-lost-update|linearizable|no-5xx|responses-equal|predicate
//    [--bound N] [--seed N] [--runs N] [--mode auto|systematic|random] [--expect FILE.json] [--predicate FILE.js]`
// searches the scenario's orders with real isolates (Durable Object storage in memory: each run
// needs a fresh store, and the in-memory one passes the same storage contract as SQLite) and
// prints ONE JSON object: { verdict, statement, runs, distinctOrders, bound, seed, timeMs,
// found, shrunk: { choices, kept, message }, explanation }.
// Exit codes: 0 the property held within the bound; 1 violated; 2 bad arguments or scenario;
// 3 the property could not be checked (a predicate threw or looped) or the search was cancelled.

import { readFileSync } from "node:fs";
import { createSandboxFactory } from "../../sandbox/index.ts";
import { createPredicateSandbox, type PredicateSandbox } from "../../sandbox/predicate.ts";
import { MemoryStorageProvider } from "../sim/durable-objects/memory-storage.ts";
import { explore, propertyKinds, propertyOf, type ExploreOptions, type PropertySpec } from "../sim/explore/index.ts";
import { parseScenarioText } from "../sim/scenario.ts";

const usage = `usage: npm run explore -- FILE.json --property ${propertyKinds.join("|")} [--bound N] [--seed N] [--runs N] [--mode auto|systematic|random] [--expect FILE.json] [--predicate FILE.js]`;

interface Args { file: string; property: string; options: ExploreOptions; expect: string | null; predicate: string | null }

function parseArgs(argv: string[]): Args | string {
  const args: Args = { file: "", property: "", options: {}, expect: null, predicate: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = argv[i + 1];
    const int = (name: string, min: number) => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < min || n > 0xffffffff) throw new Error(`${name}: expected an integer ≥ ${min}`);
      return n;
    };
    try {
      if (arg === "--property") args.property = argv[++i] ?? "";
      else if (arg === "--bound") args.options.bound = int("--bound", 0);
      else if (arg === "--seed") args.options.seed = int("--seed", 0);
      else if (arg === "--runs") args.options.runsMax = int("--runs", 1);
      else if (arg === "--mode" && (value === "auto" || value === "systematic" || value === "random")) args.options.mode = argv[++i] as ExploreOptions["mode"];
      else if (arg === "--expect") args.expect = argv[++i] ?? null;
      else if (arg === "--predicate") args.predicate = argv[++i] ?? null;
      else if (args.file === "" && !arg.startsWith("--")) args.file = arg;
      else return `unexpected argument ${arg}\n${usage}`;
    } catch (e) {
      return (e as Error).message;
    }
  }
  if (args.file === "" || args.property === "") return usage;
  if (!(propertyKinds as readonly string[]).includes(args.property)) return `--property: expected one of ${propertyKinds.join(", ")}; got "${args.property}"`;
  if (args.property === "predicate" && args.predicate === null) return "--property predicate needs --predicate FILE.js (a function expression)";
  if (args.property === "responses-equal" && args.expect === null) return "--property responses-equal needs --expect FILE.json (a list of { status, body })";
  return args;
}

function specOf(args: Args): PropertySpec {
  if (args.property === "responses-equal") return { kind: "responses-equal", responses: JSON.parse(readFileSync(args.expect!, "utf8")) };
  if (args.property === "predicate") return { kind: "predicate", code: readFileSync(args.predicate!, "utf8") };
  return { kind: args.property } as PropertySpec;
}

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === "string") {
    process.stderr.write(`${args}\n`);
    return 2;
  }
  let text: string;
  let spec: PropertySpec;
  try {
    text = readFileSync(args.file, "utf8");
    spec = specOf(args);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  const parsed = parseScenarioText(text);
  if (!parsed.ok) {
    process.stderr.write(`invalid scenario ${args.file}: ${parsed.error.message}\n`);
    return 2;
  }
  const sandbox = createSandboxFactory();
  const predicate: PredicateSandbox | null = spec.kind === "predicate" ? createPredicateSandbox(spec.code) : null;
  try {
    const started = performance.now();
    const answer = explore(parsed.value, () => ({ isolates: sandbox, objectStorage: new MemoryStorageProvider() }), propertyOf(spec, predicate), args.options);
    const timeMs = Math.round(performance.now() - started);
    const shrunk = answer.shrunk && { choices: answer.shrunk.choices, kept: answer.shrunk.kept, message: answer.shrunk.message, runs: answer.shrunk.runs };
    const { found, explanation, ...rest } = answer;
    process.stdout.write(`${JSON.stringify({ ...rest, timeMs, found, shrunk, explanation })}\n`);
    if (answer.verdict === "violated") process.stderr.write(`reproduce with seed=${answer.seed}\n`);
    return answer.verdict === "holds-within-bound" ? 0 : answer.verdict === "violated" ? 1 : 3;
  } finally {
    predicate?.dispose();
    sandbox.dispose();
  }
}

process.exitCode = main();
