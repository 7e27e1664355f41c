// A pool of warm isolates with the prelude already evaluated, so that a cold start of a
// learner's worker pays only for its own code (ENGINEERING-NOTES: a fresh isolate plus prelude
// costs much more than taking one ready-made).
import ivm from "isolated-vm";
import { createHostCallback, RuntimeWork, type HostSlot } from "./host-function.ts";
import { compilePrelude, warmChunkCaches } from "./prelude-script.ts";

export interface PreludeRefs {
  configure: ivm.Reference<unknown>;
  attach: ivm.Reference<unknown>;
  deliver: ivm.Reference<unknown>;
  drain: ivm.Reference<unknown>;
  nodeExports: ivm.Reference<unknown>;
}

export interface PreparedIsolate {
  isolate: ivm.Isolate;
  /** Made with V8's inspector, so heap snapshots can be taken (off by default: it costs memory). */
  inspector: boolean;
  context: ivm.Context;
  prelude: PreludeRefs;
  slot: HostSlot;
}

export interface IsolatePoolOptions {
  memoryMbMax: number;
  inspector: boolean;
  /** How many ready isolates to keep. 0 turns the pool off (every load starts from nothing). */
  size: number;
}

/** Creates an isolate and runs the prelude in it: the expensive part of a cold start. */
export function prepareIsolate(memoryMbMax: number, inspector = false): PreparedIsolate {
  const isolate = new ivm.Isolate({ memoryLimit: memoryMbMax, inspector });
  try {
    const context = isolate.createContextSync({ inspector });
    const slot: HostSlot = { sync: null, runtimeWork: new RuntimeWork(() => (isolate.isDisposed ? 0n : isolate.cpuTime)), chunks: null };
    const setup = compilePrelude(isolate).runSync(context, { reference: true }) as ivm.Reference<unknown>;
    const api = setup.applySync(undefined, [createHostCallback(slot)], { result: { reference: true } }) as ivm.Reference<unknown>;
    const get = (name: string) => (api as ivm.Reference<Record<string, unknown>>).getSync(name, { reference: true }) as ivm.Reference<unknown>;
    const prelude = { configure: get("configure"), attach: get("attach"), deliver: get("deliver"), drain: get("drain"), nodeExports: get("nodeExports") };
    slot.chunks = { isolate, context, register: get("registerChunk") };
    return { isolate, inspector, context, prelude, slot };
  } catch (error) {
    isolate.dispose();
    throw error;
  }
}

export class IsolatePool {
  readonly #ready: PreparedIsolate[] = [];
  readonly #options: IsolatePoolOptions;
  #refillScheduled = false;

  constructor(options: IsolatePoolOptions) {
    this.#options = options;
  }

  get readyCount(): number {
    return this.#ready.length;
  }

  /** Takes a ready isolate, or null when the pool is empty. Refills in the background. */
  take(): PreparedIsolate | null {
    const taken = this.#ready.pop() ?? null;
    this.#scheduleRefill();
    return taken;
  }

  /** Fills the pool now (synchronously), e.g. before a benchmark or a run. */
  fill(): void {
    warmChunkCaches();
    while (this.#ready.length < this.#options.size) this.#ready.push(prepareIsolate(this.#options.memoryMbMax, this.#options.inspector));
  }

  dispose(): void {
    for (const prepared of this.#ready.splice(0)) prepared.isolate.dispose();
  }

  // Refilling waits for an idle moment of the event loop so it never lands inside a cold start.
  #scheduleRefill(): void {
    if (this.#refillScheduled || this.#options.size === 0) return;
    this.#refillScheduled = true;
    setImmediate(() => {
      this.#refillScheduled = false;
      warmChunkCaches();
      if (this.#ready.length < this.#options.size) {
        this.#ready.push(prepareIsolate(this.#options.memoryMbMax, this.#options.inspector));
        this.#scheduleRefill();
      }
    }).unref();
  }
}
