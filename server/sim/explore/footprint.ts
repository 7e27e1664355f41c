// What a pending event touches, for partial-order reduction: two events commute when their
// footprints are disjoint (different isolates, objects, KV keys, clients). The static part comes
// from the event itself; what its delivery does (the KV keys it reads or writes, the objects it
// calls) is learned from the trace entries it produced the last time it ran, by its identity,
// which stays the same across runs. An event never seen run is taken to touch everything.

import type { TraceEntry } from "../core/trace.ts";
import type { SimEvent } from "../world/events.ts";
import type { Stepper } from "../world/stepping.ts";

export const everything = "*";

export interface PendingChoice {
  /** The queue's id (seq) of the event in this run: what `Stepper.stepChoose` takes. */
  eventId: number;
  /** A name of the event stable across runs of the same scenario. */
  identity: string;
  label: string;
  timeMs: number;
  reorderable: boolean;
  /** What the event itself names; the book adds what its delivery was seen to touch. */
  own: string[];
  event: SimEvent;
}

export function identityOf(event: SimEvent): string {
  switch (event.kind) {
    case "client_send":
      return event.attempt === undefined ? `client_send:${event.req}` : `client_send:${event.req}:${event.attempt}`;
    case "client_receive":
      return `${event.kind}:${event.req}`;
    case "pop_arrive":
      return `pop_arrive:${event.req}:${event.pop}`;
    case "isolate_reply":
      return `reply:${event.isolate}:${event.callId}`;
    case "timer_fire":
      return `timer:${event.isolate}:${event.timerId}`;
    case "object_arrive":
    case "object_take":
      return `${event.kind}:${event.object}:${event.doReq}`;
    case "kv_replicate":
      return `kv_replicate:${event.namespace}:${event.key}:${event.version}:${event.region}`;
    case "fault":
    case "fault_end":
      return `${event.kind}:${event.index}`;
    case "deploy":
      return `deploy:${event.deployment}:${event.step}`;
    case "object_idle":
    case "object_alarm":
      return `${event.kind}:${event.object}`;
    case "isolate_idle":
      return `isolate_idle:${event.isolate}`;
    case "health_check":
      return "health_check";
  }
}

export function staticFootprint(event: SimEvent): string[] {
  switch (event.kind) {
    case "client_send":
    case "client_receive":
      return [`req:${event.req}`];
    case "pop_arrive":
      return [`req:${event.req}`, `pop:${event.pop}`];
    case "isolate_reply":
    case "timer_fire":
    case "isolate_idle":
      return [`iso:${event.isolate}`];
    case "object_arrive":
    case "object_take":
    case "object_idle":
    case "object_alarm":
      return [`obj:${event.object}`];
    case "kv_replicate":
      return [`kv:${event.key}`];
    case "fault":
    case "fault_end":
    case "deploy":
    case "health_check":
      return [everything];
  }
}

/** The resources trace entries show an event's delivery touched. */
export function touchedBy(entries: readonly TraceEntry[]): string[] {
  const out = new Set<string>();
  for (const e of entries) {
    if (e.kind === "kv_read" || e.kind === "kv_write") out.add(`kv:${e.key}`);
    else if (e.kind === "do_enqueue" || e.kind === "do_dequeue" || e.kind === "do_storage") out.add(`obj:${e.object}`);
    else if (e.kind === "deliver" || e.kind === "isolate_start") out.add(`iso:${e.isolate}`);
    else if (e.kind === "route") out.add(`pop:${e.pop}`);
    else if (e.kind === "fault" || e.kind === "health" || e.kind === "deploy" || e.kind === "do_migrate") out.add(everything);
  }
  return [...out];
}

/** Footprints learned across the runs of one exploration, by identity. */
export class FootprintBook {
  private readonly learned = new Map<string, Set<string>>();

  /** Everything, for an event never seen run: it may touch anything. */
  footprint(identity: string): string[] {
    const seen = this.learned.get(identity);
    return seen ? [...seen] : [everything];
  }

  learn(identity: string, event: SimEvent, entries: readonly TraceEntry[]): void {
    let set = this.learned.get(identity);
    if (!set) this.learned.set(identity, (set = new Set(staticFootprint(event))));
    for (const r of touchedBy(entries)) set.add(r);
  }
}

export function dependent(a: readonly string[], b: readonly string[]): boolean {
  if (a.includes(everything) || b.includes(everything)) return true;
  return a.some((x) => b.includes(x));
}

/** The pending events of the stepper's world with identities and footprints (queue order). */
export function pendingChoices(stepper: Stepper): PendingChoice[] {
  const byId = new Map(stepper.world.state.queue.list().map((s) => [s.seq, s.event]));
  return stepper.pending().map((p) => {
    const event = byId.get(p.id)!;
    return { eventId: p.id, identity: identityOf(event), label: p.label, timeMs: p.timeMs, reorderable: p.reorderable, own: staticFootprint(event), event };
  });
}
