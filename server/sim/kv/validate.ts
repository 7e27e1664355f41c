// Input validation for the KV operations. Every error names the field and quotes its limit.

import { utf8ByteLength } from "../core/hash.ts";
import {
  cacheTtlSecDefault, cacheTtlSecMin, expirationTtlSecMin, keyBytesMax, listLimitDefault, listLimitMax, metadataBytesMax,
  valueBytesMax,
} from "./limits.ts";
import type { KvOperation, KvResult } from "./result.ts";
import { kvErr, kvOk } from "./result.ts";
import type { JsonValue } from "./store.ts";

export interface KvPutOptions {
  /** Absolute expiry, seconds since the epoch (virtual clock). */
  expiration?: number;
  /** Seconds from now; wins over `expiration` when both are given. */
  expirationTtl?: number;
  metadata?: unknown;
}

export function validateKey(op: KvOperation, key: string): KvResult<string> {
  if (key === "") return kvErr(op, 400, "invalid_key", "Key names must not be empty.");
  if (key === "." || key === "..") return kvErr(op, 400, "invalid_key", `Illegal key name "${key}". Please use a different name.`);
  const bytes = utf8ByteLength(key);
  if (bytes > keyBytesMax) {
    return kvErr(op, 414, "key_too_long", `UTF-8 encoded length of ${bytes} exceeds key length limit of ${keyBytesMax} bytes.`);
  }
  return kvOk(key);
}

export function validateValue(value: Uint8Array): KvResult<Uint8Array> {
  if (value.length > valueBytesMax) {
    return kvErr("PUT", 413, "value_too_large", `Value length of ${value.length} bytes exceeds limit of ${valueBytesMax} bytes (25 MiB).`);
  }
  return kvOk(value);
}

/** Resolves the options to an absolute expiry (or null) at `nowMs`. */
export function validateExpiration(options: KvPutOptions, nowMs: number): KvResult<number | null> {
  const { expiration, expirationTtl } = options;
  if (expirationTtl !== undefined) {
    if (!Number.isFinite(expirationTtl) || expirationTtl < expirationTtlSecMin) {
      return kvErr("PUT", 400, "invalid_expiration_ttl",
        `Invalid expirationTtl of ${String(expirationTtl)}. Expiration TTL must be at least ${expirationTtlSecMin} seconds.`);
    }
    return kvOk(Math.ceil(nowMs / 1000 + expirationTtl));
  }
  if (expiration !== undefined) {
    const earliestSec = nowMs / 1000 + expirationTtlSecMin;
    if (!Number.isFinite(expiration) || expiration < earliestSec) {
      return kvErr("PUT", 400, "invalid_expiration",
        `Invalid expiration of ${String(expiration)}. Expiration times must be at least ${expirationTtlSecMin} seconds in the future (now is ${nowMs / 1000}).`);
    }
    return kvOk(expiration);
  }
  return kvOk(null);
}

/** Checks metadata serializes as JSON within the limit and returns a detached copy. */
export function validateMetadata(metadata: unknown): KvResult<JsonValue | null> {
  if (metadata === undefined || metadata === null) return kvOk(null);
  let json: string | undefined;
  try {
    json = JSON.stringify(metadata);
  } catch (error) {
    return kvErr("PUT", 400, "invalid_metadata", `metadata must be serializable to JSON: ${String(error)}`);
  }
  if (json === undefined) return kvErr("PUT", 400, "invalid_metadata", "metadata must be serializable to JSON.");
  const bytes = utf8ByteLength(json);
  if (bytes > metadataBytesMax) {
    return kvErr("PUT", 413, "metadata_too_large", `Metadata length of ${bytes} bytes exceeds limit of ${metadataBytesMax} bytes.`);
  }
  return kvOk(JSON.parse(json) as JsonValue);
}

export function validateCacheTtl(cacheTtl: number | undefined): KvResult<number> {
  if (cacheTtl === undefined) return kvOk(cacheTtlSecDefault);
  if (!Number.isFinite(cacheTtl) || cacheTtl < cacheTtlSecMin) {
    return kvErr("GET", 400, "invalid_cache_ttl", `Invalid cacheTtl of ${String(cacheTtl)}. Cache TTL must be at least ${cacheTtlSecMin} seconds.`);
  }
  return kvOk(cacheTtl);
}

export function validateListLimit(limit: number | undefined): KvResult<number> {
  if (limit === undefined) return kvOk(listLimitDefault);
  if (!Number.isInteger(limit) || limit < 1 || limit > listLimitMax) {
    return kvErr("LIST", 400, "invalid_list_limit", `Invalid limit of ${String(limit)}. Please specify an integer from 1 to ${listLimitMax}.`);
  }
  return kvOk(limit);
}
