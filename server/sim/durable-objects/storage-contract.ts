// The contract every `ObjectStorage` implementation must pass (tldraw-style shared suite).
// Called from memory-storage.test.ts and server/store/sqlite-object-storage.test.ts.
//
// This file is type-checked with the pure sim config (no Node types), so the test runner and
// assertions are passed in: `runStorageContract("memory", make, { test, assert })` with node:test
// and node:assert/strict.

import type { ObjectStorage, ObjectStorageProvider, StorageResult } from "./storage-port.ts";

export interface ContractAssert {
  ok(value: unknown, message?: string): asserts value;
  equal(actual: unknown, expected: unknown, message?: string): void;
  deepEqual(actual: unknown, expected: unknown, message?: string): void;
  match(actual: string, pattern: RegExp, message?: string): void;
}

export interface ContractHarness {
  test: (name: string, fn: () => void) => unknown;
  assert: ContractAssert;
}

export interface ContractSubject {
  provider: ObjectStorageProvider;
  /** SQLite answers SQL; the memory implementation must answer `sql_unsupported`. */
  supportsSql: boolean;
  cleanup?: () => void;
}

const objectId = "a".repeat(64);

export function runStorageContract(name: string, make: () => ContractSubject, harness: ContractHarness): void {
  const test = harness.test;
  // Annotated so TypeScript accepts `assert.ok` as an assertion function.
  const assert: ContractAssert = harness.assert;
  const withStorage = (fn: (storage: ObjectStorage, subject: ContractSubject) => void) => () => {
    const subject = make();
    try {
      fn(subject.provider.open(objectId), subject);
    } finally {
      subject.cleanup?.();
    }
  };
  const value = <T>(result: StorageResult<T>): T => {
    assert.ok(result.ok, result.ok ? "" : `${result.error.code}: ${result.error.message}`);
    return result.value;
  };
  const failure = (result: StorageResult<unknown>, code: string, ...mentions: string[]) => {
    assert.ok(!result.ok, `expected ${code}`);
    assert.equal(result.error.code, code);
    for (const text of mentions) assert.ok(result.error.message.includes(text), `"${result.error.message}" lacks "${text}"`);
  };

  test(`${name}: get returns stored values (structured clones) and leaves absent keys out`, withStorage((s) => {
    // Objects, Maps, Dates, bytes and undefined round-trip; mutating either side's copy changes nothing.
    const storedDate = Reflect.construct(Date, [5]) as Date; // a stored value, not a clock reading
    const stored = { n: 1, nested: { list: [1, "two", null] }, when: storedDate, map: new Map([["k", 1]]), bytes: new Uint8Array([1, 2]) };
    value(s.put([["obj", stored], ["undef", undefined], ["num", 42]]));
    stored.nested.list.push(4);
    const got = value(s.get(["obj", "missing", "num", "undef"]));
    assert.deepEqual([...got.keys()], ["obj", "num", "undef"]);
    assert.deepEqual(got.get("obj"), { n: 1, nested: { list: [1, "two", null] }, when: storedDate, map: new Map([["k", 1]]), bytes: new Uint8Array([1, 2]) });
    (got.get("obj") as { n: number }).n = 99;
    assert.equal((value(s.get(["obj"])).get("obj") as { n: number }).n, 1);
  }));

  test(`${name}: delete counts the keys that existed`, withStorage((s) => {
    // Two of three keys exist: count 2, and they are gone afterwards.
    value(s.put([["a", 1], ["b", 2]]));
    assert.equal(value(s.delete(["a", "b", "c"])), 2);
    assert.equal(value(s.get(["a", "b"])).size, 0);
  }));

  test(`${name}: list orders keys by UTF-8 bytes and honours start, startAfter, end, prefix, reverse, limit`, withStorage((s) => {
    // U+FFFD sorts before U+1D11E in UTF-8 (not in UTF-16); reverse with limit takes the last keys.
    value(s.put(["b", "a", "\ufffd", "𝄞", "ab", "", "b1", "b2"].map((k) => [k, k.length] as [string, unknown])));
    const names = (options: Parameters<ObjectStorage["list"]>[0]) => value(s.list(options)).map(([k]) => k);
    assert.deepEqual(names({}), ["", "a", "ab", "b", "b1", "b2", "\ufffd", "𝄞"]);
    assert.deepEqual(names({ start: "ab", end: "b2" }), ["ab", "b", "b1"]);
    assert.deepEqual(names({ startAfter: "ab", limit: 2 }), ["b", "b1"]);
    assert.deepEqual(names({ prefix: "b" }), ["b", "b1", "b2"]);
    assert.deepEqual(names({ reverse: true, limit: 3 }), ["𝄞", "\ufffd", "b2"]);
    assert.deepEqual(names({ prefix: "b", reverse: true, limit: 2 }), ["b2", "b1"]);
    assert.deepEqual(value(s.list({ prefix: "ab" })), [["ab", 2]]);
    failure(s.list({ start: "a", startAfter: "a" }), "invalid_argument", "start", "startAfter");
    failure(s.list({ limit: 0 }), "invalid_argument", "limit");
  }));

  test(`${name}: a failing op in a transaction leaves nothing of the batch applied`, withStorage((s) => {
    // put, delete and setAlarm succeed, then a too-long key fails: all three are undone.
    value(s.put([["keep", "old"]]));
    const failed = s.transaction([
      { type: "put", entries: [["new", 1], ["keep", "changed"]] },
      { type: "delete", keys: ["keep"] },
      { type: "setAlarm", scheduledMs: 9_000 },
      { type: "put", entries: [["k".repeat(2_200_001), 1]] },
    ]);
    failure(failed, "key_too_long", "op 3", "SQLITE_TOOBIG");
    assert.deepEqual([...value(s.get(["keep", "new"]))], [["keep", "old"]]);
    assert.equal(s.getAlarm(), null);
    const results = value(s.transaction([
      { type: "put", entries: [["x", 1]] },
      { type: "get", keys: ["x", "keep"] },
      { type: "delete", keys: ["keep"] },
      { type: "list", options: {} },
    ]));
    assert.deepEqual(results, [undefined, new Map<string, unknown>([["x", 1], ["keep", "old"]]), 1, [["x", 1]]]);
  }));

  test(`${name}: alarms can be set, read, replaced and deleted; deleteAll clears them with the data`, withStorage((s) => {
    // A bad time is refused; deleteAll removes keys and the alarm (platform behaviour since 2026-02-24).
    assert.equal(s.getAlarm(), null);
    value(s.setAlarm(5_000));
    value(s.setAlarm(7_000));
    assert.equal(s.getAlarm(), 7_000);
    failure(s.setAlarm(Number.NaN), "invalid_argument", "setAlarm");
    s.deleteAlarm();
    assert.equal(s.getAlarm(), null);
    value(s.setAlarm(1_000));
    value(s.put([["a", 1]]));
    value(s.deleteAll());
    assert.deepEqual([s.getAlarm(), value(s.list()).length], [null, 0]);
  }));

  test(`${name}: limits on row size (key and value) and keys per call are enforced and quoted`, withStorage((s) => {
    // Each limit passes at its boundary and fails one past it.
    const many = (n: number) => Array.from({ length: n }, (_, i) => `k${i}`);
    // No key limit of its own on a SQLite-backed object: a key is bounded with its value, as a row.
    value(s.put([["k".repeat(10_000), 1]]));
    failure(s.put([["k".repeat(2_200_001), 1]]), "key_too_long", "string or blob too big: SQLITE_TOOBIG");
    failure(s.get(["€".repeat(733_334)]), "key_too_long", "SQLITE_TOOBIG");
    // A key and its value are one row: workerd's SQLite refuses a row over 2,200,000 bytes.
    value(s.put([["big", "x".repeat(2_100_000)]]));
    failure(s.put([["huge", "x".repeat(2_200_001)]]), "value_too_large", "string or blob too big: SQLITE_TOOBIG");
    failure(s.put([["k".repeat(2000), "x".repeat(2_198_500)]]), "value_too_large", "SQLITE_TOOBIG");
    assert.equal(value(s.get(["huge"])).size, 0);
    value(s.put(many(128).map((k) => [k, 1] as [string, unknown])));
    failure(s.put(many(129).map((k) => [k, 1] as [string, unknown])), "too_many_keys", "128");
    assert.equal(value(s.get(many(128))).size, 128);
    failure(s.get(many(129)), "too_many_keys", "128");
    failure(s.delete(many(129)), "too_many_keys", "128");
    failure(s.put([["fn", () => 1]]), "not_serializable", "fn");
  }));

  test(`${name}: data survives closing and reopening the object`, withStorage((s, subject) => {
    // Keys and the alarm written before close are read back through a fresh handle.
    value(s.put([["a", { deep: [1, 2] }]]));
    value(s.setAlarm(4_000));
    subject.provider.close(objectId);
    const reopened = subject.provider.open(objectId);
    assert.deepEqual(value(reopened.get(["a"])).get("a"), { deep: [1, 2] });
    assert.equal(reopened.getAlarm(), 4_000);
  }));

  test(`${name}: SQL runs create, insert with params and select, or is refused as unsupported`, withStorage((s, subject) => {
    // With SQL: rowsWritten counts inserted rows, params bind, rows come back as arrays; the
    // reserved _cf_ tables and PRAGMA are refused. Without: every query is sql_unsupported.
    if (!subject.supportsSql) {
      failure(s.sql("SELECT 1", []), "sql_unsupported");
      return;
    }
    assert.equal(value(s.sql("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)", [])).rowsWritten, 0);
    assert.equal(value(s.sql("INSERT INTO t (name) VALUES (?), (?)", ["ada", "grace"])).rowsWritten, 2);
    const selected = value(s.sql("SELECT id, name FROM t WHERE name = ?", ["grace"]));
    assert.deepEqual([selected.columns, selected.rows, selected.rowsWritten], [["id", "name"], [[2, "grace"]], 0]);
    failure(s.sql("SELECT * FROM _cf_KV", []), "sql_forbidden", "_cf_");
    failure(s.sql("PRAGMA journal_mode", []), "sql_forbidden", "PRAGMA");
  }));
}
