// Workers KV, simulated: a state machine the world drives. It never schedules anything itself;
// it returns plans, and every user-caused failure is a `KvResult` error value.
//
// Contract:
// - `createKvNamespace({ regions, lagMsFor })` makes one namespace's state.
// - Operations run at a `KvSite { nowMs, pop, region }`:
//   `kvGet` → { value, metadata, version, stale, cache } (getWithMetadata uses the same read),
//   `kvPut(key, bytes, { expiration, expirationTtl, metadata })` and `kvDelete(key)` →
//   { version, replication: [{ region, atMs, key, version }] }, `kvList({ prefix, limit, cursor })`
//   → { keys, list_complete, cursor (null when complete), stale }.
// - The world schedules each replication step and calls `applyReplication(state, region, key,
//   version)` when it is due; a replica only moves forward (an older version is ignored).
// - Reads check the PoP cache (fresh until cachedAtMs + the filling read's cacheTtl), then the
//   region's replica, and cache the answer, absent keys included (negative caching).
// - Read-your-writes holds at the writing PoP (its cache is updated by the write). Other PoPs in
//   the writer's region see the write on their next cache miss, because the regional replica
//   takes it at once; an entry they cached before the write hides it until its TTL passes.
// - Last write wins by version (assigned in the order writes reach the central store); at most
//   one accepted write per key per second (429 otherwise); expired entries read as absent.
//   Limits are in limits.ts.

export * from "./limits.ts";
export type { KvError, KvErrorCode, KvResult } from "./result.ts";
export type { JsonValue, KvNamespaceConfig, KvNamespaceState, KvRecord, KvSite, LagMsFor } from "./store.ts";
export { createKvNamespace } from "./store.ts";
export type { KvPutOptions } from "./validate.ts";
export type { KvGetOptions, KvReadResult } from "./read.ts";
export { kvGet } from "./read.ts";
export type { KvWriteOutcome } from "./write.ts";
export { kvDelete, kvPut } from "./write.ts";
export type { KvListKey, KvListOptions, KvListResult } from "./list.ts";
export { kvList } from "./list.ts";
export type { KvReplicationOutcome, KvReplicationStep } from "./replication.ts";
export { applyReplication } from "./replication.ts";
