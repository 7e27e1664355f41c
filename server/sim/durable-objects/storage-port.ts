// The port between the world and a Durable Object's storage: one synchronous `ObjectStorage`
// per object, mirroring `ctx.storage` (KV-style API, batched transactions, alarms, SQL). The
// world is synchronous and so is better-sqlite3, so nothing here returns a promise.
//
// Implementations: memory-storage.ts (pure, for sim tests; no SQL) and
// server/store/sqlite-object-storage.ts (better-sqlite3, one database per object). Both pass
// storage-contract.ts. Everything a learner's code can get wrong is a `StorageResult` error.

import type { SqlResult } from "../isolate-port.ts";
import { utf8ByteLength } from "../core/hash.ts";

/**
 * A key and its serialized value together (v8 serializer in SQLite; an estimate in memory). On a
 * SQLite-backed object they are one row of `_cf_KV`, so workerd's SQLite length limit bounds
 * them: 2,200,000 bytes (documented as "2 MB"), with SQLite's own message.
 */
export const storageEntryBytesMax = 2_200_000;
export const storageKeysPerCallMax = 128;
export const storageEntriesPerPutMax = 128;

export type StorageErrorCode =
  | "invalid_argument" | "key_too_long" | "value_too_large" | "too_many_keys" | "not_serializable"
  | "sql_unsupported" | "sql_forbidden" | "sql_error" | "sql_invalid_binding"
  /** The query ran past the host's bound on one query (sqlStatementMsMax) and was stopped. */
  | "sql_interrupted";

export interface StorageError {
  code: StorageErrorCode;
  message: string;
}

export type StorageResult<T> = { ok: true; value: T } | { ok: false; error: StorageError };

export interface StorageListOptions {
  /** Inclusive lower bound. */
  start?: string;
  /** Exclusive lower bound; cannot be combined with `start`. */
  startAfter?: string;
  /** Exclusive upper bound. */
  end?: string;
  prefix?: string;
  /** Descending order; `limit` then takes the last keys of the range. */
  reverse?: boolean;
  /** A positive integer; no limit when absent. */
  limit?: number;
}

/** One operation of a transaction batch; results come back in the same order. */
export type StorageOp =
  | { type: "get"; keys: string[] }
  | { type: "put"; entries: [string, unknown][] }
  | { type: "delete"; keys: string[] }
  | { type: "list"; options: StorageListOptions }
  | { type: "deleteAll" }
  | { type: "getAlarm" }
  | { type: "setAlarm"; scheduledMs: number }
  | { type: "deleteAlarm" };

export interface ObjectStorage {
  /** The stored values of the keys that exist; absent keys are left out. */
  get(keys: readonly string[]): StorageResult<Map<string, unknown>>;
  put(entries: readonly (readonly [string, unknown])[]): StorageResult<void>;
  /** How many of the keys existed. */
  delete(keys: readonly string[]): StorageResult<number>;
  /** Entries sorted by the UTF-8 bytes of their keys (descending with `reverse`). */
  list(options?: StorageListOptions): StorageResult<[string, unknown][]>;
  /** Deletes every key, the alarm and (SQLite) every user table, as the platform does today. */
  deleteAll(): StorageResult<void>;
  /** Applies the batch all-or-nothing: on the first error nothing of it remains. */
  transaction(ops: readonly StorageOp[]): StorageResult<unknown[]>;
  getAlarm(): number | null;
  setAlarm(scheduledMs: number): StorageResult<void>;
  deleteAlarm(): void;
  sql(query: string, params: readonly unknown[]): StorageResult<SqlResult>;
}

export interface ObjectStorageProvider {
  open(objectId: string): ObjectStorage;
  close(objectId: string): void;
}

export function storageOk<T>(value: T): StorageResult<T> {
  return { ok: true, value };
}

export function storageErr<T = never>(code: StorageErrorCode, message: string): StorageResult<T> {
  return { ok: false, error: { code, message } };
}

// ---- Validation shared by every implementation, so their errors match word for word ----

