// EventTarget, Event, CustomEvent, AbortController and AbortSignal as lazy globals: the
// "events" chunk (events-impl.ts) loads on first read of any of them.

import { DOMException } from "./dom-exception.ts";
import type { EventsApi, EventsDeps } from "./events-impl.ts";
import { defineLazyGlobals, evaluateChunk } from "./lazy-chunks.ts";
import { SafeTypeError } from "./primordials.ts";

export const eventGlobalNames = ["Event", "EventTarget", "CustomEvent", "AbortController", "AbortSignal"] as const;

export interface EventsHostDeps {
  setTimeout?(callback: () => void, ms: number): unknown;
  reportError?(error: unknown): void;
}

let eventsApi: EventsApi | undefined;
let hostDeps: EventsHostDeps = {};

export function loadEventsApi(): EventsApi {
  if (eventsApi === undefined) {
    const { setTimeout, reportError } = hostDeps;
    const deps: EventsDeps = {
      DOMException: DOMException as unknown as EventsDeps["DOMException"],
      setTimeout(callback, ms) {
        if (setTimeout === undefined) throw new SafeTypeError("AbortSignal.timeout is not available: the runtime provides no timers here.");
        return setTimeout(callback, ms);
      },
      reportError: (error) => reportError?.(error),
    };
    eventsApi = evaluateChunk("events", (create: (deps: EventsDeps) => EventsApi) => create(deps));
  }
  return eventsApi;
}

/** The API if the chunk is loaded; an AbortSignal can only exist after that. */
export function loadedEventsApi(): EventsApi | undefined {
  return eventsApi;
}

export function installLazyEventGlobals(global: Record<string, unknown>, deps: EventsHostDeps): void {
  hostDeps = deps;
  defineLazyGlobals(global, eventGlobalNames, () => loadEventsApi().globals);
}
