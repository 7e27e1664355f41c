// A pure in-memory `ObjectStorage` for sim unit tests. Values are deep-copied on put and on
// read, like structured clone, and their size is estimated (the SQLite implementation measures
// the real v8 serialization). It has no SQL: `sql()` always answers `sql_unsupported`.

import type { SqlResult } from "../isolate-port.ts";
import { compareUtf8 } from "../core/hash.ts";
import type { ObjectStorage, ObjectStorageProvider, StorageListOptions, StorageOp, StorageResult } from "./storage-port.ts";
import {
  checkAlarm, checkEntries, checkKeys, checkListOptions, checkValueBytes, runOps, storageErr, storageOk,
} from "./storage-port.ts";

export class MemoryObjectStorage implements ObjectStorage {
  private data = new Map<string, unknown>();
  private alarmMs: number | null = null;

  get(keys: readonly string[]): StorageResult<Map<string, unknown>> {
    const checked = checkKeys(keys, "get");
    if (!checked.ok) return checked;
    const found = new Map<string, unknown>();
    for (const key of keys) if (this.data.has(key)) found.set(key, cloneValue(this.data.get(key)).value);
    return storageOk(found);
  }

  put(entries: readonly (readonly [string, unknown])[]): StorageResult<void> {
    const checked = checkEntries(entries);
    if (!checked.ok) return checked;
    const copies: [string, unknown][] = [];
    for (const [key, value] of entries) {
      const copy = cloneValue(value);
      if (copy.error !== null) return storageErr("not_serializable", `The value of "${key}" could not be cloned: ${copy.error}.`);
      const sized = checkValueBytes(key, copy.bytes);
      if (!sized.ok) return sized;
      copies.push([key, copy.value]);
    }
    for (const [key, value] of copies) this.data.set(key, value);
    return storageOk(undefined);
  }

  delete(keys: readonly string[]): StorageResult<number> {
    const checked = checkKeys(keys, "delete");
    if (!checked.ok) return checked;
    let deleted = 0;
    for (const key of new Set(keys)) if (this.data.delete(key)) deleted++;
    return storageOk(deleted);
  }

  list(options: StorageListOptions = {}): StorageResult<[string, unknown][]> {
    const checked = checkListOptions(options);
    if (!checked.ok) return checked;
    const { start, startAfter, end, prefix = "" } = options;
    const keys = [...this.data.keys()].filter((key) =>
      key.startsWith(prefix) &&
      (start === undefined || compareUtf8(key, start) >= 0) &&
      (startAfter === undefined || compareUtf8(key, startAfter) > 0) &&
      (end === undefined || compareUtf8(key, end) < 0));
    keys.sort(compareUtf8);
    if (options.reverse === true) keys.reverse();
    const page = options.limit === undefined ? keys : keys.slice(0, options.limit);
    return storageOk(page.map((key) => [key, cloneValue(this.data.get(key)).value]));
  }

  deleteAll(): StorageResult<void> {
    this.data.clear();
    this.alarmMs = null;
    return storageOk(undefined);
  }

  transaction(ops: readonly StorageOp[]): StorageResult<unknown[]> {
    const snapshot = { data: new Map(this.data), alarmMs: this.alarmMs };
    const result = runOps(this, ops);
    if (!result.ok) {
      this.data = snapshot.data;
      this.alarmMs = snapshot.alarmMs;
    }
    return result;
  }

  getAlarm(): number | null {
    return this.alarmMs;
  }

  setAlarm(scheduledMs: number): StorageResult<void> {
    const checked = checkAlarm(scheduledMs);
    if (!checked.ok) return checked;
    this.alarmMs = scheduledMs;
    return storageOk(undefined);
  }

  deleteAlarm(): void {
    this.alarmMs = null;
  }

  sql(_query: string, _params: readonly unknown[]): StorageResult<SqlResult> {
    return storageErr("sql_unsupported", "SQL is not available in the in-memory storage; use the SQLite storage.");
  }
}

/** Keeps every object's storage for the provider's lifetime: `close` loses nothing. */
export class MemoryStorageProvider implements ObjectStorageProvider {
  private readonly objects = new Map<string, MemoryObjectStorage>();

  open(objectId: string): ObjectStorage {
    let storage = this.objects.get(objectId);
    if (storage === undefined) {
      storage = new MemoryObjectStorage();
      this.objects.set(objectId, storage);
    }
    return storage;
  }

  close(_objectId: string): void {}
}

interface Cloned {
  value: unknown;
  /** Estimated serialized size, close to v8's for strings and binary data. */
  bytes: number;
  error: string | null;
}

/** A structured-clone-like deep copy (cycles and shared references preserved). */
export function cloneValue(value: unknown): Cloned {
  const seen = new Map<object, unknown>();
  const state = { bytes: 0, error: null as string | null };
  const copy = cloneInto(value, seen, state);
  return { value: copy, bytes: state.bytes, error: state.error };
}

function cloneInto(value: unknown, seen: Map<object, unknown>, state: { bytes: number; error: string | null }): unknown {
  if (typeof value === "string") {
    state.bytes += 5 + (/^[\x00-\xff]*$/.test(value) ? value.length : value.length * 2);
    return value;
  }
  if (typeof value === "function" || typeof value === "symbol") {
    state.error ??= `${typeof value} values cannot be stored`;
    return undefined;
  }
  state.bytes += 9;
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return seen.get(value);
  // Copies a stored Date value (no clock is read); Reflect.construct keeps the purity scan simple.
  if (value instanceof Date) return remember(seen, value, Reflect.construct(Date, [value.getTime()]) as Date);
  if (value instanceof RegExp) return remember(seen, value, new RegExp(value.source, value.flags));
  if (value instanceof ArrayBuffer) {
    state.bytes += value.byteLength;
    return remember(seen, value, value.slice(0));
  }
  if (ArrayBuffer.isView(value)) {
    state.bytes += value.byteLength;
    const Ctor = value.constructor as new (buffer: ArrayBuffer) => ArrayBufferView;
    return remember(seen, value, new Ctor(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength) as ArrayBuffer));
  }
  if (value instanceof Map) {
    const copy = remember(seen, value, new Map());
    for (const [k, v] of value) copy.set(cloneInto(k, seen, state), cloneInto(v, seen, state));
    return copy;
  }
  if (value instanceof Set) {
    const copy = remember(seen, value, new Set());
    for (const v of value) copy.add(cloneInto(v, seen, state));
    return copy;
  }
  const copy = remember(seen, value, Array.isArray(value) ? new Array(value.length) : {}) as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    state.bytes += key.length;
    copy[key] = cloneInto((value as Record<string, unknown>)[key], seen, state);
  }
  return copy;
}

function remember<T>(seen: Map<object, unknown>, original: object, copy: T): T {
  seen.set(original, copy);
  return copy;
}
