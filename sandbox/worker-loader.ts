// A cold start, phase by phase: take (or create) an isolate with the prelude, load the worker's
// code (compile, with the V8 code cache), install its bindings, run its module init. Each phase
// is timed with a monotonic clock so the UI can draw the real timeline.
import type ivm from "isolated-vm";
import type { ColdStart, ColdStartPhases, IsolateOp, LoadError, LoadOptions, LoadResult, WorkerScript } from "../server/sim/isolate-port.ts";
import { CodeCache } from "./code-cache.ts";
import { classifyHostError } from "./isolate-errors.ts";
import { IsolateInstruments, registerInstruments } from "./instruments/isolate-instruments.ts";
import { prepareIsolate, type IsolatePool, type PreparedIsolate } from "./isolate-pool.ts";
import type { SandboxLimits } from "./limits.ts";
import { cloudflareWorkersSource } from "./prelude/runtime/cloudflare-workers.ts";
import { originalPosition, prepareModuleGraph, resolveRelative, type ModuleGraph } from "./module-graph.ts";
import { WorkerIsolate } from "./worker-isolate.ts";
import { defaultCompatibilityDate, resolveNodeModule, type Compatibility } from "./prelude/node/compat.ts";
import { cloudflareWorkersKey } from "./prelude/runtime/cloudflare-workers.ts";

export interface LoaderParts {
  pool: IsolatePool;
  codeCache: CodeCache | null;
  limits: SandboxLimits;
  /** Start isolates with V8's inspector (for heap snapshots). */
  inspector: boolean;
}

const elapsedMs = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;

class LoadFailure extends Error {
  constructor(readonly loadError: LoadError) {
    super(loadError.message);
  }
}

function fail(code: LoadError["code"], message: string, line: number | null = null, column: number | null = null): never {
  throw new LoadFailure({ code, message, line, column });
}

/** Turns an error thrown while loading into the LoadError the learner sees. */
function loadErrorFor(error: unknown, isolate: ivm.Isolate, phase: "compile" | "init", limits: SandboxLimits): LoadError {
  if (error instanceof LoadFailure) return error.loadError;
  const failure = classifyHostError(error, isolate);
  switch (failure.type) {
    case "timeout":
      return { code: "cpu_limit", message: `Module initialization used more than ${limits.startupCpuMsMax} ms of CPU (startupCpuMsMax)`, line: null, column: null };
    case "memory_limit":
      return { code: "memory_limit", message: `Module initialization used more than ${limits.isolateMemoryMbMax} MB of memory (isolateMemoryMbMax)`, line: null, column: null };
    case "disposed":
      return { code: "crashed", message: failure.message, line: null, column: null };
    case "user_error":
      return {
        code: phase === "compile" ? "compile_error" : "init_exception",
        message: `${failure.name}: ${failure.message}`,
        line: failure.line,
        column: failure.column,
        ...(failure.file === null ? {} : { file: failure.file }),
      };
  }
}

/** The error's position in the learner's source (TypeScript modules map back through esbuild's map). */
function inSource(graph: ModuleGraph, error: LoadError): LoadError {
  if (error.file === undefined || !graph.modules.has(error.file)) return error;
  const at = originalPosition(graph, error.file, error.line, error.column);
  return { ...error, line: at.line, column: at.column };
}

type CompiledModule = ivm.Module & ivm.CachedDataResult & { cachedDataRejected?: boolean };

function compileOne(prepared: PreparedIsolate, path: string, code: string, codeCache: CodeCache | null): { module: ivm.Module; cache: ColdStart["codeCache"] } {
  const filename = path;
  if (codeCache === null) return { module: prepared.isolate.compileModuleSync(code, { filename }), cache: "off" };
  const key = CodeCache.keyFor(filename, code);
  const cachedData = codeCache.get(key);
  if (cachedData === undefined) {
    const module = prepared.isolate.compileModuleSync(code, { filename, produceCachedData: true }) as CompiledModule;
    if (module.cachedData !== undefined) codeCache.set(key, module.cachedData);
    return { module, cache: "miss" };
  }
  const module = prepared.isolate.compileModuleSync(code, { filename, cachedData }) as CompiledModule;
  if (module.cachedDataRejected === true) codeCache.delete(key);
  return { module, cache: module.cachedDataRejected === true ? "rejected" : "hit" };
}

/**
 * Compiles every module of the worker (the main module's code-cache state is the one reported)
 * and links them: relative imports within the worker, and "cloudflare:workers".
 */
/** The worker's compatibility date and flags, with the default date when it gives none. */
export function compatibilityOf(script: WorkerScript): Compatibility {
  return { date: script.compatibilityDate ?? defaultCompatibilityDate, flags: script.compatibilityFlags ?? [] };
}

/**
 * A synthetic module re-exporting a node: module from the "node" chunk: its export names come
 * from the chunk (loaded now, in this isolate), its values at evaluation through the hidden key
 * the prelude sets for module init.
 */
function nodeModuleFor(prepared: PreparedIsolate, name: string): ivm.Module {
  const names = prepared.prelude.call("nodeExports", [name], { result: { copy: true } }) as string[];
  const lines = [`const m = globalThis.${cloudflareWorkersKey}.node(${JSON.stringify(name)});`, "export default m.default;"];
  for (const exported of names) lines.push(`export const ${exported} = m.${exported};`);
  return prepared.isolate.compileModuleSync(lines.join("\n"), { filename: `node:${name}` });
}

