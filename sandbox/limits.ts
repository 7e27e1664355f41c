// Every limit the sandbox enforces, with its unit last. The host and the in-isolate prelude both
// read this file, so an error message can always quote the same number the code enforces.

export const sandboxLimits = {
  /** V8 heap limit of one isolate; past it V8 stops the isolate and the request gets 503. */
  isolateMemoryMbMax: 128,
  /** CPU time one request may use, summed over every delivery that runs its code. */
  requestCpuMsMax: 50,
  /** CPU time module initialization (top-level code) may use. */
  startupCpuMsMax: 400,
  /**
   * CPU the runtime may spend loading a lazy chunk (whatwg-url, the IDNA table) inside a
   * delivery; it is not charged to the request, so a delivery's V8 timeout allows for it.
   */
  lazyChunkCpuMsMax: 200,
  /** Wall time one delivery may take, for code that blocks without using CPU (Atomics.wait). */
  deliveryWallMsMax: 1000,
  /** Lines of console output kept per request; further lines are dropped and counted. */
  logLinesPerRequestMax: 200,
  /** Characters kept of one console line. */
  logLineCharsMax: 4096,
  /** Characters kept of an exception's name, message or stack before it leaves the isolate. */
  exceptionTextCharsMax: 16 * 1024,
  /** Timers one request may have pending at once. */
  timersPerRequestMax: 100,
  /** Asynchronous binding calls and subrequests one request may make. */
  callsPerRequestMax: 1000,
  /** Size of a response body a worker may return. */
  responseBodyBytesMax: 8 * 1024 * 1024,
  /** Size of a request body handed to a worker. */
  requestBodyBytesMax: 8 * 1024 * 1024,
  /** Size of worker source code. */
  workerCodeBytesMax: 1024 * 1024,
  /** Compiled code kept in the code cache (entries, least recently used evicted). */
  codeCacheEntriesMax: 256,
} as const;

export type SandboxLimits = { -readonly [K in keyof typeof sandboxLimits]: number };

/**
 * When a finished worker's isolate is given a fresh context instead of being disposed
 * (isolate-pool.ts). Bounds keep a long-lived isolate from carrying an earlier context's
 * garbage into a later one's memory limit.
 */
export const isolateReuse = {
  /** Contexts one isolate hosts, one after another, before it is disposed. */
  contextsPerIsolateMax: 200,
  /** V8 heap in use after a context is released, above which the isolate is disposed instead. */
  heapBytesMax: 24 * 1024 * 1024,
  /** Returned isolates kept waiting for a load; more are disposed. */
  spareIsolatesMax: 16,
} as const;
