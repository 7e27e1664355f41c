// Real public Worker programs (test/real-programs/<name>/: the program's files as published, and
// program.json saying its source, licence, bindings and requests). Each is bundled with esbuild as
// wrangler bundles on deploy, run in a fresh world and in Miniflare (workerd), and passes when
// every request gets the same status, content-type, location and body from both. The expected
// answers are never written by hand: workerd's answer is the expectation.
// `npm run real-programs` prints the score; test/real-programs.test.ts fails below the goal.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import { Miniflare } from "miniflare";
import type { IsolateFactory } from "../../server/sim/isolate-port.ts";
import { parseScenario } from "../../server/sim/scenario.ts";
import { headerRecord } from "../../server/sim/world/result.ts";
import { runScenario } from "../../server/world/run-scenario.ts";

export const realProgramsDir = fileURLToPath(new URL(".", import.meta.url));
const host = "real.example";
/** The date programs run at unless their wrangler config names another (program.json's compatibilityDate). */
const defaultCompatibilityDate = "2025-04-01";
/** Headers whose values both runtimes must agree on (others, like date or cf-ray, are the runtime's own). */
const comparedHeaders = ["content-type", "location", "etag", "access-control-allow-origin", "access-control-allow-methods", "www-authenticate", "x-powered-by", "x-message"];

interface ProgramRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

