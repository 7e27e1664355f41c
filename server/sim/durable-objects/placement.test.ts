import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { backupFor, createRing, isValidObjectId, objectIdFromName, objectIdUnique, ownerFor } from "./placement.ts";

const regions4 = ["us-west", "us-east", "eu-west", "ap-south"];
const all = (regions: string[]) => new Set(regions);

function ids(count: number): string[] {
  return Array.from({ length: count }, (_, i) => objectIdFromName("Counter", `room-${i}`));
}

test("idFromName is a deterministic SHA-256 hex id, distinct per namespace and from unique ids", () => {
  // Same inputs give the same id; namespace matters; the id is the SHA-256 of the tagged input.
  const id = objectIdFromName("Counter", "room-1");
  assert.ok(isValidObjectId(id));
  assert.equal(id, createHash("sha256").update("name\0Counter\0room-1").digest("hex"));
  assert.equal(objectIdFromName("Counter", "room-1"), id);
  assert.notEqual(objectIdFromName("Chat", "room-1"), id);
  const unique = objectIdUnique("Counter", [1, 2, 3, 4]);
  assert.ok(isValidObjectId(unique));
  assert.notEqual(unique, objectIdUnique("Counter", [1, 2, 3, 5]));
  assert.throws(() => objectIdUnique("Counter", [1, 2]), /at least 4/);
  assert.ok(!isValidObjectId(id.toUpperCase()) && !isValidObjectId(id.slice(1)) && !isValidObjectId("../x"));
});

test("the ring spreads objects over every region and a healthy hint wins", () => {
  // 4000 ids over 4 regions: each gets 10%..40%; a hint overrides only while its region is healthy.
  const ring = createRing(regions4);
  const counts = new Map<string, number>();
  for (const id of ids(4000)) {
    const owner = ownerFor(id, { ring, healthy: all(regions4) })!;
    counts.set(owner.region, (counts.get(owner.region) ?? 0) + 1);
  }
  for (const region of regions4) assert.ok((counts.get(region) ?? 0) > 400 && counts.get(region)! < 1600, `${region}: ${counts.get(region)}`);

  const id = ids(1)[0]!;
  const natural = ownerFor(id, { ring, healthy: all(regions4) })!.region;
  const other = regions4.find((r) => r !== natural)!;
  assert.deepEqual(ownerFor(id, { ring, healthy: all(regions4), hint: other }), { region: other, via: "hint", skipped: [] });
  const withoutOther = all(regions4.filter((r) => r !== other));
  assert.equal(ownerFor(id, { ring, healthy: withoutOther, hint: other })!.via, "ring");
  assert.equal(ownerFor(id, { ring, healthy: all(regions4), hint: "mars" })!.region, natural);
});

test("backupFor moves only the failed region's objects, to a healthy region, reporting the skip", () => {
  // For every object owned by the failed region the backup differs and lists it as skipped;
  // objects of other regions keep their owner. No healthy region at all gives null.
  const ring = createRing(regions4);
  const failed = "eu-west";
  for (const id of ids(500)) {
    const owner = ownerFor(id, { ring, healthy: all(regions4) })!;
    const backup = backupFor(id, failed, { ring, healthy: all(regions4) })!;
    if (owner.region === failed) {
      assert.notEqual(backup.region, failed);
      assert.deepEqual(backup.skipped, [failed]);
    } else assert.equal(backup.region, owner.region);
  }
  assert.equal(ownerFor(ids(1)[0]!, { ring, healthy: new Set() }), null);
});

test("adding a fifth region moves about a fifth of the objects, all onto the new region", () => {
  // 10000 ids, 4 → 5 regions: between 10% and 30% move, and every move goes to the new region.
  const before = createRing(regions4);
  const regions5 = [...regions4, "sa-east"];
  const after = createRing(regions5);
  let moved = 0;
  for (const id of ids(10_000)) {
    const from = ownerFor(id, { ring: before, healthy: all(regions4) })!.region;
    const to = ownerFor(id, { ring: after, healthy: all(regions5) })!.region;
    if (from === to) continue;
    moved++;
    assert.equal(to, "sa-east", `moved between old regions: ${from} → ${to}`);
  }
  assert.ok(moved > 1_000 && moved < 3_000, `moved ${moved}`);
});

test("the ring does not depend on the order regions are listed in", () => {
  // Same regions, reversed: the same owner for every id.
  const a = createRing(regions4);
  const b = createRing([...regions4].reverse());
  for (const id of ids(300)) {
    assert.equal(ownerFor(id, { ring: a, healthy: all(regions4) })!.region, ownerFor(id, { ring: b, healthy: all(regions4) })!.region);
  }
});
