// The pending list a client shows is the first pendingEventsShownMax events of the world's queue
// in run order, (timeMs, id). A step changes it by an event or two, so after one full list only
// the change travels, from the world process to the gateway and on to the browser: the full
// list (about 20 KB for 200 events) was most of a step's bytes and most of the gateway's work
// per step. Types only are imported here, so the browser applies a change with this same code.
import type { PendingEventInfo } from "./server-messages.ts";

export interface PendingChange {
  /** Ids that left the shown list (run, cancelled, or pushed past its end). */
  removed: number[];
  /** Events that joined it (scheduled, or moved up into it). */
  added: PendingEventInfo[];
}

/** The world queue's order: time, then the order in which the events were scheduled. */
export function runOrder(a: PendingEventInfo, b: PendingEventInfo): number {
  return a.timeMs - b.timeMs || a.id - b.id;
}

function sameEvent(a: PendingEventInfo, b: PendingEventInfo): boolean {
  return a.timeMs === b.timeMs && a.kind === b.kind && a.label === b.label && a.reorderable === b.reorderable;
}

/** Both lists in run order: one walk along the two (the world hands out the same object for an unchanged event). */
export function diffPending(before: readonly PendingEventInfo[], after: readonly PendingEventInfo[]): PendingChange {
  const removed: number[] = [];
  const added: PendingEventInfo[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    const was = before[i];
    const is = after[j];
    const order = was === undefined ? 1 : is === undefined ? -1 : runOrder(was, is);
    if (order < 0) {
      removed.push(was!.id);
      i++;
    } else if (order > 0) {
      added.push(is!);
      j++;
    } else {
      // An event whose fields changed under the same id is sent again (removed, then added).
      if (was !== is && !sameEvent(was!, is!)) {
        removed.push(was!.id);
        added.push(is!);
      }
      i++;
      j++;
    }
  }
  return { removed, added };
}

/** `events` in run order, changed; the result is in run order too. */
export function applyPendingChange(events: readonly PendingEventInfo[], change: PendingChange): PendingEventInfo[] {
  const removed = new Set(change.removed);
  const kept = removed.size === 0 ? events : events.filter((e) => !removed.has(e.id));
  if (change.added.length === 0) return kept.slice();
  // Merge the few added events into the kept ones, which are in order already.
  const added = change.added.slice().sort(runOrder);
  const out: PendingEventInfo[] = [];
  let k = 0;
  for (const event of kept) {
    while (k < added.length && runOrder(added[k]!, event) < 0) out.push(added[k++]!);
    out.push(event);
  }
  while (k < added.length) out.push(added[k++]!);
  return out;
}
