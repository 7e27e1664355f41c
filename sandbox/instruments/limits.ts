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

/** Bounds of the shadow world the heavy instruments run in (server/world/shadow-host.ts). */
export const shadowLimits = {
  /**
   * CPU ms one request may use in the shadow world: under the profiler an inspector isolate runs
   * a request many times slower (measured up to 150×), so the ordinary requestCpuMsMax of 50 ms
   * would turn a profiled request into a 503 that the learner's run never had.
   */
  shadowRequestCpuMsMax: 2_000,
  /** Wall ms one profiling command (replay, warm-up, N plain and N profiled requests) may take. */
  profilingCommandMsMax: 10_000,
  /** Wall ms one snapshot or comparison command may take (replays and snapshots included). */
  snapshotCommandMsMax: 30_000,
  /** Events run to get one request answered in the shadow world. */
  shadowEventsPerRequestMax: 10_000,
  /** Flame-tree nodes sent to the client (the rest stay in the .cpuprofile download). */
  flameNodesMax: 3_000,
  /** Snapshots a session keeps to compare (oldest dropped). */
  snapshotsPerSessionMax: 8,
} as const;
