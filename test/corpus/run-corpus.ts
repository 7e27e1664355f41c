// The corpus of small realistic Worker programs (test/corpus/<name>.js): each file is a Worker
// module that opens with a `/*corpus ... */` block of JSON saying its bindings, origins and
// requests, and what each request must answer (status, exact body or JSON, headers). Every
// program runs in a fresh world with real isolates; a program passes when every answer matches.
// `npm run corpus` prints the score; test/corpus.test.ts runs each program as a test.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { fileURLToPath } from "node:url";
import type { IsolateFactory } from "../../server/sim/isolate-port.ts";
import { parseScenario } from "../../server/sim/scenario.ts";
import { runScenario } from "../../server/world/run-scenario.ts";

export const corpusDir = fileURLToPath(new URL(".", import.meta.url));
export const corpusHost = "corpus.example";

interface CorpusRequest {
  method?: string;
  path: string;
  requestHeaders?: Record<string, string>;
  requestBody?: string;
  /** Virtual ms from the run's start (default: one second after the previous request). */
  atMs?: number;
  from?: string;
  status?: number;
  body?: string;
  /** The body parsed as JSON must equal this. */
  json?: unknown;
  /** The body must match this regular expression. */
  match?: string;
  headers?: Record<string, string | null>;
}

export interface CorpusSpec {
  /** false (with `why`): the program's expectations need the world (virtual time, PoPs, origins' latency), so Miniflare does not check them. */
  miniflare?: false;
  why?: string;
  bindings?: Record<string, { type: string; value?: string; className?: string }>;
  origins?: { host: string; status?: number; headers?: Record<string, string>; body?: string }[];
  regions?: string[];
  compatibilityFlags?: string[];
  requests: CorpusRequest[];
}

export interface ProgramResult {
  name: string;
  passed: boolean;
  failures: string[];
}

export function corpusPrograms(): string[] {
  return readdirSync(corpusDir).filter((f) => f.endsWith(".js")).sort().map((f) => f.slice(0, -3));
}

export function specOf(code: string): CorpusSpec {
  const block = /^\/\*corpus\n([\s\S]*?)\n\*\//.exec(code);
  if (!block) throw new Error("no /*corpus ... */ block at the top");
  return JSON.parse(block[1]!) as CorpusSpec;
}

export function runProgram(name: string, isolates: IsolateFactory): ProgramResult {
  const code = readFileSync(join(corpusDir, `${name}.js`), "utf8");
  const failures: string[] = [];
  let spec: CorpusSpec;
  try {
    spec = specOf(code);
  } catch (error) {
    return { name, passed: false, failures: [`${name}.js: ${(error as Error).message}`] };
  }
  const regions = spec.regions ?? ["us-east", "eu-west"];
  let atMs = 0;
  const traffic = spec.requests.map((r, i) => {
    atMs = r.atMs ?? (i === 0 ? 0 : atMs + 1000);
    return {
      atMs, from: r.from ?? regions[0], method: r.method ?? "GET", url: `https://${corpusHost}${r.path}`,
      headers: r.requestHeaders ?? {}, ...(r.requestBody === undefined ? {} : { body: r.requestBody }),
    };
  });
  const parsed = parseScenario({
    name: `corpus-${name}`, seed: 1, world: { regions },
    worker: { name, routes: [`${corpusHost}/*`], code, bindings: spec.bindings ?? {}, compatibility_date: "2025-04-01", ...(spec.compatibilityFlags ? { compatibility_flags: spec.compatibilityFlags } : {}) },
    traffic, origins: spec.origins ?? [],
  });
  if (!parsed.ok) return { name, passed: false, failures: [`scenario: ${parsed.error.message}`] };
  const run = runScenario(parsed.value, 1, isolates);
  if (!run.ok) return { name, passed: false, failures: [run.message] };
  failures.push(...checkAnswers(spec, run.result.responses.map((r) => (r === null ? null : { status: r.status, headers: r.headers, body: r.body }))));
  return { name, passed: failures.length === 0, failures };
}

/** An answer as both runtimes give it: status, lower-case header names, body text. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What differs between each request's expectations and its answer (empty: all as expected). */
export function checkAnswers(spec: CorpusSpec, answers: (Answer | null)[]): string[] {
  const failures: string[] = [];
  spec.requests.forEach((expected, i) => {
    const got = answers[i];
    const label = `${expected.method ?? "GET"} ${expected.path}`;
    if (!got) return void failures.push(`${label}: no response`);
    const text = got.body;
    if (expected.status !== undefined && got.status !== expected.status) failures.push(`${label}: status ${got.status}, expected ${expected.status} (body: ${text.slice(0, 300)})`);
    if (expected.body !== undefined && text !== expected.body) failures.push(`${label}: body ${JSON.stringify(text.slice(0, 300))}, expected ${JSON.stringify(expected.body)}`);
    if (expected.match !== undefined && !new RegExp(expected.match).test(text)) failures.push(`${label}: body ${JSON.stringify(text.slice(0, 300))} does not match /${expected.match}/`);
    if (expected.json !== undefined) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        value = `(not JSON) ${text.slice(0, 300)}`;
      }
      if (!isDeepStrictEqual(value, expected.json)) failures.push(`${label}: JSON ${JSON.stringify(value).slice(0, 400)}, expected ${JSON.stringify(expected.json)}`);
    }
    for (const [header, want] of Object.entries(expected.headers ?? {})) {
      const value = got.headers[header.toLowerCase()] ?? null;
      if (value !== want) failures.push(`${label}: header ${header} ${JSON.stringify(value)}, expected ${JSON.stringify(want)}`);
    }
  });
  return failures;
}

export function runCorpus(isolates: IsolateFactory, names: string[] = corpusPrograms()): ProgramResult[] {
  return names.map((name) => runProgram(name, isolates));
}
