// The host side of V8's instruments for one isolate: heap statistics, the CPU profiler and heap
// snapshots through an inspector session. Learner code never sees any of it: the inspector
// session and the profiler live on the host, and the isolate's own code only runs as usual.
// Nothing here touches the simulated world, so a run's trace is the same with or without them.
import type ivm from "isolated-vm";
import type { CpuProfile } from "./cpu-profile-summary.ts";
import type { HeapSnapshotFile } from "./heap-snapshot-graph.ts";
import { instrumentLimits } from "./limits.ts";

export interface HeapStats {
  usedBytes: number;
  totalBytes: number;
  limitBytes: number;
  physicalBytes: number;
  /** Memory outside V8's heap that counts against the isolate's limit (large ArrayBuffers). */
  externalBytes: number;
}

export type InstrumentResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

export class IsolateInstruments {
  #profiling: string | null = null;
  #nextProfile = 1;

  /**
   * `gone` says the worker is done with the isolate: a reused isolate lives on with another
   * worker's context, which these instruments must never see.
   */
  constructor(readonly isolate: ivm.Isolate, readonly inspectorEnabled: boolean, private readonly gone: () => boolean = () => isolate.isDisposed) {}

  /** A CPU profile is running (the isolate is then not reused: the profile would see the next worker). */
  get profiling(): boolean {
    return this.#profiling !== null;
  }

  /** The isolate's CPU clock (it moves only while something runs in the isolate, a heap read included). */
  cpuTimeNs(): bigint | null {
    return this.gone() ? null : this.isolate.cpuTime;
  }

  heapStats(): HeapStats | null {
    if (this.gone()) return null;
    const heap = this.isolate.getHeapStatisticsSync() as ivm.HeapStatistics & { externally_allocated_size?: number };
    return { usedBytes: heap.used_heap_size, totalBytes: heap.total_heap_size, limitBytes: heap.heap_size_limit, physicalBytes: heap.total_physical_size, externalBytes: heap.externally_allocated_size ?? 0 };
  }

