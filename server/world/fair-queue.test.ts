// The fair queue serves the least recently busy session first, serves sessions of about equal use
// in arrival order, keeps each session's commands in order, forgets usage with time, and never
// drops a command.
import assert from "node:assert/strict";
import { test } from "node:test";
import { FairQueue, fairQueueLimits } from "./fair-queue.ts";

test("a light session's command goes before a line of a heavy session's commands", () => {
  let now = 0;
  const q = new FairQueue<{ sessionId: string | null; n: number }>(() => now);
  q.charge("heavy", 500);
  q.push({ sessionId: "heavy", n: 1 });
  q.push({ sessionId: "heavy", n: 2 });
  q.push({ sessionId: "light", n: 3 });
  q.push({ sessionId: null, n: 4 });
  assert.deepEqual([q.shift()!.n, q.shift()!.n, q.shift()!.n, q.shift()!.n], [4, 3, 1, 2]);
  assert.equal(q.shift(), undefined);
});

test("sessions within the slack of the least busy are served in arrival order", () => {
  let now = 0;
  const q = new FairQueue<{ sessionId: string | null; n: number }>(() => now);
  q.charge("a", 12);
  q.charge("b", 3);
  q.charge("c", 3 + 2 * fairQueueLimits.usageSlackMs);
  q.push({ sessionId: "c", n: 1 });
  q.push({ sessionId: "a", n: 2 });
  q.push({ sessionId: "b", n: 3 });
  q.push({ sessionId: "a", n: 4 });
  // a (12 ms) is within the slack of b (3 ms): a's first command arrived first, so it goes first;
  // c is beyond the slack of either, so it waits while a or b waits.
  assert.deepEqual([q.shift()!.n, q.shift()!.n, q.shift()!.n, q.shift()!.n], [2, 3, 4, 1]);
});

test("usage decays: after a few half-lives the heavy session is served in arrival order again", () => {
  let now = 0;
  const q = new FairQueue<{ sessionId: string | null; n: number }>(() => now);
  q.charge("a", 100);
  q.charge("b", 10);
  assert.ok(q.recentMs("a") > q.recentMs("b"));
  now += fairQueueLimits.usageHalfLifeMs;
  assert.ok(Math.abs(q.recentMs("a") - 50) < 1e-9, "halved after one half-life");
  now += fairQueueLimits.usageHalfLifeMs * 20;
  q.push({ sessionId: "a", n: 1 });
  q.push({ sessionId: "b", n: 2 });
  // Both are ~0 now; a tie keeps arrival order only if usages are equal, so compare to a fresh one.
  assert.ok(q.recentMs("a") < 0.01 && q.recentMs("b") < 0.01);
  assert.equal(q.drain().length, 2);
});
