// V8's instruments as the Instruments panel shows them: on or off, the heap samples of each
// isolate (bounded), and the last profile, snapshots, comparison and runtimes measurement.
import type { HeapSample, ServerMessageOf } from "../../../server/protocol/index.ts";
import type { SliceCreator } from "./types.ts";

type Answer<T extends "cpu_profile" | "heap_snapshot_taken" | "heap_compared" | "runtimes"> = Omit<ServerMessageOf<T>, "type" | "replyTo">;
export type CpuProfileInfo = Answer<"cpu_profile">;
export type HeapSnapshotInfo = Answer<"heap_snapshot_taken">;
export type HeapCompareInfo = Answer<"heap_compared">;
export type RuntimesInfo = Answer<"runtimes">;

/** Samples kept per isolate (the chart shows the latest). */
export const heapSamplesKeptMax = 500;

export interface InstrumentsSlice {
  instrumentsOn: boolean;
  heapSamples: Record<string, HeapSample[]>;
  instrumentBusy: string | null;
  cpuProfile: CpuProfileInfo | null;
  heapSnapshots: HeapSnapshotInfo[];
  heapComparison: HeapCompareInfo | null;
  runtimes: RuntimesInfo | null;
  setInstrumentsOn(on: boolean): void;
  addHeapSamples(samples: readonly HeapSample[]): void;
  setInstrumentBusy(what: string | null): void;
  setCpuProfile(profile: CpuProfileInfo): void;
  addHeapSnapshot(snapshot: HeapSnapshotInfo): void;
  setHeapComparison(comparison: HeapCompareInfo): void;
  setRuntimes(runtimes: RuntimesInfo): void;
}

export const createInstrumentsSlice: SliceCreator<InstrumentsSlice> = (set, get) => ({
  instrumentsOn: false,
  heapSamples: {},
  instrumentBusy: null,
  cpuProfile: null,
  heapSnapshots: [],
  heapComparison: null,
  runtimes: null,
  setInstrumentsOn: (instrumentsOn) => set({ instrumentsOn }),
  addHeapSamples: (samples) => {
    const next = { ...get().heapSamples };
    for (const sample of samples) next[sample.isolate] = [...(next[sample.isolate] ?? []), sample].slice(-heapSamplesKeptMax);
    set({ heapSamples: next });
  },
  setInstrumentBusy: (instrumentBusy) => set({ instrumentBusy }),
  setCpuProfile: (cpuProfile) => set({ cpuProfile }),
  addHeapSnapshot: (snapshot) => set({ heapSnapshots: [...get().heapSnapshots, snapshot].slice(-8) }),
  setHeapComparison: (heapComparison) => set({ heapComparison }),
  setRuntimes: (runtimes) => set({ runtimes }),
});
