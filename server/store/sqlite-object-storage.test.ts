import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runStorageContract } from "../sim/durable-objects/storage-contract.ts";
import { SqliteStorageProvider } from "./sqlite-object-storage.ts";

const root = mkdtempSync(join(tmpdir(), "edge-playground-sqlite-"));
after(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;

function makeProvider(openDatabasesMax?: number) {
  const dir = join(root, `p${dirs++}`);
  const provider = new SqliteStorageProvider({ dir, ...(openDatabasesMax === undefined ? {} : { openDatabasesMax }) });
  return { provider, dir, cleanup: () => provider.closeAll() };
}

runStorageContract("sqlite", () => ({ ...makeProvider(), supportsSql: true }), { test, assert });

const id = (c: string) => c.repeat(64);

test("the pool keeps at most openDatabasesMax databases open and reopens evicted ones intact", () => {
  // Three objects with a pool of two: the least recently used closes; using its handle again
  // reopens it (a fourth open) with its data, and one file per object exists on disk.
  const { provider, dir, cleanup } = makeProvider(2);
  try {
    const a = provider.open(id("a"));
    assert.ok(a.put([["k", "A"]]).ok);
    assert.ok(provider.open(id("b")).put([["k", "B"]]).ok);
    assert.ok(provider.open(id("c")).put([["k", "C"]]).ok);
    assert.equal(provider.openDatabasesCount(), 2);
    assert.equal(provider.opensCount, 3);
    const got = a.get(["k"]);
    assert.ok(got.ok);
    assert.equal(got.value.get("k"), "A");
    assert.equal(provider.opensCount, 4);
    assert.equal(provider.openDatabasesCount(), 2);
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith(".sqlite")).sort(), [`${id("a")}.sqlite`, `${id("b")}.sqlite`, `${id("c")}.sqlite`]);
  } finally {
    cleanup();
  }
});

test("object ids that are not 64 lowercase hex characters are refused before touching the disk", () => {
  // The id becomes a file name, so a path like ../x must never get through.
  const { provider, cleanup } = makeProvider();
  try {
    assert.throws(() => provider.open("../etc/passwd"), /invalid object id/);
    assert.throws(() => provider.open(id("A")), /invalid object id/);
  } finally {
    cleanup();
  }
});

test("deleteAll also drops the learner's SQL tables and views, keeping the reserved ones usable", () => {
  // After deleteAll the table is gone (selecting from it fails) and the KV API still works.
  const { provider, cleanup } = makeProvider();
  try {
    const s = provider.open(id("d"));
    assert.ok(s.sql("CREATE TABLE t (x); CREATE VIEW v AS SELECT x FROM t; INSERT INTO t VALUES (1)", []).ok);
    assert.ok(s.deleteAll().ok);
    const gone = s.sql("SELECT x FROM t", []);
    assert.ok(!gone.ok && gone.error.code === "sql_error" && gone.error.message.includes("no such table"));
    assert.ok(s.put([["k", 1]]).ok);
  } finally {
    cleanup();
  }
});
