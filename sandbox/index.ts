// The sandbox: runs workers in real V8 isolates (isolated-vm). This folder is the only importer
// of isolated-vm. The simulated world uses it through IsolateFactory (server/sim/isolate-port.ts).
import type { IsolateFactory, LoadOptions, LoadResult, WorkerScript } from "../server/sim/isolate-port.ts";
import { CodeCache } from "./code-cache.ts";
import { warmCodeCaches } from "./code-cache-warmup.ts";
import { IsolatePool } from "./isolate-pool.ts";
import { sandboxLimits, type SandboxLimits } from "./limits.ts";
import { loadWorker } from "./worker-loader.ts";

export { sandboxLimits } from "./limits.ts";
export { instrumentsOf, type IsolateInstruments, type HeapStats } from "./instruments/isolate-instruments.ts";

export interface SandboxOptions {
  /** Ready isolates kept with the prelude loaded (default 4; 0 = every cold start from nothing). */
  poolSize?: number;
  /** Reuse V8's compiled code for a worker seen before (default true). */
  codeCache?: boolean;
  limits?: Partial<SandboxLimits>;
  /** Start isolates with V8's inspector so heap snapshots can be taken (default false). */
  inspector?: boolean;
  /**
   * Give a finished worker's isolate a fresh context for the next load instead of disposing it
   * (default: on, unless poolSize is 0 or inspector is on; see isolate-pool.ts).
   */
  reuseIsolates?: boolean;
}

export interface Sandbox extends IsolateFactory {
  /** Fills the warm pool synchronously (otherwise it refills when the event loop is idle). */
  warmUp(): void;
  readonly pooledIsolates: number;
  /** Isolates a finished worker handed back, waiting for a fresh context (isolate-pool.ts). */
  readonly spareIsolates: number;
  dispose(): void;
}

/**
 * The request CPU budget an operator set for this process, if any. Thread CPU time is what the
 * budget measures, and on a virtual machine whose host is overcommitted it also counts time the
 * vCPU was descheduled (measured here: a 0.2 ms call read up to 13 ms under load), so a loaded
 * test machine sets a roomier budget (scripts/run-tests.mjs does); tests of the CPU limit itself
 * pass their budget explicitly, which wins.
 */
export const requestCpuEnvName = "EDGE_PLAYGROUND_REQUEST_CPU_MS_MAX";
/** The same for module initialization (its bound is wall-clock time inside isolated-vm). */
export const startupCpuEnvName = "EDGE_PLAYGROUND_STARTUP_CPU_MS_MAX";

const environmentLimits = [[requestCpuEnvName, "requestCpuMsMax"], [startupCpuEnvName, "startupCpuMsMax"]] as const;

function limitsFromEnvironment(): Partial<SandboxLimits> {
  const out: Partial<SandboxLimits> = {};
  for (const [envName, limit] of environmentLimits) {
    const text = process.env[envName];
    if (text === undefined || text === "") continue;
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${envName} must be a positive number of milliseconds; got "${text}"`);
    out[limit] = value;
  }
  return out;
}

export function createSandboxFactory(options: SandboxOptions = {}): Sandbox {
  const limits: SandboxLimits = { ...sandboxLimits, ...limitsFromEnvironment(), ...options.limits };
  const inspector = options.inspector ?? false;
  const pool = new IsolatePool({
    memoryMbMax: limits.isolateMemoryMbMax,
    inspector,
    size: options.poolSize ?? 4,
    ...(options.reuseIsolates === undefined ? {} : { reuse: options.reuseIsolates }),
    warmCaches: () => warmCodeCaches(limits),
  });
  const codeCache = options.codeCache === false ? null : new CodeCache(limits.codeCacheEntriesMax);
  return {
    load: (script: WorkerScript, loadOptions: LoadOptions): LoadResult => loadWorker({ pool, codeCache, limits, inspector }, script, loadOptions),
    warmUp: () => pool.fill(),
    get pooledIsolates() {
      return pool.readyCount;
    },
    get spareIsolates() {
      return pool.spareCount;
    },
    dispose: () => pool.dispose(),
  };
}
