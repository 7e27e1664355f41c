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
// - Limits as workerd: SQLite itself refuses a string, BLOB or row over 2.2 MB, more than 100
//   columns or bound parameters (sqlite-limits.ts), with its own messages; the query's length and
//   each bound value are checked here first, with the same messages, so nothing oversized is
//   copied into SQLite. A result is read row by row and refused past sqlResultBytesMax, before
//   the whole of it is built in the host.

import type Database from "better-sqlite3";
import type { SqlResult } from "../sim/isolate-port.ts";
import type { StorageResult } from "../sim/durable-objects/storage-port.ts";
import { storageErr, storageOk } from "../sim/durable-objects/storage-port.ts";
import { forbiddenReason } from "./sql-guard.ts";
import { sqlStatementMsMax, sqliteLimits, tooBigMessage } from "./sqlite-limits.ts";
import { splitSqlStatements, type SqlStatement } from "./sql-statements.ts";

/**
 * The size of one `sql.exec` result handed to the isolate: BLOB bytes, string characters and 8
 * bytes per value. The isolate holds the whole result at once (its heap is 128 MB), so past this
 * the call throws, naming the limit, before the host has built more of it.
 */
export const sqlResultBytesMax = 32 * 1024 * 1024;
const valueOverheadBytes = 8;

type Bindable = number | bigint | string | null | Buffer;

export function execSql(db: Database.Database, query: string, params: readonly unknown[]): StorageResult<SqlResult> {
  if (utf8BytesOver(query, sqliteLimits.statementBytesMax)) return storageErr("sql_error", "statement too long: SQLITE_TOOBIG");
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
  const deadline = deadlineOf(db);
  deadline.get(sqlStatementMsMax);
  try {
    return storageOk(db.transaction(() => runStatements(db, statements, bound.value))());
  } catch (error) {
    if ((error as { code?: unknown }).code === "SQLITE_INTERRUPT") return storageErr("sql_interrupted", interruptedMessage);
    return storageErr("sql_error", `${(error as Error).message}${sqliteCode(error)}`);
  } finally {
    deadline.get(0);
  }
}

export const interruptedMessage = `SQL query interrupted: it ran longer than sqlStatementMsMax (${sqlStatementMsMax} ms of CPU time): SQLITE_INTERRUPT`;

/** Each connection's prepared call that arms (ms > 0) or disarms (0) its query deadline. */
const deadlines = new WeakMap<Database.Database, Database.Statement<[number]>>();

function deadlineOf(db: Database.Database): Database.Statement<[number]> {
  let statement = deadlines.get(db);
  if (statement === undefined) {
    statement = db.prepare<[number]>("SELECT edge_playground_deadline(?)");
    deadlines.set(db, statement);
  }
  return statement;
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
    const rows = readRows(prepared, args);
    rowsReturned += rows.length;
    last = { columns: prepared.columns().map((column) => column.name), rows, rowsRead: 0, rowsWritten: 0 };
  });
  const rowsWritten = totalChanges(db) - changesBefore;
  return { ...last, rowsRead: rowsReturned + rowsWritten, rowsWritten };
}

/**
 * Reads a result row by row, stopping as soon as it is over sqlResultBytesMax. BLOBs come back
 * as plain Uint8Array copies (a Buffer is a Node-only subclass).
 */
function readRows(prepared: Database.Statement, args: Bindable[]): unknown[][] {
  const rows: unknown[][] = [];
  let bytes = 0;
  for (const row of prepared.raw(true).iterate(...args) as IterableIterator<unknown[]>) {
    for (let i = 0; i < row.length; i++) {
      const value = row[i];
      if (typeof value === "string") bytes += value.length;
      else if (Buffer.isBuffer(value)) {
        bytes += value.length;
        row[i] = new Uint8Array(value);
      }
      bytes += valueOverheadBytes;
    }
    if (bytes > sqlResultBytesMax) throw new Error(`SQL result is over sqlResultBytesMax (${sqlResultBytesMax} bytes); read it in pages with LIMIT and OFFSET`);
    rows.push(row);
  }
  return rows;
}

function totalChanges(db: Database.Database): number {
  return db.prepare("SELECT total_changes()").pluck().get() as number;
}

function bindParams(params: readonly unknown[]): StorageResult<Bindable[]> {
  const bound: Bindable[] = [];
  for (const [index, value] of params.entries()) {
    let bindable: Bindable;
    if (value === null || typeof value === "number" || typeof value === "bigint" || typeof value === "string") bindable = value;
    else if (value instanceof Uint8Array) bindable = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    else if (value instanceof ArrayBuffer) bindable = Buffer.from(value);
    else if (typeof value === "boolean") {
      return storageErr("sql_invalid_binding", `Binding ${index} is a boolean (${value}); SQLite has no boolean type: bind 1 or 0.`);
    } else {
      const kind = value === undefined ? "undefined" : Array.isArray(value) ? "an array" : typeof value;
      return storageErr("sql_invalid_binding", `Binding ${index} has unsupported type ${kind}; use a number, string, null or Uint8Array.`);
    }
    // SQLite would refuse it with these words; better-sqlite3 has its own for a bound value.
    const tooBig = typeof bindable === "string" ? utf8BytesOver(bindable, sqliteLimits.lengthBytesMax) : Buffer.isBuffer(bindable) && bindable.length > sqliteLimits.lengthBytesMax;
    if (tooBig) return storageErr("sql_error", tooBigMessage);
    bound.push(bindable);
  }
  return storageOk(bound);
}

/** Whether `text` is over `bytesMax` bytes of UTF-8, without encoding it when its length decides. */
function utf8BytesOver(text: string, bytesMax: number): boolean {
  if (text.length > bytesMax) return true;
  if (text.length * 3 <= bytesMax) return false;
  return Buffer.byteLength(text) > bytesMax;
}

function sqliteCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? `: ${code}` : "";
}
