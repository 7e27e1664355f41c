// One object's SQLite database: its file, the reserved tables and the prepared statements the
// KV-style API uses. `_cf_KV` holds the ctx.storage keys (v8-serialized values) and
// `_cf_METADATA` the alarm; learner SQL shares the file but may not touch either.

import Database from "better-sqlite3";
import { applySqliteLimits } from "./sqlite-limits.ts";

export type JournalMode = "wal" | "delete";

/** SQLite's page cache per open database, in KiB (`PRAGMA cache_size` takes it negated). */
export const pageCacheKiBMax = 2048;

export interface ObjectDatabase {
  readonly db: Database.Database;
  readonly getValue: Database.Statement<[string], Buffer | undefined>;
  readonly putValue: Database.Statement<[string, Buffer]>;
  readonly deleteValue: Database.Statement<[string]>;
  readonly deleteAllValues: Database.Statement<[]>;
  readonly getAlarm: Database.Statement<[], number | undefined>;
  readonly setAlarm: Database.Statement<[number]>;
  readonly deleteAlarm: Database.Statement<[]>;
  /** list() statements by shape (which bounds, order, limit), prepared on first use. */
  readonly listStatements: Map<string, Database.Statement<unknown[], [string, Buffer]>>;
}

const schema = `
  CREATE TABLE IF NOT EXISTS _cf_KV (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS _cf_METADATA (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
`;

export function openObjectDatabase(path: string, journalMode: JournalMode): ObjectDatabase {
  const db = new Database(path);
  try {
    db.pragma(`journal_mode = ${journalMode === "wal" ? "WAL" : "DELETE"}`);
    // NORMAL: a crash of the machine may lose the last commits but never corrupts the file,
    // which is the right trade for a learning playground (FULL costs an fsync per write).
    db.pragma("synchronous = NORMAL");
    // workerd's limits (a value or row over 2.2 MB is refused before SQLite allocates it), and a
    // page cache of 2 MiB instead of better-sqlite3's 16 MiB: up to openDatabasesMax databases
    // are open in one world process, and their caches are host memory.
    applySqliteLimits(db);
    db.pragma(`cache_size = -${pageCacheKiBMax}`);
    db.exec(schema);
    return {
      db,
      getValue: db.prepare<[string], Buffer>("SELECT value FROM _cf_KV WHERE key = ?").pluck(),
      putValue: db.prepare("INSERT INTO _cf_KV (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
      deleteValue: db.prepare("DELETE FROM _cf_KV WHERE key = ?"),
      deleteAllValues: db.prepare("DELETE FROM _cf_KV"),
      getAlarm: db.prepare<[], number>("SELECT value FROM _cf_METADATA WHERE key = 'alarm'").pluck(),
      setAlarm: db.prepare("INSERT INTO _cf_METADATA (key, value) VALUES ('alarm', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
      deleteAlarm: db.prepare("DELETE FROM _cf_METADATA WHERE key = 'alarm'"),
      listStatements: new Map(),
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Drops every table and view the learner created (deleteAll on a SQLite-backed object). */
export function dropUserSchema(db: Database.Database): void {
  const objects = db
    .prepare("SELECT type, name FROM sqlite_master WHERE type IN ('view', 'table') AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type DESC")
    .all() as { type: "view" | "table"; name: string }[];
  for (const { type, name } of objects) {
    db.exec(`DROP ${type === "view" ? "VIEW" : "TABLE"} IF EXISTS "${name.replaceAll('"', '""')}"`);
  }
}
