// Every limit of the simulated world, in one place, named with its unit last (STYLE.md rule 5).
// Validation errors quote these names so a learner can find what they hit.

export const limits = {
  // Scenario size: bounds on untrusted input.
  scenarioBytesMax: 2_000_000,
  trafficEntriesMax: 10_000,
  /** Retries one client makes after failed connections (a traffic entry's retry.attempts). */
  clientRetriesMax: 10,
  faultsMax: 1_000,
  workersMax: 16,
  routesPerWorkerMax: 32,
  deploymentsMax: 64,
  originsMax: 64,
  regionsMax: 16,
  codeBytesMax: 1_000_000,
  bindingsPerWorkerMax: 32,
  nameCharsMax: 64,
  urlCharsMax: 2_048,
  requestBodyBytesMax: 100_000,
  headersPerRequestMax: 64,
  scenarioTimeMsMax: 24 * 60 * 60 * 1000,
  latencyMsMax: 10_000,
  seedMax: 0xffffffff,

  // The run: a bound on every loop.
  eventsPerRunMax: 1_000_000,
  pendingEventsMax: 200_000,
  /** Entries of one run's trace (each costs the host a few hundred bytes, kept for the whole run). */
  traceEntriesMax: 500_000,
  /**
   * Characters of free text in one run's trace, summed (log lines, URLs, keys, labels, limit
   * messages: what the worker's code decides the size of), so a trace cannot cost gigabytes.
   */
  traceTextCharsMax: 20_000_000,
  opsPerDeliveryMax: 10_000,
  timersPerIsolateMax: 1_000,
  subrequestDepthMax: 16,
  /** Subrequests (fetch, same-worker calls included) of one client request's whole tree. */
  subrequestsPerTreeMax: 1_000,
  /** CPU of every delivery in one client request's whole tree (the sandbox measures each). */
  treeCpuMsMax: 2_000,
  objectQueueDepthMax: 1_000,
  routeCacheEntriesMax: 100_000,
  logMessageCharsMax: 2_000,

  // The Cache API (caches.default, caches.open): one store per PoP and cache name.
  /** The platform's largest object the Cache API keeps (512 MB, as Cloudflare documents it); larger puts are not stored. */
  cacheObjectBytesMax: 512 * 1024 * 1024,
  /** Entries one PoP keeps across its caches; past it the oldest put is evicted first. */
  cacheEntriesPerPopMax: 10_000,
  /** Body bytes one PoP keeps across its caches (the world's memory, not the platform's); past it the oldest put is evicted first. */
  cacheBytesPerPopMax: 64 * 1024 * 1024,
  /** Named caches (caches.open) one PoP keeps, besides the default one. */
  cacheNamesPerPopMax: 100,
} as const;

/** Defaults of the world's tunable timings; every one can be overridden per scenario. */
export const defaults = {
  healthCheckIntervalMs: 10_000,
  clientToPopMs: 5,
  jitterPercent: 5,
  routeCacheEntries: 1_000,
  routeCacheTtlMs: 60_000,
  isolateIdleEvictMs: 5 * 60 * 1000,
  objectHibernateMs: 10_000,
  objectEvictMs: 30 * 60 * 1000,
  storageOpMs: 0,
  originLatencyMs: 20,
  kvCacheHitMs: 1,
  /** A Cache API match, put or delete answers in this long: the cache is inside the PoP. */
  cacheOpMs: 1,
  kvCentralRegion: "us-east",
  partitionRetryMs: 1_000,
  /** An alarm set for now or the past runs this long after it was set ("in the immediate future"). */
  alarmDelayMsMin: 10,
  /** First retry of an alarm whose handler threw; each further retry waits twice as long. */
  alarmRetryBackoffMs: 2_000,
  /** Retries of an alarm whose handler keeps throwing, as on the platform. */
  alarmRetriesMax: 6,
  runTimeMsMax: 2 * 60 * 60 * 1000,
} as const;
