import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ObjectStorage } from "../sim/durable-objects/storage-port.ts";
import { SqliteStorageProvider } from "./sqlite-object-storage.ts";
import { sqlStatementMsMax } from "./sqlite-limits.ts";

const dir = mkdtempSync(join(tmpdir(), "edge-playground-sql-"));
const provider = new SqliteStorageProvider({ dir });
after(() => {
  provider.closeAll();
  rmSync(dir, { recursive: true, force: true });
});
let objects = 0;
const fresh = (): ObjectStorage => provider.open((objects++).toString(16).padStart(64, "0"));

function rows(s: ObjectStorage, query: string, params: unknown[] = []) {
  const result = s.sql(query, params);
  assert.ok(result.ok, result.ok ? "" : result.error.message);
  return result.value;
}

function refused(s: ObjectStorage, query: string, code: string, mention: string, params: unknown[] = []) {
  const result = s.sql(query, params);
  assert.ok(!result.ok, `${query} should be refused`);
  assert.equal(result.error.code, code, result.error.message);
  assert.ok(result.error.message.includes(mention), `"${result.error.message}" lacks "${mention}"`);
}

test("several statements run in order and return the last one's rows; ';' in strings and comments does not split", () => {
  // The INSERT's literal and the comment contain ';'; rowsWritten counts the insert.
  const s = fresh();
  const result = rows(s, "CREATE TABLE t (v TEXT); -- a; comment\nINSERT INTO t VALUES ('a;b') ; /* ; */ SELECT v FROM t ORDER BY v");
  assert.deepEqual([result.columns, result.rows, result.rowsWritten], [["v"], [["a;b"]], 1]);
});

test("a placeholder in a statement before the last gets no binding and fails", () => {
  // Parameters bind to the last statement only; SQLite reports the missing value.
  const s = fresh();
  rows(s, "CREATE TABLE t (v TEXT)");
  const result = s.sql("INSERT INTO t VALUES (?); SELECT 1", ["x"]);
  assert.ok(!result.ok && result.error.code === "sql_error");
  assert.deepEqual(rows(s, "SELECT count(*) FROM t").rows, [[0]]);
});

test("parameters bind to the last statement; blobs round-trip as Uint8Array; booleans are refused", () => {
  // A Uint8Array goes in as a BLOB and comes out equal; `true` is an invalid binding naming its index.
  const s = fresh();
  rows(s, "CREATE TABLE b (id INTEGER, data BLOB, note TEXT)");
  const inserted = rows(s, "INSERT INTO b VALUES (?, ?, ?) RETURNING id", [7, new Uint8Array([1, 2, 255]), null]);
  assert.deepEqual([inserted.rows, inserted.rowsWritten], [[[7]], 1]);
  const back = rows(s, "SELECT data, note FROM b WHERE id = ?", [7]);
  assert.deepEqual(back.rows, [[new Uint8Array([1, 2, 255]), null]]);
  assert.ok(!Buffer.isBuffer(back.rows[0]![0]));
  refused(s, "SELECT ?", "sql_invalid_binding", "Binding 0 is a boolean", [true]);
  refused(s, "SELECT ?", "sql_invalid_binding", "undefined", [undefined]);
});

test("a failing statement rolls back the statements before it in the same query", () => {
  // The INSERT succeeds, the next statement fails: the table stays empty.
  const s = fresh();
  rows(s, "CREATE TABLE t (v INTEGER)");
  refused(s, "INSERT INTO t VALUES (1); INSERT INTO missing VALUES (2)", "sql_error", "no such table");
  assert.deepEqual(rows(s, "SELECT count(*) AS n FROM t").rows, [[0]]);
});

