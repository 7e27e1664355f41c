import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BeaconWriter, readBeacon } from "./beacon.ts";
import { flushBeaconOnEntry } from "./beacon-isolates.ts";
import type { IsolateFactory, IsolateHandle } from "../sim/isolate-port.ts";

function withBeacon(run: (beacon: BeaconWriter, path: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), "beacon-"));
  const path = join(dir, "beacon.txt");
  const beacon = new BeaconWriter(path);
  try {
    run(beacon, path);
  } finally {
    beacon.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test("a noted record is written only when flushed, and mark writes at once", () => {
  withBeacon((beacon, path) => {
    beacon.mark({ sessionId: "s1", step: 3, eventId: 7 });
    assert.deepEqual(readBeacon(path), { sessionId: "s1", step: 3, eventId: 7, inSql: false });
    beacon.note({ step: 4, eventId: 9 });
    assert.equal(readBeacon(path)?.eventId, 7, "noting does not write");
    beacon.flush();
    assert.deepEqual(readBeacon(path), { sessionId: "s1", step: 4, eventId: 9, inSql: false });
  });
});

test("the beacon is written before a worker loads and before each delivery, with the event noted last", () => {
  withBeacon((beacon, path) => {
    const seen: (number | undefined)[] = [];
    const handle: IsolateHandle = {
      alive: true,
      deliver: () => {
        seen.push(readBeacon(path)?.eventId);
        return { ops: [], end: null, measured: { cpuMs: 0, wallMs: 0 } };
      },
      stats: () => ({ heapUsedBytes: 0, heapTotalBytes: 0, cpuMs: 0 }),
      dispose: () => {},
    };
    const factory: IsolateFactory = {
      load: () => {
        seen.push(readBeacon(path)?.eventId);
        return { ok: true, isolate: handle, coldStart: { phases: { createIsolateMs: 0, loadCodeMs: 0, bindingsMs: 0, moduleInitMs: 0 }, fromPool: true, codeCache: "off" }, logs: [] };
      },
    };
    const flushing = flushBeaconOnEntry(factory, beacon);
    beacon.mark({ sessionId: "s1", step: 0, eventId: -1 });
    beacon.note({ step: 0, eventId: 1 });
    const loaded = flushing.load({ name: "w", version: "v1", code: "", bindings: {} }, { seed: 1, nowMs: 0, sync: () => ({ ok: true, value: null }) });
    assert.ok(loaded.ok);
    beacon.note({ step: 1, eventId: 2 });
    loaded.isolate.deliver({ kind: "timer", timerId: 1 }, 0);
    beacon.note({ step: 2, eventId: 5 });
    loaded.isolate.deliver({ kind: "timer", timerId: 2 }, 0);
    assert.deepEqual(seen, [1, 2, 5]);
  });
});
