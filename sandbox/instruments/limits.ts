// Bounds of the V8 instruments, with units last. A heap snapshot costs the host several times
// the heap it describes (the JSON text, then its parse), so it is refused up front for a heap
// near its isolate's limit, and abandoned if its text grows past a bound.
export const instrumentLimits = {
  /** A snapshot is refused when the heap in use is above this share of the isolate's limit. */
  heapSnapshotHeapShareMax: 0.8,
  /** Serialized snapshot text kept; past it the snapshot is abandoned with an error. */
  heapSnapshotBytesMax: 512 * 1024 * 1024,
  /** A snapshot that has not finished by then is reported as too slow (it cannot be interrupted). */
  heapSnapshotMsMax: 20_000,
  /** Repetitions of one request under the profiler. */
  profileRepetitionsMax: 1000,
} as const;