test("a trigger body with ';' stays one statement", () => {
  // CREATE TRIGGER … BEGIN …; …; END is split only after END; the trigger then fires.
  const s = fresh();
  rows(s, "CREATE TABLE t (v INTEGER); CREATE TABLE log (v INTEGER);" +
    "CREATE TRIGGER t_log AFTER INSERT ON t BEGIN INSERT INTO log VALUES (new.v); INSERT INTO log VALUES (CASE WHEN new.v > 1 THEN 1 ELSE 0 END); END;");
  const inserted = rows(s, "INSERT INTO t VALUES (5)");
  assert.equal(inserted.rowsWritten, 3);
  assert.deepEqual(rows(s, "SELECT v FROM log ORDER BY rowid").rows, [[5], [1]]);
});

test("reserved tables, ATTACH, VACUUM, transactions and unsafe PRAGMAs are refused; table_info is allowed", () => {
  // Each refusal is sql_forbidden and names what was refused; nothing reaches SQLite.
  const s = fresh();
  refused(s, "SELECT * FROM _cf_KV", "sql_forbidden", "_CF_KV");
  refused(s, 'DELETE FROM "_cf_METADATA"', "sql_forbidden", "_cf_METADATA");
  refused(s, "SELECT * FROM '_cf_KV'", "sql_forbidden", "_cf_KV");
  refused(s, "CREATE TABLE ok (x); DROP TABLE main._Cf_kv", "sql_forbidden", "_CF_KV");
  refused(s, "ATTACH DATABASE 'other.db' AS other", "sql_forbidden", "ATTACH");
  refused(s, "VACUUM", "sql_forbidden", "VACUUM");
  refused(s, "BEGIN TRANSACTION", "sql_forbidden", "ctx.storage.transaction()");
  refused(s, "SAVEPOINT x", "sql_forbidden", "ctx.storage.transaction()");
  refused(s, "PRAGMA journal_mode = OFF", "sql_forbidden", "PRAGMA journal_mode");
  assert.deepEqual(rows(s, "SELECT count(*) FROM sqlite_master WHERE name = 'ok'").rows, [[0]]);
  rows(s, "CREATE TABLE t (a INTEGER, b TEXT)");
  assert.deepEqual(rows(s, "PRAGMA table_info(t)").rows.map((r) => r[1]), ["a", "b"]);
  assert.deepEqual(rows(s, "SELECT 'data with _cf_ inside' AS s").rows, [["data with _cf_ inside"]]);
  assert.deepEqual(rows(s, "SELECT ? AS s", ["_cf_KV as a bound value"]).rows, [["_cf_KV as a bound value"]]);
});

test("syntax errors and empty queries are sql_error values, not exceptions", () => {
  // SQLite's message comes through with its code.
  const s = fresh();
  refused(s, "SELEC 1", "sql_error", "syntax error");
  refused(s, "  -- nothing\n ; ", "sql_error", "empty");
});

test("an endless query is interrupted past sqlStatementMsMax; the connection and later queries go on", () => {
  const s = fresh();
  const startedMs = performance.now();
  refused(s, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c", "sql_interrupted", "sqlStatementMsMax");
  const elapsedMs = performance.now() - startedMs;
  // Interrupted, not run to the end: this query never ends by itself.
  assert.ok(elapsedMs >= sqlStatementMsMax, `interrupted after ${elapsedMs.toFixed(0)} ms`);
  // The failed query rolled back; the next one, and one that takes a while but less than the bound, run.
  assert.equal(rows(s, "SELECT 41 + 1 AS n").rows[0]![0], 42);
  assert.equal(rows(s, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 200000) SELECT count(*) FROM c").rows[0]![0], 200000);
});

test("a query that finished never leaves its deadline armed for the next one", async () => {
  const s = fresh();
  rows(s, "SELECT 1");
  await new Promise((resolve) => setTimeout(resolve, sqlStatementMsMax + 100));
  assert.equal(rows(s, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 1000) SELECT count(*) FROM c").rows[0]![0], 1000);
});

test("learner SQL cannot call the host's deadline function", () => {
  refused(fresh(), "SELECT edge_playground_deadline(0)", "sql_forbidden", "no such function: edge_playground_deadline");
});
