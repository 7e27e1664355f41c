// Checks lesson 12: when the owner region of an object fails, the object migrates to its backup
// region; the request running in it and those queued or in transit to it are answered 307 with
// a Location (the same URL) and a header naming the new owner; later requests are served by the
// new owner, from the same storage.

import { strict as assert } from "node:assert";
import { test } from "node:test";
import { objectIdFromName, ownerFor } from "../durable-objects/placement.ts";
import { ObjectsWorld } from "./objects-state.ts";
import { ownerHeader } from "./objects.ts";
import { counterWorker, fourRegions, worldOf } from "../testing/scenarios.ts";

const id = objectIdFromName("app:Counter", "global");
const owner = ownerFor(id, { ring: new ObjectsWorld(fourRegions).ring, healthy: new Set(fourRegions) })!.region;
const callers = fourRegions.filter((r) => r !== owner);
const slow = (atMs: number, from: string) => ({ atMs, from, method: "POST", url: "https://app.example.com/o/global/slow" });

test("an owner-region failure migrates the object and answers 307 to in-flight requests", () => {
  const result = worldOf({
    worker: counterWorker("do-counter"),
    traffic: [slow(0, callers[0]!), slow(0, callers[1]!), slow(0, callers[2]!), { atMs: 5_000, from: callers[0]!, method: "POST", url: "https://app.example.com/o/global" }],
    faults: [{ atMs: 300, kind: "region_down", region: owner }],
  }).run();
  const migrate = result.trace.find((e) => e.kind === "do_migrate");
  assert.ok(migrate && migrate.kind === "do_migrate" && migrate.from === owner && migrate.to !== owner);
  const newOwner = migrate.to;
  const first3 = result.responses.slice(0, 3);
  assert.deepEqual(first3.map((r) => r?.status), [307, 307, 307]);
  for (const r of first3) {
    assert.equal(r?.headers.location, "https://app.example.com/o/global/slow");
    assert.equal(r?.headers[ownerHeader], newOwner);
  }
  // The slow requests never stored anything; the retry after the move starts from storage.
  assert.equal(result.responses[3]?.status, 200);
  assert.equal(result.responses[3]?.body, "n=1 memory=1");
  assert.equal(result.trace.filter((e) => e.kind === "do_redirect").length, 3);
});
