// The event queue: a binary min-heap ordered by (timeMs, seq). `seq` is the insertion counter,
// so two events at one time run in the order they were scheduled: that is what makes a run
// repeatable. Cancellation is lazy (a flag checked on pop) so cancelling is O(1).

import { assert } from "./result.ts";
import { limits } from "./limits.ts";

export interface Scheduled<E> {
  readonly seq: number;
  readonly timeMs: number;
  readonly event: E;
  /** True once cancelled, run or taken: the event is no longer pending. */
  cancelled: boolean;
}

export class EventQueue<E> {
  private heap: Scheduled<E>[] = [];
  private nextSeq = 1;
  private live = 0;
  /**
   * Every event in run order, kept once `list` has been asked for (a live session asks after
   * every step): a push is inserted by binary search, and a run or cancelled event stays, flagged,
   * until a compaction, so a step costs a short move instead of sorting the whole queue. Many
   * pushes with no `list` between them (a run played at full speed) drop it: it is sorted again
   * when next asked for.
   */
  private ordered: Scheduled<E>[] | null = null;
  private pushesUnlisted = 0;

  get size(): number {
    return this.live;
  }

  push(timeMs: number, event: E): Scheduled<E> {
    assert(Number.isInteger(timeMs) && timeMs >= 0, `event time must be a non-negative integer, got ${timeMs}`);
    assert(this.live < limits.pendingEventsMax, "pendingEventsMax exceeded");
    const item: Scheduled<E> = { seq: this.nextSeq++, timeMs, event, cancelled: false };
    this.heap.push(item);
    this.live++;
    this.siftUp(this.heap.length - 1);
    if (this.ordered !== null && ++this.pushesUnlisted > orderedPushesUnlistedMax) this.ordered = null;
    if (this.ordered !== null) this.ordered.splice(upperBound(this.ordered, item), 0, item);
    return item;
  }

  cancel(item: Scheduled<E>): void {
    if (item.cancelled) return;
    item.cancelled = true;
    this.live--;
  }

  peek(): Scheduled<E> | null {
    this.dropCancelledHead();
    return this.heap[0] ?? null;
  }

  pop(): Scheduled<E> | null {
    this.dropCancelledHead();
    const top = this.heap[0];
    if (!top) return null;
    this.removeAt(0);
    this.settle(top);
    return top;
  }

  /** Removes one specific live event (used when a step chooses an event out of order). */
  take(seq: number): Scheduled<E> | null {
    const index = this.heap.findIndex((item) => item.seq === seq && !item.cancelled);
    if (index < 0) return null;
    const item = this.heap[index]!;
    this.removeAt(index);
    this.settle(item);
    return item;
  }

  /** Live events in run order; with `limit`, only the first ones. */
  list(limit = Infinity): Scheduled<E>[] {
    this.pushesUnlisted = 0;
    if (this.ordered === null || this.ordered.length > 2 * this.live + 64) this.ordered = this.heap.filter((item) => !item.cancelled).sort(compare);
    const out: Scheduled<E>[] = [];
    for (const item of this.ordered) {
      if (out.length >= limit) break;
      if (!item.cancelled) out.push(item);
    }
    return out;
  }

  /** A run or taken event is no longer live: cancelling it later (a stale handle) is a no-op. */
  private settle(item: Scheduled<E>): void {
    item.cancelled = true;
    this.live--;
  }

  private dropCancelledHead(): void {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.removeAt(0);
  }

  private removeAt(index: number): void {
    const last = this.heap.pop()!;
    if (index === this.heap.length) return;
    this.heap[index] = last;
    this.siftDown(index);
    this.siftUp(index);
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (compare(heap[index]!, heap[parent]!) >= 0) return;
      [heap[index], heap[parent]] = [heap[parent]!, heap[index]!];
      index = parent;
    }
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    for (;;) {
      const left = index * 2 + 1;
      const right = left + 1;
      let smallest = index;
      if (left < heap.length && compare(heap[left]!, heap[smallest]!) < 0) smallest = left;
      if (right < heap.length && compare(heap[right]!, heap[smallest]!) < 0) smallest = right;
      if (smallest === index) return;
      [heap[index], heap[smallest]] = [heap[smallest]!, heap[index]!];
      index = smallest;
    }
  }
}

function compare<E>(x: Scheduled<E>, y: Scheduled<E>): number {
  return x.timeMs - y.timeMs || x.seq - y.seq;
}

/** Pushes without a `list` after which the run-order list is no longer kept up to date. */
const orderedPushesUnlistedMax = 64;

/** The index before which `item` goes in `sorted`, after everything ordered before it. */
function upperBound<E>(sorted: Scheduled<E>[], item: Scheduled<E>): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (compare(sorted[mid]!, item) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}
