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
import { WorkerIsolate } from "./worker-isolate.ts";

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
      };
  }
}

type CompiledModule = ivm.Module & ivm.CachedDataResult & { cachedDataRejected?: boolean };

function compileModule(prepared: PreparedIsolate, script: WorkerScript, codeCache: CodeCache | null): { module: ivm.Module; cache: ColdStart["codeCache"] } {
  const filename = `${script.name}.js`;
  if (codeCache === null) return { module: prepared.isolate.compileModuleSync(script.code, { filename }), cache: "off" };
  const key = CodeCache.keyFor(filename, script.code);
  const cachedData = codeCache.get(key);
  if (cachedData === undefined) {
    const module = prepared.isolate.compileModuleSync(script.code, { filename, produceCachedData: true }) as CompiledModule;
    if (module.cachedData !== undefined) codeCache.set(key, module.cachedData);
    return { module, cache: "miss" };
  }
  const module = prepared.isolate.compileModuleSync(script.code, { filename, cachedData }) as CompiledModule;
  if (module.cachedDataRejected === true) codeCache.delete(key);
  return { module, cache: module.cachedDataRejected === true ? "rejected" : "hit" };
}

function linkModule(prepared: PreparedIsolate, module: ivm.Module): void {
  let synthetic: ivm.Module | null = null;
  module.instantiateSync(prepared.context, (specifier: string) => {
    if (specifier !== "cloudflare:workers") {
      fail("module_not_found", `Cannot import "${specifier}": the playground runs a single module; only "cloudflare:workers" can be imported`);
    }
    synthetic ??= prepared.isolate.compileModuleSync(cloudflareWorkersSource, { filename: "cloudflare:workers" });
    return synthetic;
  });
}

export function loadWorker(parts: LoaderParts, script: WorkerScript, options: LoadOptions): LoadResult {
  const phases: ColdStartPhases = { createIsolateMs: 0, loadCodeMs: 0, bindingsMs: 0, moduleInitMs: 0 };
  const coldStart: ColdStart = { phases, fromPool: false, codeCache: parts.codeCache === null ? "off" : "miss" };
  const { limits } = parts;
  if (Buffer.byteLength(script.code) > limits.workerCodeBytesMax) {
    return { ok: false, coldStart: null, error: { code: "invalid_worker", message: `The worker's code is larger than ${limits.workerCodeBytesMax} bytes (workerCodeBytesMax)`, line: null, column: null } };
  }
  let started = process.hrtime.bigint();
  const pooled = parts.pool.take();
  const prepared = pooled ?? prepareIsolate(limits.isolateMemoryMbMax, parts.inspector);
  coldStart.fromPool = pooled !== null;
  phases.createIsolateMs = elapsedMs(started);
  let phase: "compile" | "init" = "compile";
  try {
    started = process.hrtime.bigint();
    const { module, cache } = compileModule(prepared, script, parts.codeCache);
    coldStart.codeCache = cache;
    linkModule(prepared, module);
    phases.loadCodeMs = elapsedMs(started);

    started = process.hrtime.bigint();
    prepared.slot.sync = options.sync;
    prepared.prelude.configure.applySync(undefined, [{ seed: options.seed, nowMs: options.nowMs, bindings: script.bindings }], { arguments: { copy: true }, timeout: limits.startupCpuMsMax });
    phases.bindingsMs = elapsedMs(started);

    phase = "init";
    started = process.hrtime.bigint();
    module.evaluateSync({ timeout: limits.startupCpuMsMax });
    const problem = prepared.prelude.attach.applySync(undefined, [module.namespace.derefInto()], { timeout: limits.startupCpuMsMax }) as string | null;
    if (problem !== null) fail("invalid_worker", problem);
    const logs = prepared.prelude.drain.applySync(undefined, [], { result: { copy: true }, timeout: limits.startupCpuMsMax }) as IsolateOp[];
    phases.moduleInitMs = elapsedMs(started);
    const isolate = new WorkerIsolate(prepared, limits);
    registerInstruments(isolate, new IsolateInstruments(prepared.isolate, prepared.inspector));
    return { ok: true, isolate, coldStart, logs };
  } catch (error) {
    const loadError = loadErrorFor(error, prepared.isolate, phase, limits);
    if (!prepared.isolate.isDisposed) prepared.isolate.dispose();
    return { ok: false, error: loadError, coldStart };
  }
}
