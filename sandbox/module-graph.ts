// A worker made of several modules, some of them TypeScript, as wrangler deploys it: relative
// imports resolve the way esbuild resolves them (exact path, then .ts, .js, .mjs, then
// index files), and TypeScript modules have their types stripped with esbuild on deploy (type
// errors are the editor's business, not the runtime's). Each stripped module keeps its source
// map, so an error's line and column point at what the learner wrote.
import { originalPositionFor, TraceMap } from "@jridgewell/trace-mapping";
import { transformSync } from "esbuild";
import type { WorkerScript } from "../server/sim/isolate-port.ts";

export interface PreparedModule {
  path: string;
  /** JavaScript the isolate compiles (TypeScript already stripped). */
  code: string;
  map: TraceMap | null;
}

export type ModuleGraph = { main: string; modules: Map<string, PreparedModule> };

export type ModuleGraphError = { message: string; file: string; line: number | null; column: number | null };

const typeScriptPattern = /\.(ts|mts|cts)$/;
const modulePathPattern = /^[A-Za-z0-9_][A-Za-z0-9_.\-/]*$/;
export const moduleCountMax = 64;

/** The module path of the main module: `main` when given, else `<name>.js` (single-module workers). */
export function mainModulePath(script: WorkerScript): string {
  return script.main ?? `${script.name}.js`;
}

export function prepareModuleGraph(script: WorkerScript): { ok: true; graph: ModuleGraph } | { ok: false; error: ModuleGraphError } {
  const main = mainModulePath(script);
  const sources: [string, string][] = [[main, script.code], ...Object.entries(script.modules ?? {}).filter(([path]) => path !== main)];
  if (sources.length > moduleCountMax) return { ok: false, error: { message: `A worker may have at most ${moduleCountMax} modules (moduleCountMax); this one has ${sources.length}`, file: main, line: null, column: null } };
  const modules = new Map<string, PreparedModule>();
  for (const [path, code] of sources) {
    if (!modulePathPattern.test(path) || path.split("/").some((part) => part === ".." || part === ".")) {
      return { ok: false, error: { message: `Module name ${JSON.stringify(path)} must be a relative path like "src/router.ts" (letters, digits, _ . - /)`, file: path, line: null, column: null } };
    }
    const prepared = stripTypes(path, code);
    if (!prepared.ok) return prepared;
    modules.set(path, prepared.module);
  }
  return { ok: true, graph: { main, modules } };
}

function stripTypes(path: string, code: string): { ok: true; module: PreparedModule } | { ok: false; error: ModuleGraphError } {
  if (!typeScriptPattern.test(path)) return { ok: true, module: { path, code, map: null } };
  try {
    const out = transformSync(code, { loader: "ts", format: "esm", target: "es2022", sourcemap: "external", sourcefile: path, logLevel: "silent" });
    return { ok: true, module: { path, code: out.code, map: new TraceMap(out.map) } };
  } catch (error) {
    const first = (error as { errors?: { text: string; location?: { line: number; column: number } | null }[] }).errors?.[0];
    return { ok: false, error: { message: first?.text ?? String(error), file: path, line: first?.location?.line ?? null, column: first?.location ? first.location.column + 1 : null } };
  }
}

/** Resolves `specifier` imported by `importer`, as esbuild would; null when nothing matches. */
export function resolveRelative(graph: ModuleGraph, importer: string, specifier: string): string | null {
  if (!specifier.startsWith("./") && !specifier.startsWith("../")) return null;
  const base = importer.includes("/") ? importer.slice(0, importer.lastIndexOf("/")) : "";
  const parts: string[] = base === "" ? [] : base.split("/");
  for (const part of specifier.split("/")) {
    if (part === "." || part === "") continue;
    if (part === "..") {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  const target = parts.join("/");
  // A `.js` import of a `.ts` file is how TypeScript projects write it.
  const withoutJs = target.replace(/\.js$/, "");
  const candidates = [target, `${target}.ts`, `${target}.js`, `${target}.mjs`, `${withoutJs}.ts`, `${target}/index.ts`, `${target}/index.js`];
  return candidates.find((candidate) => graph.modules.has(candidate)) ?? null;
}

/** An error position in the code the isolate ran, turned back into the learner's source. */
export function originalPosition(graph: ModuleGraph, path: string, line: number | null, column: number | null): { line: number | null; column: number | null } {
  const map = graph.modules.get(path)?.map;
  if (!map || line === null) return { line, column };
  const found = originalPositionFor(map, { line, column: Math.max(0, (column ?? 1) - 1) });
  return found.line === null ? { line, column } : { line: found.line, column: found.column + 1 };
}

/** Rewrites `path:line:column` in a stack trace for every stripped TypeScript module. */
export function mapStack(graph: ModuleGraph, stack: string): string {
  if (![...graph.modules.values()].some((m) => m.map !== null)) return stack;
  return stack.replace(/([A-Za-z0-9_.\-/]+\.(?:ts|mts|cts)):(\d+):(\d+)/g, (whole, path: string, line: string, column: string) => {
    if (!graph.modules.has(path)) return whole;
    const at = originalPosition(graph, path, Number(line), Number(column));
    return `${path}:${at.line}:${at.column}`;
  });
}
