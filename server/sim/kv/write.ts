// Writes: put and delete go to the central store, which assigns the version. The writer's region
// replica and the writing PoP's cache take the write at once (read-your-writes at that PoP); the
// other regions get it through the returned replication plan.

import { cacheTtlSecDefault, writeIntervalMsMin } from "./limits.ts";
import { planReplication, type KvReplicationStep } from "./replication.ts";
import type { KvResult } from "./result.ts";
import { kvErr, kvOk } from "./result.ts";
import { fillCache } from "./cache.ts";
import type { JsonValue, KvNamespaceState, KvRecord, KvSite } from "./store.ts";
import { replicaOf } from "./store.ts";
import { validateExpiration, validateKey, validateMetadata, validateValue, type KvPutOptions } from "./validate.ts";

export interface KvWriteOutcome {
  version: number;
  /** One step per other region; the world applies each with `applyReplication` at `atMs`. */
  replication: KvReplicationStep[];
}

export function kvPut(state: KvNamespaceState, site: KvSite, key: string, value: Uint8Array, options: KvPutOptions = {}): KvResult<KvWriteOutcome> {
  const keyCheck = validateKey("PUT", key);
  if (!keyCheck.ok) return keyCheck;
  const valueCheck = validateValue(value);
  if (!valueCheck.ok) return valueCheck;
  const expiration = validateExpiration(options, site.nowMs);
  if (!expiration.ok) return expiration;
  const metadata = validateMetadata(options.metadata);
  if (!metadata.ok) return metadata;
  // Copied once: the caller may reuse its buffer, and records are shared by reference.
  return commit(state, site, "PUT", key, value.slice(), metadata.value, expiration.value);
}

export function kvDelete(state: KvNamespaceState, site: KvSite, key: string): KvResult<KvWriteOutcome> {
  const keyCheck = validateKey("DELETE", key);
  if (!keyCheck.ok) return keyCheck;
  return commit(state, site, "DELETE", key, null, null, null);
}

function commit(
  state: KvNamespaceState, site: KvSite, op: "PUT" | "DELETE", key: string,
  value: Uint8Array | null, metadata: JsonValue | null, expirationSec: number | null,
): KvResult<KvWriteOutcome> {
  const lastMs = state.lastWriteAtMs.get(key);
  if (state.config.perKeyWriteLimit === true && lastMs !== undefined && site.nowMs - lastMs < writeIntervalMsMin) {
    return kvErr(op, 429, "rate_limited", "Too Many Requests (limit: 1 write per second per key).");
  }
  const record: KvRecord = {
    key, version: state.nextVersion++, value, metadata, expirationSec,
    writtenAtMs: site.nowMs, writerPop: site.pop, writerRegion: site.region,
  };
  replicaOf(state, site.region).set(key, record);
  state.central.set(key, record);
  state.lastWriteAtMs.set(key, site.nowMs);
  fillCache(state, site.pop, key, record, site.nowMs, cacheTtlSecDefault * 1000);
  return kvOk({ version: record.version, replication: planReplication(state, record, site.nowMs) });
}
