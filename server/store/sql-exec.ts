// Runs learner SQL (`ctx.storage.sql.exec`) against an object's database.
//
// - Several statements separated by `;` run in order inside one transaction (all or nothing);
//   the result is the last statement's rows. Parameters bind to the last statement only, so
//   earlier statements must not contain placeholders (SQLite then reports a missing binding).
// - Parameters: numbers, bigints, strings, null, Uint8Array/ArrayBuffer (BLOB). Booleans and
//   anything else are refused: SQLite has no boolean type.
// - rowsWritten is exact: the change in SQLite's total_changes() (triggers included).
//   rowsRead is an estimate: rows returned plus rows written (SQLite does not report rows
//   scanned through this driver).

import type Database from "better-sqlite3";
import type { SqlResult } from "../sim/isolate-port.ts";
import type { StorageResult } from "../sim/durable-objects/storage-port.ts";
import { storageErr, storageOk } from "../sim/durable-objects/storage-port.ts";
import { forbiddenReason } from "./sql-guard.ts";
import { splitSqlStatements, type SqlStatement } from "./sql-statements.ts";

export const sqlQueryBytesMax = 100_000;
export const sqlParamsMax = 100;

type Bindable = number | bigint | string | null | Buffer;

export function execSql(db: Database.Database, query: string, params: readonly unknown[]): StorageResult<SqlResult> {
  if (Buffer.byteLength(query) > sqlQueryBytesMax) {
    return storageErr("sql_error", `SQL query is ${Buffer.byteLength(query)} bytes; the limit is ${sqlQueryBytesMax} bytes.`);
  }
  if (params.length > sqlParamsMax) return storageErr("sql_invalid_binding", `At most ${sqlParamsMax} bound parameters per query; got ${params.length}.`);
  let statements: SqlStatement[];
  try {
    statements = splitSqlStatements(query);
  } catch (error) {
    return storageErr("sql_error", (error as Error).message);
  }
  if (statements.length === 0) return storageErr("sql_error", "SQL query is empty.");
  for (const statement of statements) {
    const reason = forbiddenReason(statement);
    if (reason !== null) return storageErr("sql_forbidden", reason);
  }
  const bound = bindParams(params);
  if (!bound.ok) return bound;
  try {
    return storageOk(db.transaction(() => runStatements(db, statements, bound.value))());
  } catch (error) {
    return storageErr("sql_error", `${(error as Error).message}${sqliteCode(error)}`);
  }
}

function runStatements(db: Database.Database, statements: SqlStatement[], params: Bindable[]): SqlResult {
  const changesBefore = totalChanges(db);
  let rowsReturned = 0;
  let last: SqlResult = { columns: [], rows: [], rowsRead: 0, rowsWritten: 0 };
  statements.forEach((statement, index) => {
    const isLast = index === statements.length - 1;
    const prepared = db.prepare(statement.text);
    const args = isLast ? params : [];
    if (!prepared.reader) {
      prepared.run(...args);
      last = { columns: [], rows: [], rowsRead: 0, rowsWritten: 0 };
      return;
    }
    const rows = (prepared.raw(true).all(...args) as unknown[][]).map((row) => row.map(fromSqlite));
    rowsReturned += rows.length;
    last = { columns: prepared.columns().map((column) => column.name), rows, rowsRead: 0, rowsWritten: 0 };
  });
  const rowsWritten = totalChanges(db) - changesBefore;
  return { ...last, rowsRead: rowsReturned + rowsWritten, rowsWritten };
}

function totalChanges(db: Database.Database): number {
  return db.prepare("SELECT total_changes()").pluck().get() as number;
}

function bindParams(params: readonly unknown[]): StorageResult<Bindable[]> {
  const bound: Bindable[] = [];
  for (const [index, value] of params.entries()) {
    if (value === null || typeof value === "number" || typeof value === "bigint" || typeof value === "string") bound.push(value);
    else if (value instanceof Uint8Array) bound.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    else if (value instanceof ArrayBuffer) bound.push(Buffer.from(value));
    else if (typeof value === "boolean") {
      return storageErr("sql_invalid_binding", `Binding ${index} is a boolean (${value}); SQLite has no boolean type: bind 1 or 0.`);
    } else {
      const kind = value === undefined ? "undefined" : Array.isArray(value) ? "an array" : typeof value;
      return storageErr("sql_invalid_binding", `Binding ${index} has unsupported type ${kind}; use a number, string, null or Uint8Array.`);
    }
  }
  return storageOk(bound);
}

/** BLOBs come back as plain Uint8Array copies (a Buffer is a Node-only subclass). */
function fromSqlite(value: unknown): unknown {
  return Buffer.isBuffer(value) ? new Uint8Array(value) : value;
}

function sqliteCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? `: ${code}` : "";
}
