// A pool of warm isolates with the prelude already evaluated, so that a cold start of a
// learner's worker pays only for its own code (ENGINEERING-NOTES: a fresh isolate plus prelude
// costs much more than taking one ready-made).
//
// Isolates are also reused: when the world is done with a worker's isolate and no limit ended
// it, the isolate comes back here without its context, and the next load gets a fresh context
// in it. A context is a new realm (its own global object, builtins and module map): nothing
// the previous worker did is reachable from it. What the isolate keeps is V8's compiled code
// for the same sources (the prelude, the lazy chunks), so a fresh context costs a few
// milliseconds where a fresh isolate costs tens (measured in bench/world-bench.ts).
import ivm from "isolated-vm";
import { createHostCallback, RuntimeWork, type HostSlot } from "./host-function.ts";
import { isolateReuse } from "./limits.ts";
import { compilePrelude, warmChunkCaches } from "./prelude-script.ts";
import { hostGlobalKey } from "./runtime-names.ts";

/** The prelude's entry points, all behind the one function its boot() returns (sandbox/prelude/index.ts). */
export type PreludeEntryName = "configure" | "attach" | "deliver" | "drain" | "registerChunk" | "nodeExports";

export class PreludeRefs {
  constructor(private readonly entry: ivm.Reference<unknown>) {}

  /** `applySync` of the entry point `name`, with isolated-vm's options as given. */
  call(name: PreludeEntryName, args: unknown[], options?: ivm.ReferenceApplyOptions): unknown {
    return this.entry.applySync(undefined, [name, ...args], options);
  }

  release(): void {
    this.entry.release();
  }
}

export interface PreparedIsolate {
  isolate: ivm.Isolate;
  /** Made with V8's inspector, so heap snapshots can be taken (off by default: it costs memory). */
  inspector: boolean;
  context: ivm.Context;
  prelude: PreludeRefs;
  slot: HostSlot;
  /** How many contexts this isolate has had, this one included. */
  contextNumber: number;
  /** The isolate's CPU clock when this context was made: CPU figures are this context's own. */
  cpuBaseNs: bigint;
}

export interface IsolatePoolOptions {
  memoryMbMax: number;
  inspector: boolean;
  /** How many ready isolates to keep. 0 turns the pool off (every load starts from nothing). */
  size: number;
  /** Give a finished worker's isolate a fresh context for the next load (default: on unless size is 0 or inspector). */
  reuse?: boolean;
  /** Makes the code caches before the pool's first isolate (default: the lazy chunks' caches only). */
  warmCaches?: () => void;
}

/** Creates an isolate and runs the prelude in it: the expensive part of a cold start. */
export function prepareIsolate(memoryMbMax: number, inspector = false): PreparedIsolate {
  const isolate = new ivm.Isolate({ memoryLimit: memoryMbMax, inspector });
  try {
    return prepareContext(isolate, inspector, 1);
  } catch (error) {
    isolate.dispose();
    throw error;
  }
}

/**
 * A fresh context in `isolate` with the prelude evaluated and bound to a new host slot. The host's
 * dispatch function waits on the fresh global where the prelude's boot() takes it off, so one
 * run sets the context up and answers the one entry function the host then holds.
 */
function prepareContext(isolate: ivm.Isolate, inspector: boolean, contextNumber: number): PreparedIsolate {
  const cpuBaseNs = isolate.cpuTime;
  const context = isolate.createContextSync({ inspector });
  const slot: HostSlot = { sync: null, runtimeWork: new RuntimeWork(() => (isolate.isDisposed ? 0n : isolate.cpuTime)), chunks: null };
  context.global.setSync(hostGlobalKey, createHostCallback(slot));
  const prelude = new PreludeRefs(compilePrelude(isolate).runSync(context, { reference: true }) as ivm.Reference<unknown>);
  slot.chunks = { isolate, context, prelude };
  return { isolate, inspector, context, prelude, slot, contextNumber, cpuBaseNs };
}

/** Drops every host handle into the context, so nothing of it stays reachable from the host. */
function releaseContext(prepared: PreparedIsolate): void {
  prepared.slot.sync = null;
  prepared.slot.chunks = null;
  prepared.prelude.release();
  prepared.context.release();
}

interface SpareIsolate {
  isolate: ivm.Isolate;
  contexts: number;
}

export class IsolatePool {
  readonly #ready: PreparedIsolate[] = [];
  readonly #spare: SpareIsolate[] = [];
  readonly #options: IsolatePoolOptions;
  readonly #reuse: boolean;
  #refillScheduled = false;

  constructor(options: IsolatePoolOptions) {
    this.#options = options;
    // Inspector isolates are never reused: a heap snapshot would show what an earlier context left for the GC.
    this.#reuse = (options.reuse ?? options.size > 0) && !options.inspector;
  }

  get readyCount(): number {
    return this.#ready.length;
  }

  /** Isolates waiting for a fresh context (returned by finished workers). */
  get spareCount(): number {
    return this.#spare.length;
  }

  /** Takes a ready isolate (the prelude loaded), or null when the pool is empty. Refills in the background. */
  take(): PreparedIsolate | null {
    const taken = this.#ready.pop() ?? null;
    this.#scheduleRefill();
    return taken;
  }

  /** A returned isolate with a fresh context made now, or null when none is waiting. */
  takeReused(): PreparedIsolate | null {
    return this.#fromSpare();
  }

  /** Fills the pool now (synchronously), e.g. before a benchmark or a run. */
  fill(): void {
    (this.#options.warmCaches ?? warmChunkCaches)();
    while (this.#ready.length < this.#options.size) this.#ready.push(this.#fromSpare() ?? this.#fresh());
  }

  /**
   * A worker is done with its isolate (no limit ended it): the isolate loses its context and
   * waits for the next load, unless it is worn (many contexts, a large heap) or the pool is full.
   */
  recycle(prepared: PreparedIsolate): void {
    const { isolate } = prepared;
    if (isolate.isDisposed) return;
    releaseContext(prepared);
    const worn = prepared.contextNumber >= isolateReuse.contextsPerIsolateMax || isolate.getHeapStatisticsSync().used_heap_size > isolateReuse.heapBytesMax;
    if (!this.#reuse || worn || this.#spare.length >= isolateReuse.spareIsolatesMax) {
      isolate.dispose();
      return;
    }
    this.#spare.push({ isolate, contexts: prepared.contextNumber });
  }

  dispose(): void {
    for (const prepared of this.#ready.splice(0)) prepared.isolate.dispose();
    for (const spare of this.#spare.splice(0)) spare.isolate.dispose();
  }

  #fresh(): PreparedIsolate {
    return prepareIsolate(this.#options.memoryMbMax, this.#options.inspector);
  }

  #fromSpare(): PreparedIsolate | null {
    const spare = this.#spare.pop();
    if (spare === undefined) return null;
    try {
      return prepareContext(spare.isolate, this.#options.inspector, spare.contexts + 1);
    } catch {
      // A returned isolate that cannot take a new context (out of memory) is dropped.
      if (!spare.isolate.isDisposed) spare.isolate.dispose();
      return null;
    }
  }

  // Refilling waits for an idle moment of the event loop so it never lands inside a cold start.
  #scheduleRefill(): void {
    if (this.#refillScheduled || this.#options.size === 0) return;
    this.#refillScheduled = true;
    setImmediate(() => {
      this.#refillScheduled = false;
      (this.#options.warmCaches ?? warmChunkCaches)();
      if (this.#ready.length < this.#options.size) {
        this.#ready.push(this.#fromSpare() ?? this.#fresh());
        this.#scheduleRefill();
      }
    }).unref();
  }
}
