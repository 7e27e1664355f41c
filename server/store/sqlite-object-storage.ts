// Durable Object storage on better-sqlite3: one database file per object, `<dir>/<objectId>.sqlite`,
// behind a bounded pool of open handles. Each open database costs file descriptors and memory,
// so at most `openDatabasesMax` stay open; opening one more closes the least recently used.
// Reopening costs about 0.3 ms and loses nothing (sqlite-storage.bench.ts measures it).
//
// This folder is the only importer of better-sqlite3 in the repository.

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { ObjectStorage, ObjectStorageProvider } from "../sim/durable-objects/storage-port.ts";
import { isValidObjectId } from "../sim/durable-objects/placement.ts";
import { openObjectDatabase, type JournalMode, type ObjectDatabase } from "./object-database.ts";
import { SqliteObjectStorage } from "./sqlite-object.ts";

export const openDatabasesMaxDefault = 64;

export interface SqliteStorageOptions {
  /** Directory for the database files; created if missing. */
  dir: string;
  openDatabasesMax?: number;
  /**
   * "wal" (the default): a put costs about 17 µs, because a commit appends to the log instead
   * of syncing the database (about 750 µs per put in "delete" mode, measured by
   * sqlite-storage.bench.ts). The price: closing checkpoints the log (about 0.6 ms) and an open
   * database holds three files (-wal, -shm) instead of one.
   */
  journalMode?: JournalMode;
}

export class SqliteStorageProvider implements ObjectStorageProvider {
  private readonly dir: string;
  private readonly openDatabasesMax: number;
  private readonly journalMode: JournalMode;
  /** Open databases in least-recently-used-first order (a Map keeps insertion order). */
  private readonly open_ = new Map<string, ObjectDatabase>();
  private readonly handles = new Map<string, SqliteObjectStorage>();
  /** How many databases were opened, reopens included (for tests and stats). */
  opensCount = 0;

  constructor(options: SqliteStorageOptions) {
    this.dir = options.dir;
    this.openDatabasesMax = options.openDatabasesMax ?? openDatabasesMaxDefault;
    this.journalMode = options.journalMode ?? "wal";
    if (!(Number.isInteger(this.openDatabasesMax) && this.openDatabasesMax >= 1)) {
      throw new Error(`SqliteStorageProvider: openDatabasesMax must be a positive integer, got ${this.openDatabasesMax}`);
    }
    mkdirSync(this.dir, { recursive: true });
  }

  open(objectId: string): ObjectStorage {
    // The id becomes a file name: only the 64-hex ids placement.ts makes are accepted.
    if (!isValidObjectId(objectId)) throw new Error(`SqliteStorageProvider: invalid object id "${objectId}"`);
    let handle = this.handles.get(objectId);
    if (handle === undefined) {
      handle = new SqliteObjectStorage(() => this.acquire(objectId));
      this.handles.set(objectId, handle);
    }
    // The database opens on the first storage call: an object that never touches its storage
    // (a fan-out through a thousand objects) costs no file and no SQLite open (about 9 ms each).
    return handle;
  }

  /** Closes the object's database (on eviction); a handle still held reopens it if used again. */
  close(objectId: string): void {
    this.handles.delete(objectId);
    this.closeDatabase(objectId);
  }

  closeAll(): void {
    for (const objectId of [...this.open_.keys()]) this.close(objectId);
    this.handles.clear();
  }

  openDatabasesCount(): number {
    return this.open_.size;
  }

  private closeDatabase(objectId: string): void {
    const database = this.open_.get(objectId);
    if (database === undefined) return;
    this.open_.delete(objectId);
    database.db.close();
  }

  private acquire(objectId: string): ObjectDatabase {
    const database = this.open_.get(objectId);
    if (database !== undefined) {
      this.open_.delete(objectId);
      this.open_.set(objectId, database);
      return database;
    }
    while (this.open_.size >= this.openDatabasesMax) {
      const leastRecent = this.open_.keys().next().value as string;
      this.closeDatabase(leastRecent);
    }
    const opened = openObjectDatabase(join(this.dir, `${objectId}.sqlite`), this.journalMode);
    this.opensCount++;
    this.open_.set(objectId, opened);
    return opened;
  }
}
