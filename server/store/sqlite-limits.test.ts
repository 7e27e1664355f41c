// workerd's SQLite limits on a real object database (better-sqlite3 with the limits extension):
// each limit passes at its bound and fails one past it with SQLite's own words, and a SELECT of
// three 500 MB zeroblobs is refused before SQLite allocates them (the host's peak RSS moves by
// less than 100 MB; without the extension the host paid 4.4 GB for it).
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import type { ObjectStorage } from "../sim/durable-objects/storage-port.ts";
import { sqlResultBytesMax } from "./sql-exec.ts";
import { sqliteLimits } from "./sqlite-limits.ts";
import { SqliteStorageProvider } from "./sqlite-object-storage.ts";
import { storageResultBytesMax } from "./sqlite-object.ts";

const dir = mkdtempSync(join(tmpdir(), "edge-playground-sql-limits-"));
const provider = new SqliteStorageProvider({ dir });
after(() => {
  provider.closeAll();
  rmSync(dir, { recursive: true, force: true });
});
let objects = 0;
const fresh = (): ObjectStorage => provider.open((++objects).toString(16).padStart(64, "0"));

function ok(s: ObjectStorage, query: string, params: unknown[] = []) {
  const result = s.sql(query, params);
  assert.ok(result.ok, result.ok ? "" : `${query.slice(0, 60)}: ${result.error.message}`);
  return result.value;
}

function refused(s: ObjectStorage, query: string, params: unknown[], message: string | RegExp) {
  const result = s.sql(query, params);
  assert.ok(!result.ok, `${query.slice(0, 60)} should be refused`);
  if (typeof message === "string") assert.equal(result.error.message, message);
  else assert.match(result.error.message, message);
}

const peakRssMb = () => Number(readFileSync("/proc/self/status", "utf8").match(/VmHWM:\s+(\d+)/)![1]) / 1024;
const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");

test("a string, BLOB or row over lengthBytesMax (2,200,000 bytes) is SQLITE_TOOBIG, computed or bound", () => {
  const s = fresh();
  const max = sqliteLimits.lengthBytesMax;
  assert.deepEqual(ok(s, "SELECT length(zeroblob(?))", [max]).rows, [[max]]);
  refused(s, "SELECT zeroblob(?)", [max + 1], "string or blob too big: SQLITE_TOOBIG");
  refused(s, "SELECT randomblob(?)", [max + 1], "string or blob too big: SQLITE_TOOBIG");
  refused(s, "SELECT hex(zeroblob(1200000))", [], "string or blob too big: SQLITE_TOOBIG");
  assert.deepEqual(ok(s, "SELECT length(?)", ["x".repeat(max)]).rows, [[max]]);
  refused(s, "SELECT length(?)", ["x".repeat(max + 1)], "string or blob too big: SQLITE_TOOBIG");
  refused(s, "SELECT length(?)", [new Uint8Array(max + 1)], "string or blob too big: SQLITE_TOOBIG");
  // A row is one record: two values that fit alone do not fit together.
  ok(s, "CREATE TABLE t (a BLOB, b BLOB)");
  refused(s, "INSERT INTO t VALUES (zeroblob(1500000), zeroblob(1500000))", [], "string or blob too big: SQLITE_TOOBIG");
  assert.equal(ok(s, "INSERT INTO t VALUES (zeroblob(900000), zeroblob(900000))").rowsWritten, 1);
});

test("SELECT of three 500 MB zeroblobs is refused before SQLite allocates them", () => {
  const s = fresh();
  const before = peakRssMb();
  refused(s, "SELECT zeroblob(500000000), zeroblob(500000000), zeroblob(500000000)", [], "string or blob too big: SQLITE_TOOBIG");
  assert.ok(peakRssMb() - before < 100, `peak RSS grew by ${(peakRssMb() - before).toFixed(0)} MB`);
  assert.deepEqual(ok(s, "SELECT 1 AS one").rows, [[1]]);
});

test("statements, columns and bound parameters are bounded as on workerd, with SQLite's words", () => {
  const s = fresh();
  const { statementBytesMax, columnsMax, boundParametersMax } = sqliteLimits;
  ok(s, "SELECT 1" + " ".repeat(statementBytesMax - 8));
  refused(s, "SELECT 1" + " ".repeat(statementBytesMax - 7), [], "statement too long: SQLITE_TOOBIG");
  // The whole query counts, not each statement of it (workerd prepares the rest of the text).
  refused(s, "SELECT 1;" + " ".repeat(60_000) + "SELECT 2" + " ".repeat(60_000), [], "statement too long: SQLITE_TOOBIG");
  assert.equal(ok(s, `SELECT ${placeholders(boundParametersMax)}`, Array(boundParametersMax).fill(1)).rows[0]!.length, 100);
  refused(s, `SELECT ${placeholders(boundParametersMax + 1)}`, Array(boundParametersMax + 1).fill(1), "too many SQL variables: SQLITE_ERROR");
  refused(s, "SELECT ?101", Array(101).fill(1), "variable number must be between ?1 and ?100: SQLITE_ERROR");
  const columns = (n: number) => Array.from({ length: n }, (_, i) => `c${i} INTEGER`).join(", ");
  ok(s, `CREATE TABLE wide (${columns(columnsMax)})`);
  refused(s, `CREATE TABLE wider (${columns(columnsMax + 1)})`, [], "too many columns on wider: SQLITE_ERROR");
  refused(s, `SELECT ${Array.from({ length: columnsMax + 1 }, (_, i) => i).join(", ")}`, [], "too many columns in result set: SQLITE_ERROR");
});

test("a result over sqlResultBytesMax is refused while it is read, naming the limit; the database stays usable", () => {
  // 20 rows of 2 MB each: 40 MB of BLOBs, over the 32 MiB bound after 16 rows.
  const s = fresh();
  ok(s, "CREATE TABLE big (b BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20) INSERT INTO big SELECT zeroblob(2000000) FROM n");
  refused(s, "SELECT b FROM big", [], new RegExp(`sqlResultBytesMax \\(${sqlResultBytesMax} bytes\\)`));
  assert.deepEqual(ok(s, "SELECT count(*), length(b) FROM big").rows, [[20, 2_000_000]]);
});

test("get() and list() results over storageResultBytesMax fail naming the limit; paged reads work", () => {
  // 20 values of 2 MB: 40 MB in all, over the 32 MiB bound.
  const s = fresh();
  const keys = Array.from({ length: 20 }, (_, i) => `k${String(i).padStart(2, "0")}`);
  for (const key of keys) assert.ok(s.put([[key, new Uint8Array(2_000_000)]]).ok);
  const listed = s.list();
  assert.ok(!listed.ok && listed.error.message.includes(`storageResultBytesMax (${storageResultBytesMax} bytes)`));
  const got = s.get(keys);
  assert.ok(!got.ok && got.error.message.includes("storageResultBytesMax"));
  const page = s.list({ limit: 5 });
  assert.ok(page.ok && page.value.length === 5);
});