  startCpuProfile(): InstrumentResult<void> {
    if (this.gone()) return { ok: false, code: "isolate_gone", message: "The isolate has ended; send a request to start a new one, then profile it." };
    if (this.#profiling !== null) return { ok: false, code: "already_profiling", message: "A CPU profile of this isolate is already running." };
    this.#profiling = `profile-${this.#nextProfile++}`;
    this.isolate.startCpuProfiler(this.#profiling);
    return { ok: true, value: undefined };
  }

  async stopCpuProfile(): Promise<InstrumentResult<CpuProfile>> {
    const title = this.#profiling;
    if (title === null) return { ok: false, code: "not_profiling", message: "No CPU profile is running for this isolate." };
    this.#profiling = null;
    if (this.gone()) return { ok: false, code: "isolate_gone", message: "The isolate ended while it was being profiled (a limit?)." };
    const threads = await this.isolate.stopCpuProfiler(title);
    // One isolate runs on whichever thread takes its next task, and V8 keeps one profile per
    // thread: reading only the busiest one lost the samples of the others (a flaky test), so
    // they are merged into one.
    const profile = mergeProfiles(threads.map((t) => t.profile as unknown as CpuProfile));
    if (profile === null) return { ok: false, code: "empty_profile", message: "V8 returned no profile." };
    return { ok: true, value: toDevToolsLines(profile) };
  }

  async takeHeapSnapshot(): Promise<InstrumentResult<{ file: HeapSnapshotFile; text: string; bytes: number; ms: number }>> {
    if (!this.inspectorEnabled) return { ok: false, code: "inspector_off", message: "Heap snapshots need an isolate started with the inspector: turn instruments on, then send a request." };
    const stats = this.heapStats();
    if (stats === null) return { ok: false, code: "isolate_gone", message: "The isolate has ended; send a request to start a new one." };
    const share = stats.usedBytes / stats.limitBytes;
    if (share > instrumentLimits.heapSnapshotHeapShareMax) {
      return { ok: false, code: "heap_too_full", message: `The heap is ${Math.round(share * 100)}% full; a snapshot is refused above ${instrumentLimits.heapSnapshotHeapShareMax * 100}% (heapSnapshotHeapShareMax), because taking it could end the isolate.` };
    }
    const started = performance.now();
    const text = await this.#snapshotText();
    if (!text.ok) return text;
    const ms = performance.now() - started;
    return { ok: true, value: { file: JSON.parse(text.value) as HeapSnapshotFile, text: text.value, bytes: text.value.length, ms } };
  }

  #snapshotText(): Promise<InstrumentResult<string>> {
    const session = this.isolate.createInspectorSession();
    const chunks: string[] = [];
    let bytes = 0;
    return new Promise<InstrumentResult<string>>((resolve) => {
      const finish = (result: InstrumentResult<string>) => {
        clearTimeout(timer);
        try { session.dispose(); } catch { /* the isolate may be gone */ }
        resolve(result);
      };
      const timer = setTimeout(() => finish({ ok: false, code: "snapshot_too_slow", message: `The heap snapshot took longer than ${instrumentLimits.heapSnapshotMsMax} ms (heapSnapshotMsMax).` }), instrumentLimits.heapSnapshotMsMax);
      session.onNotification = (message) => {
        if (!message.startsWith('{"method":"HeapProfiler.addHeapSnapshotChunk"')) return;
        const chunk = (JSON.parse(message) as { params: { chunk: string } }).params.chunk;
        bytes += chunk.length;
        if (bytes > instrumentLimits.heapSnapshotBytesMax) finish({ ok: false, code: "snapshot_too_large", message: `The heap snapshot is larger than ${instrumentLimits.heapSnapshotBytesMax} bytes (heapSnapshotBytesMax).` });
        else chunks.push(chunk);
      };
      session.onResponse = (_id, message) => {
        const reply = JSON.parse(message) as { error?: { message: string } };
        if (reply.error) finish({ ok: false, code: "snapshot_failed", message: `V8 could not take the snapshot: ${reply.error.message}` });
        else finish({ ok: true, value: chunks.join("") });
      };
      try {
        session.dispatchProtocolMessage(JSON.stringify({ id: 1, method: "HeapProfiler.takeHeapSnapshot", params: { reportProgress: false } }));
      } catch (error) {
        finish({ ok: false, code: "snapshot_failed", message: `V8 could not take the snapshot: ${error instanceof Error ? error.message : String(error)}` });
      }
    });
  }
}

/**
 * Several profiles as one: node ids renumbered apart under a shared root, samples ordered by
 * their absolute time (each profile's startTime plus its deltas), so DevTools and the summary
 * see every thread's samples on one timeline. Null when there is nothing to merge.
 */
export function mergeProfiles(profiles: readonly CpuProfile[]): CpuProfile | null {
  if (profiles.length === 0) return null;
  if (profiles.length === 1) return profiles[0]!;
  const rootId = 1;
  const nodes: CpuProfile["nodes"] = [{ id: rootId, hitCount: 0, children: [], callFrame: { functionName: "(root)", url: "", scriptId: 0, lineNumber: 0, columnNumber: 0 } }];
  const timed: { atUs: number; node: number }[] = [];
  let offset = 1;
  for (const profile of profiles) {
    const shift = offset;
    let maxId = 0;
    for (const node of profile.nodes) {
      maxId = Math.max(maxId, node.id);
      const children = (node.children ?? []).map((c) => c + shift);
      nodes.push({ ...node, id: node.id + shift, children });
    }
    // Each profile's first node is its root: its children hang under the shared root.
    const ownRoot = profile.nodes[0];
    if (ownRoot !== undefined) nodes[0]!.children!.push(ownRoot.id + shift);
    let atUs = profile.startTime;
    profile.samples.forEach((node, i) => {
      atUs += profile.timeDeltas[i] ?? 0;
      timed.push({ atUs, node: node + shift });
    });
    offset += maxId;
  }
  timed.sort((a, b) => a.atUs - b.atUs);
  const startTime = Math.min(...profiles.map((p) => p.startTime));
  const endTime = Math.max(...profiles.map((p) => p.endTime));
  let last = startTime;
  const timeDeltas = timed.map((t) => { const d = t.atUs - last; last = t.atUs; return d; });
  return { startTime, endTime, samples: timed.map((t) => t.node), timeDeltas, nodes };
}

/**
 * isolated-vm reports V8's 1-based line and column numbers; the `.cpuprofile` format that
 * DevTools and speedscope read counts from 0.
 */
function toDevToolsLines(profile: CpuProfile): CpuProfile {
  const nodes = profile.nodes.map((node) => ({ ...node, callFrame: { ...node.callFrame, lineNumber: node.callFrame.lineNumber - 1, columnNumber: node.callFrame.columnNumber - 1 } }));
  return { ...profile, nodes };
}

/** Instruments of the isolates the sandbox made, by the handle the world holds. */
const registry = new WeakMap<object, IsolateInstruments>();

export function registerInstruments(handle: object, instruments: IsolateInstruments): void {
  registry.set(handle, instruments);
}

export function instrumentsOf(handle: object): IsolateInstruments | null {
  return registry.get(handle) ?? null;
}