function compileAndLink(prepared: PreparedIsolate, graph: ModuleGraph, codeCache: CodeCache | null, compat: Compatibility): { module: ivm.Module; cache: ColdStart["codeCache"] } {
  const compiled = new Map<string, ivm.Module>();
  const pathOf = new Map<ivm.Module, string>();
  let cache: ColdStart["codeCache"] = "off";
  for (const [path, source] of graph.modules) {
    const one = compileOne(prepared, path, source.code, codeCache);
    if (path === graph.main) cache = one.cache;
    compiled.set(path, one.module);
    pathOf.set(one.module, path);
  }
  let synthetic: ivm.Module | null = null;
  const nodeModules = new Map<string, ivm.Module>();
  const main = compiled.get(graph.main)!;
  main.instantiateSync(prepared.context, (specifier: string, referrer: ivm.Module) => {
    if (specifier === "cloudflare:workers") {
      synthetic ??= prepared.isolate.compileModuleSync(cloudflareWorkersSource, { filename: "cloudflare:workers" });
      return synthetic;
    }
    const importer = pathOf.get(referrer) ?? graph.main;
    const target = resolveRelative(graph, importer, specifier);
    if (target !== null) return compiled.get(target)!;
    const node = resolveNodeModule(specifier, importer, compat);
    if (node !== null) {
      if (!node.ok) fail("module_not_found", node.message);
      let module = nodeModules.get(node.name);
      if (module === undefined) nodeModules.set(node.name, (module = nodeModuleFor(prepared, node.name)));
      return module;
    }
    const known = graph.modules.size > 1 ? `the worker's modules are ${[...graph.modules.keys()].map((p) => JSON.stringify(p)).join(", ")}` : "the worker has no other modules";
    fail("module_not_found", `No such module "${specifier}".\n  imported from "${importer}"\n(only the worker's own modules, "cloudflare:workers" and, with the nodejs_compat flag, node: modules can be imported; ${known})`);
  });
  return { module: main, cache };
}

export function loadWorker(parts: LoaderParts, script: WorkerScript, options: LoadOptions): LoadResult {
  const phases: ColdStartPhases = { createIsolateMs: 0, loadCodeMs: 0, bindingsMs: 0, moduleInitMs: 0 };
  const coldStart: ColdStart = { phases, fromPool: false, codeCache: parts.codeCache === null ? "off" : "miss" };
  const { limits } = parts;
  const codeBytes = Buffer.byteLength(script.code) + Object.values(script.modules ?? {}).reduce((sum, code) => sum + Buffer.byteLength(code), 0);
  if (codeBytes > limits.workerCodeBytesMax) {
    return { ok: false, coldStart: null, error: { code: "invalid_worker", message: `The worker's code is larger than ${limits.workerCodeBytesMax} bytes (workerCodeBytesMax)`, line: null, column: null } };
  }
  const prepared0 = prepareModuleGraph(script);
  if (!prepared0.ok) {
    const { message, file, line, column } = prepared0.error;
    return { ok: false, coldStart: null, error: { code: "compile_error", message, line, column, file } };
  }
  const graph = prepared0.graph;
  let started = process.hrtime.bigint();
  const pooled = parts.pool.take();
  const prepared = pooled ?? parts.pool.takeReused() ?? prepareIsolate(limits.isolateMemoryMbMax, parts.inspector);
  coldStart.fromPool = pooled !== null;
  phases.createIsolateMs = elapsedMs(started);
  let phase: "compile" | "init" = "compile";
  try {
    started = process.hrtime.bigint();
    const compatibility = compatibilityOf(script);
    const { module, cache } = compileAndLink(prepared, graph, parts.codeCache, compatibility);
    coldStart.codeCache = cache;
    phases.loadCodeMs = elapsedMs(started);

    started = process.hrtime.bigint();
    prepared.slot.sync = options.sync;
    prepared.prelude.call("configure", [{ seed: options.seed, nowMs: options.nowMs, bindings: script.bindings, compatibility }], { arguments: { copy: true }, timeout: limits.startupCpuMsMax });
    phases.bindingsMs = elapsedMs(started);

    phase = "init";
    started = process.hrtime.bigint();
    module.evaluateSync({ timeout: limits.startupCpuMsMax });
    const problem = prepared.prelude.call("attach", [module.namespace.derefInto()], { timeout: limits.startupCpuMsMax }) as string | null;
    if (problem !== null) fail("invalid_worker", problem);
    const logs = prepared.prelude.call("drain", [], { result: { copy: true }, timeout: limits.startupCpuMsMax }) as IsolateOp[];
    phases.moduleInitMs = elapsedMs(started);
    const hasTypeScript = [...graph.modules.values()].some((m) => m.map !== null);
    const isolate = new WorkerIsolate(prepared, limits, hasTypeScript ? graph : null, (done) => parts.pool.recycle(done));
    registerInstruments(isolate, new IsolateInstruments(prepared.isolate, prepared.inspector, () => !isolate.alive));
    return { ok: true, isolate, coldStart, logs };
  } catch (error) {
    const loadError = inSource(graph, loadErrorFor(error, prepared.isolate, phase, limits));
    // The learner's own error (a compile error, a throw at init) leaves the isolate sound; a limit does not.
    const sound = loadError.code !== "cpu_limit" && loadError.code !== "memory_limit" && loadError.code !== "crashed";
    if (sound) parts.pool.recycle(prepared);
    else if (!prepared.isolate.isDisposed) prepared.isolate.dispose();
    return { ok: false, error: loadError, coldStart };
  }
}
