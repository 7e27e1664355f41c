// The part of event-target-shim's API the "events" chunk uses. Its own typings sit behind a
// package "exports" map without a "types" condition, which this tsconfig cannot resolve.
declare module "event-target-shim" {
  export class Event {
    constructor(type: string, init?: { bubbles?: boolean; cancelable?: boolean; composed?: boolean });
    readonly type: string;
  }
  export class EventTarget<Events = Record<string, Event>> {
    addEventListener(type: string, listener: unknown, options?: boolean | { once?: boolean; passive?: boolean; capture?: boolean; signal?: unknown }): void;
    removeEventListener(type: string, listener: unknown, options?: boolean | { capture?: boolean }): void;
    dispatchEvent(event: Event): boolean;
    /** Phantom: keeps the type parameter used. */
    private readonly __events?: Events;
  }
  export function getEventAttributeValue(target: object, type: string): unknown;
  export function setEventAttributeValue(target: object, type: string, value: never): void;
  export function setErrorHandler(handler: ((error: unknown) => void) | undefined): void;
  export function setWarningHandler(handler: ((warning: unknown) => void) | undefined): void;
}
