// What a handler causes, as a value: trace entries to append, events to schedule (or cancel) on
// the queue, and events that happen at the same virtual instant in another concern. A handler
// builds one `Effects` and returns it; only the dispatcher applies it, in order, running each
// same-instant event (and what it causes) where it stands in the list. So a handler never calls
// another concern, and the host's stack stays flat however deep the learner's code recurses.

import type { Scheduled } from "../core/event-queue.ts";
import type { TraceEntry } from "../core/trace.ts";
import type { InstantEvent, SimEvent } from "./events.ts";

/**
 * A handle on an event a handler asked to schedule. The queue entry exists once the dispatcher
 * applies the effect; cancelling before that drops the effect instead.
 */
export interface Ticket {
  scheduled: Scheduled<SimEvent> | null;
  cancelled: boolean;
}

export type Effect =
  | { type: "trace"; entry: TraceEntry }
  | { type: "schedule"; atMs: number; event: SimEvent; ticket: Ticket | null }
  | { type: "cancel"; ticket: Ticket }
  | { type: "now"; event: InstantEvent };

export class Effects {
  readonly list: Effect[] = [];

  trace(entry: TraceEntry): void {
    this.list.push({ type: "trace", entry });
  }

  /** Schedules `event` at `atMs`; keep the ticket to cancel it later. */
  at(atMs: number, event: SimEvent): Ticket {
    const ticket: Ticket = { scheduled: null, cancelled: false };
    this.list.push({ type: "schedule", atMs, event, ticket });
    return ticket;
  }

  /** Schedules `event` at `atMs`, never to be cancelled. */
  send(atMs: number, event: SimEvent): void {
    this.list.push({ type: "schedule", atMs, event, ticket: null });
  }

  cancel(ticket: Ticket | null): void {
    if (ticket !== null) this.list.push({ type: "cancel", ticket });
  }

  /** An event of another concern at this same instant, run before the next effect of this list. */
  now(event: InstantEvent): void {
    this.list.push({ type: "now", event });
  }
}