interface ProgramOrigin {
  host: string;
  status?: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface ProgramSpec {
  source: string;
  licence: string;
  entry: string;
  jsxImportSource?: string;
  bindings?: Record<string, { type: string; value?: string; className?: string }>;
  compatibilityFlags?: string[];
  compatibilityDate?: string;
  /** Why the program runs as it does here where its wrangler config says otherwise. */
  note?: string;
  /** Durable Object classes wrangler's migrations declare as SQLite-backed (new_sqlite_classes). */
  sqliteClasses?: string[];
  /** Origins the program's subrequests reach: each host answers every request with this fixed response, in both runtimes. */
  origins?: ProgramOrigin[];
  /** Set with the cause while the world answers otherwise than workerd: still run and scored, reported as to do rather than failed. */
  knownFailure?: string;
  /** Set with the reason when the program needs what neither the world nor this test can give (a real origin, a D1 binding). */
  excluded?: string;
  requests: ProgramRequest[];
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RealProgramResult {
  name: string;
  excluded?: string;
  knownFailure?: string;
  passed: boolean;
  differences: string[];
}

export function realPrograms(): string[] {
  return readdirSync(realProgramsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(realProgramsDir, e.name, "program.json")))
    .map((e) => e.name).sort();
}

export function specOfProgram(name: string): ProgramSpec {
  return JSON.parse(readFileSync(join(realProgramsDir, name, "program.json"), "utf8")) as ProgramSpec;
}

/** The program as one ES module, bundled with wrangler's esbuild settings (wrangler deploy defines process.env.NODE_ENV too,
 * and its default module rules import .txt, .html and .sql files as text, .bin files as bytes). */
export function bundleProgram(name: string, spec: ProgramSpec): string {
  const out = buildSync({
    entryPoints: [join(realProgramsDir, name, spec.entry)], bundle: true, write: false, format: "esm", target: "es2022",
    conditions: ["workerd", "worker", "browser"], mainFields: ["browser", "module", "main"], platform: "neutral",
    external: ["cloudflare:*", "node:*"], define: { "process.env.NODE_ENV": JSON.stringify("production") },
    loader: { ".txt": "text", ".html": "text", ".sql": "text", ".bin": "binary" }, jsx: "automatic", jsxImportSource: spec.jsxImportSource ?? "react", logLevel: "silent",
    nodePaths: [join(realProgramsDir, "..", "..", "node_modules")],
  });
  return out.outputFiles[0]!.text;
}

/** A stack trace's frames ("    at fetch (file:///…/entry.worker.js:4661:22)"): Miniflare answers an uncaught error with the
 * error and its stack, whose frames name each runtime's own files; the error's first line is what both must agree on. */
const stackFrame = /\n {4}at [^\n]*/g;

function comparable(answer: Answer): Answer {
  const headers: Record<string, string> = {};
  for (const h of comparedHeaders) if (answer.headers[h] !== undefined) headers[h] = answer.headers[h]!;
  return { status: answer.status, headers, body: answer.status >= 500 ? answer.body.replace(stackFrame, "") : answer.body };
}

export function runInWorld(name: string, code: string, spec: ProgramSpec, isolates: IsolateFactory): (Answer | null)[] | string {
  const traffic = spec.requests.map((r, i) => ({
    atMs: i * 1000, from: "us-east", method: r.method ?? "GET", url: `https://${host}${r.path}`,
    headers: r.headers ?? {}, ...(r.body === undefined ? {} : { body: r.body }),
  }));
  const parsed = parseScenario({
    name: `real-${name}`, seed: 1, world: { regions: ["us-east", "eu-west"] },
    worker: { name, routes: [`${host}/*`], code, bindings: spec.bindings ?? {}, compatibility_date: spec.compatibilityDate ?? defaultCompatibilityDate, ...(spec.compatibilityFlags ? { compatibility_flags: spec.compatibilityFlags } : {}) },
    traffic, origins: spec.origins ?? [],
  });
  if (!parsed.ok) return `scenario: ${parsed.error.message}`;
  const run = runScenario(parsed.value, 1, isolates);
  if (!run.ok) return run.message;
  return run.result.responses.map((r) => (r === null ? null : { status: r.status, headers: r.headers, body: r.body }));
}

function answerOfOrigin(origins: ProgramOrigin[], request: Request): Response {
  const origin = origins.find((o) => o.host === new URL(request.url).host);
  if (!origin) return new Response(`no origin for ${request.url}`, { status: 404 });
  return new Response(origin.body ?? "", { status: origin.status ?? 200, headers: origin.headers ?? {} });
}

export async function runInWorkerd(code: string, spec: ProgramSpec): Promise<Answer[]> {
  const bindings = spec.bindings ?? {};
  const names = (type: string) => Object.keys(bindings).filter((b) => bindings[b]!.type === type);
  const mf = new Miniflare({
    modules: [{ type: "ESModule", path: "worker.js", contents: code }],
    compatibilityDate: spec.compatibilityDate ?? defaultCompatibilityDate, compatibilityFlags: spec.compatibilityFlags ?? [],
    kvNamespaces: names("kv"),
    durableObjects: Object.fromEntries(names("durable_object").map((b) => {
      const className = bindings[b]!.className!;
      return [b, { className, useSQLite: spec.sqliteClasses?.includes(className) ?? false }];
    })),
    bindings: Object.fromEntries(names("var").map((b) => [b, bindings[b]!.value!])),
    outboundService: (request: Request) => answerOfOrigin(spec.origins ?? [], request),
  } as never);
  try {
    const answers: Answer[] = [];
    for (const r of spec.requests) {
      const response = await mf.dispatchFetch(`https://${host}${r.path}`, { method: r.method ?? "GET", headers: r.headers ?? {}, body: r.body, redirect: "manual" });
      answers.push({ status: response.status, headers: headerRecord([...response.headers]), body: await response.text() });
    }
    return answers;
  } finally {
    await mf.dispose();
  }
}

export function differences(spec: ProgramSpec, world: (Answer | null)[] | string, workerd: Answer[]): string[] {
  if (typeof world === "string") return [`world: ${world}`];
  const out: string[] = [];
  spec.requests.forEach((r, i) => {
    const label = `${r.method ?? "GET"} ${r.path}`;
    const got = world[i];
    if (!got) return void out.push(`${label}: no response in the world`);
    const a = comparable(got);
    const b = comparable(workerd[i]!);
    if (a.status !== b.status) out.push(`${label}: status ${a.status}, workerd ${b.status} (body: ${a.body.slice(0, 200)})`);
    if (a.body !== b.body) out.push(`${label}: body ${JSON.stringify(a.body.slice(0, 200))}, workerd ${JSON.stringify(b.body.slice(0, 200))}`);
    for (const h of comparedHeaders) if (a.headers[h] !== b.headers[h]) out.push(`${label}: header ${h} ${JSON.stringify(a.headers[h])}, workerd ${JSON.stringify(b.headers[h])}`);
  });
  return out;
}

export async function runRealProgram(name: string, isolates: IsolateFactory): Promise<RealProgramResult> {
  const spec = specOfProgram(name);
  if (spec.excluded) return { name, excluded: spec.excluded, passed: false, differences: [] };
  let code: string;
  try {
    code = bundleProgram(name, spec);
  } catch (error) {
    return { name, passed: false, differences: [`bundle: ${(error as Error).message}`] };
  }
  let workerd: Answer[];
  try {
    workerd = await runInWorkerd(code, spec);
  } catch (error) {
    return { name, passed: false, differences: [`workerd: ${(error as Error).message}`] };
  }
  const diffs = differences(spec, runInWorld(name, code, spec, isolates), workerd);
  return { name, ...(spec.knownFailure ? { knownFailure: spec.knownFailure } : {}), passed: diffs.length === 0, differences: diffs };
}
