// workerd's SQLite limits on every Durable Object database, set by a tiny loadable extension
// (native/sqlite-limits.c): better-sqlite3 has no API for sqlite3_limit(), and SQLite's heap-limit
// pragmas do nothing in its build (memory statistics are compiled out). With the limits in place
// SQLite refuses an oversized string, BLOB or row with SQLITE_TOOBIG before allocating it, and
// its error texts are the ones workerd shows (test/sql-limits.test.ts compares with Miniflare).

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { storageEntryBytesMax } from "../sim/durable-objects/storage-port.ts";

/** The numbers native/sqlite-limits.c sets (sqlite-limits.test.ts checks they agree). */
export const sqliteLimits = {
  /** A string, BLOB or row (SQLITE_LIMIT_LENGTH); the platform documents it as "2 MB". */
  lengthBytesMax: storageEntryBytesMax,
  /** The SQL text of one `sql.exec` call (SQLITE_LIMIT_SQL_LENGTH). */
  statementBytesMax: 100_000,
  /** Columns of a table or a result (SQLITE_LIMIT_COLUMN). */
  columnsMax: 100,
  /** Bound parameters of a statement (SQLITE_LIMIT_VARIABLE_NUMBER). */
  boundParametersMax: 100,
} as const;

/**
 * The CPU time one `sql.exec` may run before SQLite interrupts it (native/sqlite-limits.c): an
 * endless recursive query ends as a catchable error naming this limit, and the world process
 * and its other sessions go on. Below the supervisor's worldCommandMsMax (750 ms), which stays
 * as the backstop for whatever else stops a world process from answering.
 */
export const sqlStatementMsMax = 500;

/** SQLite's own text for a value or row over lengthBytesMax, as workerd reports it. */
export const tooBigMessage = "string or blob too big: SQLITE_TOOBIG";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const builder = join(root, "scripts", "build-sqlite-limits.mjs");
const suffix = process.platform === "darwin" ? "dylib" : process.platform === "win32" ? "dll" : "so";
const library = join(root, "server", "store", "native", "build", `sqlite-limits.${suffix}`);
/**
 * A connection that keeps the extension loaded for the process's lifetime: SQLite unloads a
 * library when its last connection closes, and loading it again costs about 1 ms per database
 * opened, against about 1 µs while it stays loaded (measured here).
 */
let keeper: Database.Database | null = null;

/** Sets workerd's limits on `db`, building the extension first if this checkout lacks it. */
export function applySqliteLimits(db: Database.Database): void {
  if (keeper === null) {
    if (!existsSync(library)) {
      // npm start/test/scenario build it in check-native.mjs; this covers a test run directly.
      const run = spawnSync(process.execPath, [builder], { encoding: "utf8" });
      if (run.status !== 0) throw new Error(`the SQLite limits extension is missing and could not be built: ${run.stderr.trim()}`);
    }
    keeper = new Database(":memory:");
    keeper.loadExtension(library);
  }
  db.loadExtension(library);
}
