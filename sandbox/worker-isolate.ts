// One loaded worker in one isolate: the host side of the quiescence contract. Each delivery is
// one synchronous call into the isolate; V8 drains the microtasks before it returns, and the
// call's result, copied after that, is the delivery's operations. Limits end the isolate; the
// world then answers 503 and loads a fresh one for the next request.
import type { DeliveryEvent, DeliveryResult, IsolateEnd, IsolateHandle, IsolateOp } from "../server/sim/isolate-port.ts";
import { CpuMeter } from "./cpu-meter.ts";
import { mapStack, type ModuleGraph } from "./module-graph.ts";
import { classifyHostError } from "./isolate-errors.ts";
import { instrumentsOf } from "./instruments/isolate-instruments.ts";
import type { PreparedIsolate } from "./isolate-pool.ts";
import type { SandboxLimits } from "./limits.ts";

const minBigInt = (a: bigint, b: bigint): bigint => (a < b ? a : b);

export class WorkerIsolate implements IsolateHandle {
  readonly #prepared: PreparedIsolate;
  readonly #limits: SandboxLimits;
  readonly #meter = new CpuMeter();
  #end: IsolateEnd | null = null;

  /** The worker's modules, to map TypeScript stack frames back to the learner's lines. */
  readonly #graph: ModuleGraph | null;

  /** Takes the isolate back for another context when the world is done with it (isolate-pool.ts). */
  readonly #recycle: ((prepared: PreparedIsolate) => void) | null;

  constructor(prepared: PreparedIsolate, limits: SandboxLimits, graph: ModuleGraph | null = null, recycle: ((prepared: PreparedIsolate) => void) | null = null) {
    this.#graph = graph;
    this.#prepared = prepared;
    this.#limits = limits;
    this.#recycle = recycle;
  }

  get alive(): boolean {
    return this.#end === null && !this.#prepared.isolate.isDisposed;
  }

  deliver(event: DeliveryEvent, nowMs: number): DeliveryResult {
    if (!this.alive) return { ops: [], end: this.#end ?? { type: "crashed", message: "the isolate was disposed" }, measured: { cpuMs: 0, wallMs: 0 } };
    const { isolate, prelude } = this.#prepared;
    const requestId = this.#meter.requestOf(event);
    const cpuLeftMs = requestId === null ? this.#limits.deliveryWallMsMax : this.#limits.requestCpuMsMax - this.#meter.usedMs(requestId);
    // V8's timeout sees the whole span, the runtime's own lazy loading included, so it allows
    // for that; the request's budget itself is checked exactly after the delivery.
    const timeoutMs = Math.max(1, Math.min(this.#limits.deliveryWallMsMax, Math.ceil(cpuLeftMs) + this.#limits.lazyChunkCpuMsMax));
    const cpuBefore = isolate.cpuTime;
    const wallBefore = process.hrtime.bigint();
    let ops: IsolateOp[] = [];
    let end: IsolateEnd | null = null;
    try {
      ops = prelude.call("deliver", [event, nowMs], { arguments: { copy: true }, result: { copy: true }, timeout: timeoutMs }) as IsolateOp[];
    } catch (error) {
      end = this.#endFor(error, requestId, cpuBefore, timeoutMs);
    }
    // Capped, so prototype pollution that slows the chunk's own code down buys no free CPU.
    const runtimeNs = minBigInt(this.#prepared.slot.runtimeWork.take(), BigInt(this.#limits.lazyChunkCpuMsMax) * 1_000_000n);
    const spentNs = isolate.isDisposed ? 0n : isolate.cpuTime - cpuBefore;
    const cpuNs = spentNs > runtimeNs ? spentNs - runtimeNs : 0n;
    const wallMs = Number(process.hrtime.bigint() - wallBefore) / 1e6;
    this.#meter.charge(requestId, cpuNs);
    if (end === null && requestId !== null && this.#meter.usedMs(requestId) > this.#limits.requestCpuMsMax) {
      end = { type: "cpu_limit", requestId, cpuMs: this.#meter.usedMs(requestId), limitMs: this.#limits.requestCpuMsMax };
    }
    if (end !== null) this.#finish(end);
    else this.#meter.observe(event, ops);
    if (this.#graph !== null) ops = ops.map((op) => (op.kind === "exception" ? { ...op, error: { ...op.error, stack: mapStack(this.#graph!, op.error.stack) } } : op.kind === "log" && typeof op.at === "string" ? { ...op, at: mapStack(this.#graph!, op.at) } : op));
    return { ops, end, measured: { cpuMs: Number(cpuNs) / 1e6, wallMs } };
  }

  stats(): { heapUsedBytes: number; heapTotalBytes: number; cpuMs: number; externalBytes: number } {
    if (this.#prepared.isolate.isDisposed) return { heapUsedBytes: 0, heapTotalBytes: 0, cpuMs: 0, externalBytes: 0 };
    const heap = this.#prepared.isolate.getHeapStatisticsSync();
    // externally_allocated_size: ArrayBuffers and WebAssembly memories, outside the V8 heap.
    return { heapUsedBytes: heap.used_heap_size, heapTotalBytes: heap.total_heap_size, cpuMs: Number(this.#prepared.isolate.cpuTime - this.#prepared.cpuBaseNs) / 1e6, externalBytes: heap.externally_allocated_size };
  }

  /**
   * The world is done with this worker. An isolate no limit ended goes back to the pool for a
   * fresh context (unless it is being profiled: the profile would see the next worker's code).
   */
  dispose(): void {
    const clean = this.#end === null && !this.#prepared.isolate.isDisposed;
    this.#end ??= { type: "crashed", message: "disposed by the host" };
    this.#prepared.slot.sync = null;
    if (clean && this.#recycle !== null && instrumentsOf(this)?.profiling !== true) this.#recycle(this.#prepared);
    else if (!this.#prepared.isolate.isDisposed) this.#prepared.isolate.dispose();
  }

  #endFor(error: unknown, requestId: string | null, cpuBefore: bigint, timeoutMs: number): IsolateEnd {
    const { isolate } = this.#prepared;
    const failure = classifyHostError(error, isolate);
    switch (failure.type) {
      case "timeout": {
        // A timeout with little CPU spent means the code blocked (Atomics.wait) rather than spun.
        const cpuMs = isolate.isDisposed ? timeoutMs : Number(isolate.cpuTime - cpuBefore) / 1e6;
        if (requestId !== null && cpuMs >= timeoutMs * 0.5) {
          return { type: "cpu_limit", requestId, cpuMs: this.#meter.usedMs(requestId) + cpuMs, limitMs: this.#limits.requestCpuMsMax };
        }
        return { type: "wall_limit", limitMs: timeoutMs };
      }
      case "memory_limit":
        return { type: "memory_limit", limitMb: this.#limits.isolateMemoryMbMax };
      case "disposed":
        return { type: "crashed", message: failure.message };
      case "user_error":
        // The prelude catches user errors; one escaping means the runtime itself broke.
        return { type: "crashed", message: `${failure.name}: ${failure.message}` };
    }
  }

  #finish(end: IsolateEnd): void {
    this.#end = end;
    this.#prepared.slot.sync = null;
    if (!this.#prepared.isolate.isDisposed) this.#prepared.isolate.dispose();
  }
}