export function checkKeys(keys: readonly string[], method: "get" | "delete"): StorageResult<void> {
  if (keys.length > storageKeysPerCallMax) {
    return storageErr("too_many_keys", `${method}() accepts at most ${storageKeysPerCallMax} keys per call; got ${keys.length}.`);
  }
  for (const key of keys) {
    const failed = checkKey(key);
    if (!failed.ok) return failed;
  }
  return storageOk(undefined);
}

export function checkEntries(entries: readonly (readonly [string, unknown])[]): StorageResult<void> {
  if (entries.length > storageEntriesPerPutMax) {
    return storageErr("too_many_keys", `put() accepts at most ${storageEntriesPerPutMax} entries per call; got ${entries.length}.`);
  }
  for (const [key] of entries) {
    const failed = checkKey(key);
    if (!failed.ok) return failed;
  }
  return storageOk(undefined);
}

export function checkKey(key: string): StorageResult<void> {
  if (typeof key !== "string") return storageErr("invalid_argument", `Keys must be strings; got ${typeof key}.`);
  // A SQLite-backed object has no key limit of its own (the 2 KiB one is the KV backend's):
  // the key is bounded with its value, as one row (storageEntryBytesMax).
  if (key.length > storageEntryBytesMax || (key.length * 3 > storageEntryBytesMax && utf8ByteLength(key) > storageEntryBytesMax)) {
    return storageErr("key_too_long", "string or blob too big: SQLITE_TOOBIG");
  }
  return storageOk(undefined);
}

/** A key and its value over storageEntryBytesMax: refused as workerd's SQLite refuses the row. */
export function checkValueBytes(key: string, bytes: number): StorageResult<void> {
  if (bytes + utf8ByteLength(key) > storageEntryBytesMax) return storageErr("value_too_large", "string or blob too big: SQLITE_TOOBIG");
  return storageOk(undefined);
}

export function checkListOptions(options: StorageListOptions): StorageResult<void> {
  if (options.start !== undefined && options.startAfter !== undefined) {
    return storageErr("invalid_argument", "list(): start and startAfter cannot both be set.");
  }
  if (options.limit !== undefined && !(Number.isInteger(options.limit) && options.limit > 0)) {
    return storageErr("invalid_argument", `list(): limit must be a positive integer; got ${String(options.limit)}.`);
  }
  return storageOk(undefined);
}

export function checkAlarm(scheduledMs: number): StorageResult<void> {
  if (typeof scheduledMs !== "number" || !Number.isFinite(scheduledMs) || scheduledMs < 0) {
    return storageErr("invalid_argument", `setAlarm() needs a time in ms since the epoch; got ${String(scheduledMs)}.`);
  }
  return storageOk(undefined);
}

/**
 * Runs a batch through the storage's own methods, stopping at the first error (named by its
 * index). Atomicity is the caller's job: it wraps this in a snapshot or a SQL transaction.
 */
export function runOps(storage: ObjectStorage, ops: readonly StorageOp[]): StorageResult<unknown[]> {
  const results: unknown[] = [];
  for (const [index, op] of ops.entries()) {
    const result = runOp(storage, op);
    if (!result.ok) {
      return storageErr(result.error.code, `transaction op ${index} (${op.type}) failed, nothing was applied: ${result.error.message}`);
    }
    results.push(result.value);
  }
  return storageOk(results);
}

function runOp(storage: ObjectStorage, op: StorageOp): StorageResult<unknown> {
  switch (op.type) {
    case "get": return storage.get(op.keys);
    case "put": return storage.put(op.entries);
    case "delete": return storage.delete(op.keys);
    case "list": return storage.list(op.options);
    case "deleteAll": return storage.deleteAll();
    case "getAlarm": return storageOk(storage.getAlarm());
    case "setAlarm": return storage.setAlarm(op.scheduledMs);
    case "deleteAlarm": storage.deleteAlarm(); return storageOk(undefined);
    default: {
      const unknownOp: never = op;
      return storageErr("invalid_argument", `Unknown transaction op ${JSON.stringify(unknownOp)}.`);
    }
  }
}
