// setTimeout and friends on the virtual clock. The isolate never waits: it hands each timer to
// the host as a `timer_set` operation, and the host delivers a `timer` event when the simulated
// world reaches the due time.
import { sandboxLimits } from "../../limits.ts";
import { emit, getCurrentRequestId, setCurrentRequestId } from "./ops.ts";
import { reportUncaught } from "./errors.ts";
import { requestState } from "./request-state.ts";
import { currentAsyncFrame, enterAsyncFrame } from "./async-context.ts";
import type { AsyncFrame } from "../node/async-hooks.ts";
import { MapCtor, MapPrototypeDelete, MapPrototypeGet, MapPrototypeSet, MathMax, NumberIsFinite, ObjectDefineProperty, ObjectFreeze, PromiseCtor, PromiseResolve, ReflectApply, whenSettled } from "./primordials.ts";

interface Timer {
  callback: (...args: unknown[]) => unknown;
  args: unknown[];
  requestId: string | null;
  repeatMs: number | null;
  frame: AsyncFrame | null;
}

const timers: Map<number, Timer> = new MapCtor();
let nextTimerId = 1;

function toDelayMs(delay: unknown): number {
  const ms = Number(delay);
  return NumberIsFinite(ms) ? MathMax(0, Math.trunc(ms)) : 0;
}

function schedule(callback: unknown, delay: unknown, args: unknown[], repeat: boolean): number {
  if (typeof callback !== "function") throw new TypeError("setTimeout/setInterval: the first argument must be a function (code strings are not allowed)");
  const requestId = getCurrentRequestId();
  if (requestId !== null) {
    const state = requestState(requestId);
    if (state.timersPending >= sandboxLimits.timersPerRequestMax) {
      throw new Error(`Too many timers: a request may have at most ${sandboxLimits.timersPerRequestMax} pending (timersPerRequestMax)`);
    }
    state.timersPending++;
  }
  const delayMs = toDelayMs(delay);
  const timerId = nextTimerId++;
  MapPrototypeSet(timers, timerId, { callback: callback as Timer["callback"], args, requestId, repeatMs: repeat ? MathMax(1, delayMs) : null, frame: currentAsyncFrame() });
  emit({ kind: "timer_set", timerId, requestId, delayMs: repeat ? MathMax(1, delayMs) : delayMs });
  return timerId;
}

function release(timerId: number, timer: Timer): void {
  MapPrototypeDelete(timers, timerId);
  if (timer.requestId !== null) requestState(timer.requestId).timersPending--;
}

function clear(timerId: unknown): void {
  const id = Number(timerId);
  const timer = MapPrototypeGet(timers, id);
  if (timer === undefined) return;
  release(id, timer);
  emit({ kind: "timer_clear", timerId: id });
}

/** Runs a due timer; the host calls this when it delivers a `timer` event. */
export function fireTimer(timerId: number): void {
  const timer = MapPrototypeGet(timers, timerId);
  if (timer === undefined) return; // cleared after the host scheduled it
  setCurrentRequestId(timer.requestId);
  enterAsyncFrame(timer.frame);
  if (timer.repeatMs === null) release(timerId, timer);
  else emit({ kind: "timer_set", timerId, requestId: timer.requestId, delayMs: timer.repeatMs });
  try {
    ReflectApply(timer.callback, undefined, timer.args);
  } catch (error) {
    reportUncaught(error, "in a timer callback");
  }
}

export function installTimers(global: Record<string, unknown>): void {
  const define = (name: string, value: unknown) => Object.defineProperty(global, name, { value, writable: true, configurable: true });
  define("setTimeout", (callback: unknown, delay?: unknown, ...args: unknown[]) => schedule(callback, delay, args, false));
  define("setInterval", (callback: unknown, delay?: unknown, ...args: unknown[]) => schedule(callback, delay, args, true));
  define("clearTimeout", clear);
  define("clearInterval", clear);
  define("scheduler", createScheduler());
  define("queueMicrotask", (callback: unknown) => {
    if (typeof callback !== "function") throw new TypeError("queueMicrotask: the argument must be a function");
    whenSettled(PromiseResolve(undefined), () => callback(), (error) => reportUncaught(error, "in a queueMicrotask callback"));
  });
}

/**
 * workerd's `scheduler.wait(ms, { signal })`: a promise that resolves after `ms` on the virtual
 * clock, like a promisified setTimeout (it keeps the request alive as a timer does); an aborted
 * signal rejects it with the signal's reason.
 */
function createScheduler(): object {
  const wait = (delay?: unknown, options?: unknown): Promise<void> =>
    new PromiseCtor<void>((resolve, reject) => {
      const signal = (options as { signal?: { aborted?: boolean; reason?: unknown; addEventListener?: (type: string, listener: () => void) => void } } | undefined)?.signal;
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const timerId = schedule(() => resolve(), delay, [], false);
      if (signal !== undefined && typeof signal.addEventListener === "function") {
        signal.addEventListener("abort", () => {
          clear(timerId);
          reject(signal.reason);
        });
      }
    });
  const scheduler = { wait };
  ObjectDefineProperty(scheduler, Symbol.toStringTag, { value: "Scheduler", configurable: true });
  return ObjectFreeze(scheduler);
}
