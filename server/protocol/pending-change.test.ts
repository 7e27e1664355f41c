// A pending list rebuilt from changes equals the world's own list at every step of a real run,
// with a window small enough that events move into and out of it.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { counterWorker, fourRegions, worldOf } from "../sim/testing/scenarios.ts";
import { applyPendingChange, diffPending } from "./pending-change.ts";
import type { PendingEventInfo } from "./server-messages.ts";

test("applying each step's change rebuilds the world's shown pending list", () => {
  const traffic = fourRegions.flatMap((from, i) => [0, 40, 40].map((atMs) => ({ atMs: atMs + i, from, method: "POST", url: "https://app.example.com/inc" })));
  const world = worldOf({ worker: counterWorker("kv-counter"), traffic });
  const windowSize = 5;
  let shown: PendingEventInfo[] = [];
  let sent = 0;
  let steps = 0;
  let crossings = 0;
  do {
    const now = world.pending(windowSize);
    const change = diffPending(shown, now);
    sent += change.added.length;
    if (change.added.some((e) => e.id < Math.max(0, ...shown.map((s) => s.id)))) crossings++;
    shown = applyPendingChange(shown, change);
    assert.deepEqual(shown, now, `step ${steps}`);
  } while (world.step() && ++steps < 2_000);
  assert.ok(steps > 50, `a real run (${steps} steps)`);
  assert.ok(crossings > 0, "some events moved up into the window from beyond it");
  assert.ok(sent < steps * 3, `changes are small: ${sent} events sent over ${steps} steps`);
});

test("an event whose fields changed under its id is sent again", () => {
  const a = { id: 1, timeMs: 5, kind: "x", label: "a", reorderable: false };
  const change = diffPending([a], [{ ...a, reorderable: true }]);
  assert.deepEqual(change, { removed: [1], added: [{ ...a, reorderable: true }] });
  assert.deepEqual(applyPendingChange([a], change), [{ ...a, reorderable: true }]);
});

test("a change keeps run order: time, then scheduling order", () => {
  const e = (id: number, timeMs: number) => ({ id, timeMs, kind: "x", label: String(id), reorderable: true });
  const out = applyPendingChange([e(1, 10), e(2, 20)], { removed: [1], added: [e(5, 10), e(3, 20)] });
  assert.deepEqual(out.map((x) => x.id), [5, 2, 3]);
});
