// `npm run check-history -- --model register|kv|counter FILE [--steps N] [--time-ms N]`: reads a
// Jepsen history (EDN op maps, or the jepsen.util log lines of Jepsen's etcd test) and prints
// ONE JSON object: { verdict, timeMs, operations, steps, explanation }.
// Exit codes: 0 ok; 1 illegal; 3 unknown (a budget stopped the search); 2 bad arguments or input.

import { readFileSync } from "node:fs";
import { checkHistory, modelByName, modelNames, parseHistory, type ModelName } from "../sim/history/index.ts";

interface Args { model: ModelName; file: string; stepsMax: number; timeMsMax: number }

const usage = `usage: npm run check-history -- --model ${modelNames.join("|")} FILE [--steps N] [--time-ms N]`;

function parseArgs(argv: string[]): Args | string {
  let model: string | null = null;
  let file: string | null = null;
  let stepsMax = Infinity;
  let timeMsMax = 60_000;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const number = (name: string) => {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value <= 0) throw new Error(`${name}: expected a positive integer`);
      return value;
    };
    try {
      if (arg === "--model") model = argv[++i] ?? "";
      else if (arg === "--steps") stepsMax = number("--steps");
      else if (arg === "--time-ms") timeMsMax = number("--time-ms");
      else if (file === null && !arg.startsWith("--")) file = arg;
      else return `unexpected argument ${arg}\n${usage}`;
    } catch (e) {
      return (e as Error).message;
    }
  }
  if (model === null || file === null) return usage;
  if (!(modelNames as readonly string[]).includes(model)) return `--model: expected one of ${modelNames.join(", ")}; got "${model}"`;
  return { model: model as ModelName, file, stepsMax, timeMsMax };
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
  const history = parseHistory(text);
  if (!history.ok) {
    process.stderr.write(`${args.file}: ${history.error.message}\n`);
    return 2;
  }
  const started = performance.now();
  const deadline = started + args.timeMsMax;
  const timeUnit = /^\s*INFO\s+jepsen\.util/.test(text) || !/:time\s/.test(text) ? "event" : "ns";
  const answer = checkHistory(modelByName(args.model), history.value, { stepsMax: args.stepsMax, shouldStop: () => performance.now() > deadline, timeUnit });
  const timeMs = Math.round((performance.now() - started) * 100) / 100;
  process.stdout.write(`${JSON.stringify({ verdict: answer.verdict, timeMs, model: answer.model, operations: answer.operations, steps: answer.steps, explanation: answer.explanation })}\n`);
  return answer.verdict === "ok" ? 0 : answer.verdict === "illegal" ? 1 : 3;
}

process.exitCode = main();
