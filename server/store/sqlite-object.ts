// The SQLite `ObjectStorage` of one object. It asks the pool for its database on every call, so
// a handle stays usable after the pool closed the database to make room (it reopens it).
// Values are stored with node:v8 serialize, the structured-clone format of the platform.

import { deserialize, serialize } from "node:v8";
import type { SqlResult } from "../sim/isolate-port.ts";
import type { ObjectStorage, StorageListOptions, StorageOp, StorageResult } from "../sim/durable-objects/storage-port.ts";
import {
  checkAlarm, checkEntries, checkKeys, checkListOptions, checkValueBytes, runOps, storageErr, storageOk,
} from "../sim/durable-objects/storage-port.ts";
import { listQuery } from "./key-range.ts";
import { dropUserSchema, type ObjectDatabase } from "./object-database.ts";
import { execSql } from "./sql-exec.ts";
import { tooBigMessage } from "./sqlite-limits.ts";

/**
 * The stored bytes one get() or list() may hand to the isolate at once. Each row is at most
 * 2.2 MB, but 128 keys or an unbounded list could make hundreds of MB the host copies twice
 * (deserialized, then into the isolate, whose heap is 128 MB); past this the call fails, naming
 * the limit. The memory storage of sim tests has no such bound.
 */
export const storageResultBytesMax = 32 * 1024 * 1024;

function resultTooLarge(method: "get" | "list"): StorageResult<never> {
  const hint = method === "list" ? "; list in pages with limit and startAfter" : "; get fewer keys per call";
  return storageErr("value_too_large", `storage.${method}() result is over storageResultBytesMax (${storageResultBytesMax} bytes)${hint}`);
}

/** Thrown inside a SQLite transaction to roll it back while carrying the error out. */
class Rollback {
  constructor(readonly result: StorageResult<never>) {}
}

export class SqliteObjectStorage implements ObjectStorage {
  constructor(private readonly acquire: () => ObjectDatabase) {}

  get(keys: readonly string[]): StorageResult<Map<string, unknown>> {
    const checked = checkKeys(keys, "get");
    if (!checked.ok) return checked;
    const { getValue } = this.acquire();
    const found = new Map<string, unknown>();
    let total = 0;
    for (const key of keys) {
      const bytes = getValue.get(key);
      if (bytes === undefined) continue;
      total += bytes.length;
      if (total > storageResultBytesMax) return resultTooLarge("get");
      found.set(key, deserialize(bytes));
    }
    return storageOk(found);
  }

  put(entries: readonly (readonly [string, unknown])[]): StorageResult<void> {
    const checked = checkEntries(entries);
    if (!checked.ok) return checked;
    const encoded: [string, Buffer][] = [];
    for (const [key, value] of entries) {
      let bytes: Buffer;
      try {
        bytes = serialize(value);
      } catch (error) {
        return storageErr("not_serializable", `The value of "${key}" could not be cloned: ${(error as Error).message}`);
      }
      const sized = checkValueBytes(key, bytes.length);
      if (!sized.ok) return sized;
      encoded.push([key, bytes]);
    }
    const { db, putValue } = this.acquire();
    try {
      db.transaction(() => {
        for (const [key, bytes] of encoded) putValue.run(key, bytes);
      })();
    } catch (error) {
      // The row's own header can tip a key and value just under the bound over SQLite's limit.
      if ((error as { code?: unknown }).code === "SQLITE_TOOBIG") return storageErr("value_too_large", tooBigMessage);
      throw error;
    }
    return storageOk(undefined);
  }

  delete(keys: readonly string[]): StorageResult<number> {
    const checked = checkKeys(keys, "delete");
    if (!checked.ok) return checked;
    const { db, deleteValue } = this.acquire();
    const count = db.transaction(() => keys.reduce((sum, key) => sum + deleteValue.run(key).changes, 0))();
    return storageOk(count);
  }

  list(options: StorageListOptions = {}): StorageResult<[string, unknown][]> {
    const checked = checkListOptions(options);
    if (!checked.ok) return checked;
    const database = this.acquire();
    const query = listQuery(options);
    let statement = database.listStatements.get(query.shape);
    if (statement === undefined) {
      statement = database.db.prepare<unknown[], [string, Buffer]>(query.sql).raw(true);
      database.listStatements.set(query.shape, statement);
    }
    // Read row by row: a list without a limit may match more than the host should hold at once.
    const entries: [string, unknown][] = [];
    let total = 0;
    for (const [key, bytes] of statement.iterate(...query.params)) {
      total += key.length + bytes.length;
      if (total > storageResultBytesMax) return resultTooLarge("list");
      entries.push([key, deserialize(bytes)]);
    }
    return storageOk(entries);
  }

  deleteAll(): StorageResult<void> {
    const { db, deleteAllValues, deleteAlarm } = this.acquire();
    db.transaction(() => {
      deleteAllValues.run();
      deleteAlarm.run();
      dropUserSchema(db);
    })();
    return storageOk(undefined);
  }

  transaction(ops: readonly StorageOp[]): StorageResult<unknown[]> {
    const { db } = this.acquire();
    try {
      return db.transaction(() => {
        const result = runOps(this, ops);
        if (!result.ok) throw new Rollback(result);
        return result;
      })();
    } catch (error) {
      if (error instanceof Rollback) return error.result;
      throw error;
    }
  }

  getAlarm(): number | null {
    return this.acquire().getAlarm.get() ?? null;
  }

  setAlarm(scheduledMs: number): StorageResult<void> {
    const checked = checkAlarm(scheduledMs);
    if (!checked.ok) return checked;
    this.acquire().setAlarm.run(scheduledMs);
    return storageOk(undefined);
  }

  deleteAlarm(): void {
    this.acquire().deleteAlarm.run();
  }

  sql(query: string, params: readonly unknown[]): StorageResult<SqlResult> {
    return execSql(this.acquire().db, query, params);
  }
}
