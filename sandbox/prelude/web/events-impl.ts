// Entry point of the "events" lazy chunk: EventTarget and Event (event-target-shim, which
// follows the DOM standard), CustomEvent, and AbortController / AbortSignal on top of them,
// with AbortSignal.timeout on the runtime's timers (the world's virtual clock). Evaluated on
// first use by events-lazy.ts.
import { Event, EventTarget, setErrorHandler, setWarningHandler } from "event-target-shim";

export interface EventsDeps {
  DOMException: new (message: string, name: string) => Error;
  /** The runtime's setTimeout (virtual clock), captured before worker code could replace it. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Reports an error a listener threw, as an uncaught error of the request. */
  reportError(error: unknown): void;
}

export interface EventsApi {
  globals: Record<string, unknown>;
  isAbortSignal(value: unknown): boolean;
  /** Calls `onAbort(reason)` once the signal aborts (at once if it already has). */
  onAbort(signal: unknown, onAbort: (reason: unknown) => void): void;
}

export function create(deps: EventsDeps): EventsApi {
  setErrorHandler((error) => deps.reportError(error));
  setWarningHandler(() => {});

  class CustomEvent<T = unknown> extends Event {
    readonly #detail: T | null;
    constructor(type: string, init?: { bubbles?: boolean; cancelable?: boolean; composed?: boolean; detail?: T }) {
      super(type, init);
      this.#detail = init?.detail ?? null;
    }
    get detail(): T | null {
      return this.#detail;
    }
  }

  const constructionKey = {};
  const states = new WeakMap<object, { aborted: boolean; reason: unknown; onabort: unknown }>();

  function stateOf(signal: unknown) {
    const state = typeof signal === "object" && signal !== null ? states.get(signal) : undefined;
    if (state === undefined) throw new TypeError("Illegal invocation: not an AbortSignal");
    return state;
  }

  function signalAbort(signal: AbortSignal, reason: unknown): void {
    const state = stateOf(signal);
    if (state.aborted) return;
    state.aborted = true;
    state.reason = reason === undefined ? new deps.DOMException("The operation was aborted", "AbortError") : reason;
    const event = new Event("abort");
    // workerd runs the onabort handler before the listeners added with addEventListener.
    if (typeof state.onabort === "function") {
      try {
        (state.onabort as (event: Event) => void).call(signal, event);
      } catch (error) {
        deps.reportError(error);
      }
    }
    signal.dispatchEvent(event);
  }

  class AbortSignal extends EventTarget<{ abort: Event }> {
    constructor(key?: unknown) {
      if (key !== constructionKey) throw new TypeError("Illegal constructor");
      super();
      states.set(this, { aborted: false, reason: undefined, onabort: null });
    }
    get aborted(): boolean {
      return stateOf(this).aborted;
    }
    get reason(): unknown {
      return stateOf(this).reason;
    }
    get onabort(): unknown {
      return stateOf(this).onabort;
    }
    set onabort(value: unknown) {
      stateOf(this).onabort = typeof value === "function" || (typeof value === "object" && value !== null) ? value : null;
    }
    throwIfAborted(): void {
      const state = stateOf(this);
      if (state.aborted) throw state.reason;
    }
    static abort(reason?: unknown): AbortSignal {
      const signal = new AbortSignal(constructionKey);
      signalAbort(signal, reason);
      return signal;
    }
    static timeout(ms: number): AbortSignal {
      const delay = Number(ms);
      if (!Number.isFinite(delay) || delay < 0) throw new TypeError("AbortSignal.timeout: the delay must be a non-negative finite number of milliseconds.");
      const signal = new AbortSignal(constructionKey);
      deps.setTimeout(() => signalAbort(signal, new deps.DOMException("The operation was aborted due to timeout", "TimeoutError")), delay);
      return signal;
    }
    static any(signals: Iterable<AbortSignal>): AbortSignal {
      const result = new AbortSignal(constructionKey);
      const list = [...signals];
      for (const signal of list) stateOf(signal);
      for (const signal of list) {
        if (signal.aborted) {
          signalAbort(result, signal.reason);
          return result;
        }
      }
      for (const signal of list) signal.addEventListener("abort", () => signalAbort(result, signal.reason), { once: true });
      return result;
    }
    get [Symbol.toStringTag](): string {
      return "AbortSignal";
    }
  }

  class AbortController {
    readonly #signal = new AbortSignal(constructionKey);
    get signal(): AbortSignal {
      return this.#signal;
    }
    abort(reason?: unknown): void {
      signalAbort(this.#signal, reason);
    }
    get [Symbol.toStringTag](): string {
      return "AbortController";
    }
  }

  return {
    globals: { Event, EventTarget, CustomEvent, AbortController, AbortSignal },
    isAbortSignal: (value) => typeof value === "object" && value !== null && states.has(value),
    onAbort(signal, onAbort) {
      const state = stateOf(signal);
      if (state.aborted) {
        onAbort(state.reason);
        return;
      }
      (signal as AbortSignal).addEventListener("abort", () => onAbort(stateOf(signal).reason), { once: true });
    },
  };
}
