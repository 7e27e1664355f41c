import { test } from "node:test";
import assert from "node:assert/strict";
import { MemoryStorageProvider, cloneValue } from "./memory-storage.ts";
import { runStorageContract } from "./storage-contract.ts";

runStorageContract("memory", () => ({ provider: new MemoryStorageProvider(), supportsSql: false }), { test, assert });

test("cloneValue keeps cycles and shared references, and refuses functions", () => {
  // A self-referencing object clones into a self-referencing copy; a function is an error.
  const node: { self?: unknown; list: number[] } = { list: [1] };
  node.self = node;
  const copy = cloneValue(node).value as typeof node;
  assert.notEqual(copy, node);
  assert.equal(copy.self, copy);
  assert.match(cloneValue({ f: () => 1 }).error ?? "", /function/);
});

test("memory providers keep each object's storage apart", () => {
  // Two ids, one key each: neither sees the other's.
  const provider = new MemoryStorageProvider();
  const a = provider.open("a".repeat(64));
  const b = provider.open("b".repeat(64));
  assert.ok(a.put([["k", "from a"]]).ok);
  const fromB = b.get(["k"]);
  assert.ok(fromB.ok && fromB.value.size === 0);
});
