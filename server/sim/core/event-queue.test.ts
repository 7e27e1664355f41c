// The queue's run-order list, kept incrementally once asked for, equals a fresh sort of its live
// events after any mix of pushes, pops, cancellations and takes.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { EventQueue, type Scheduled } from "./event-queue.ts";
import { Prng } from "./prng.ts";

function reference(items: Scheduled<string>[]): number[] {
  return items.filter((i) => !i.cancelled).sort((a, b) => a.timeMs - b.timeMs || a.seq - b.seq).map((i) => i.seq);
}

test("list(limit) stays in run order through pushes, pops, cancels and takes", () => {
  const prng = new Prng(42);
  const queue = new EventQueue<string>();
  const all: Scheduled<string>[] = [];
  let now = 0;
  for (let op = 0; op < 20_000; op++) {
    const r = prng.nextInt(100) / 100;
    if (r < 0.45) all.push(queue.push(now + prng.nextInt(50), `e${op}`));
    else if (r < 0.75) now = queue.pop()?.timeMs ?? now;
    else if (r < 0.85 && all.length > 0) queue.cancel(all[prng.nextInt(all.length)]!);
    else if (r < 0.9) {
      const live = reference(all);
      if (live.length > 0) assert.ok(queue.take(live[prng.nextInt(live.length)]!));
    } else {
      const limit = 1 + prng.nextInt(30);
      assert.deepEqual(queue.list(limit).map((i) => i.seq), reference(all).slice(0, limit), `op ${op}`);
      assert.deepEqual(queue.list().map((i) => i.seq), reference(all), `op ${op}`);
    }
    assert.equal(queue.size, reference(all).length);
  }
});

test("pops follow the order list() shows", () => {
  const queue = new EventQueue<string>();
  for (const t of [5, 1, 5, 3, 1]) queue.push(t, `at ${t}`);
  const shown = queue.list().map((i) => i.seq);
  const popped: number[] = [];
  for (let item = queue.pop(); item; item = queue.pop()) popped.push(item.seq);
  assert.deepEqual(popped, shown);
  assert.deepEqual(shown, [2, 5, 4, 1, 3]);
});

test("a long run of pushes without a list still lists in run order", () => {
  const queue = new EventQueue<string>();
  const all: Scheduled<string>[] = [];
  for (let i = 0; i < 10; i++) all.push(queue.push(100 - i, `a${i}`));
  queue.list(3);
  for (let i = 0; i < 500; i++) all.push(queue.push((i * 37) % 101, `b${i}`));
  queue.pop();
  assert.deepEqual(queue.list(50).map((i) => i.seq), reference(all).slice(0, 50));
  all.push(queue.push(0, "c"));
  assert.deepEqual(queue.list().map((i) => i.seq), reference(all));
});
