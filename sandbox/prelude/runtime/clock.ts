// Virtual time inside the isolate. As on the real platform, the clock does not move while code
// runs: `Date.now()` and `new Date()` return the time of the event being delivered, which the
// host (the simulated world) sets before each delivery. This is what makes a run reproducible
// and what stops timing side channels.

const OriginalDate = Date;
let virtualNowMs = 0;

export function setVirtualNow(nowMs: number): void {
  virtualNowMs = nowMs;
}

export function virtualNow(): number {
  return virtualNowMs;
}

export function installClock(global: Record<string, unknown>): void {
  const VirtualDate = function (this: unknown, ...args: unknown[]) {
    // Called without `new`, Date() returns the current time as a string.
    if (new.target === undefined) return new OriginalDate(virtualNowMs).toString();
    const dateArgs = args.length === 0 ? [virtualNowMs] : args;
    return Reflect.construct(OriginalDate, dateArgs, new.target);
  } as unknown as DateConstructor;
  Object.defineProperties(VirtualDate, {
    prototype: { value: OriginalDate.prototype, writable: false },
    now: { value: () => virtualNowMs, writable: true, configurable: true },
    parse: { value: OriginalDate.parse, writable: true, configurable: true },
    UTC: { value: OriginalDate.UTC, writable: true, configurable: true },
    name: { value: "Date" },
    length: { value: 7 },
  });
  Object.defineProperty(OriginalDate.prototype, "constructor", { value: VirtualDate, writable: true, configurable: true });
  Object.defineProperty(global, "Date", { value: VirtualDate, writable: true, configurable: true });
  // workerd's performance.now() is tied to the same frozen clock, with timeOrigin 0.
  const performance = Object.create(null) as Record<string, unknown>;
  Object.defineProperties(performance, {
    now: { value: () => virtualNowMs, enumerable: true },
    timeOrigin: { value: 0, enumerable: true },
  });
  Object.defineProperty(global, "performance", { value: performance, writable: true, configurable: true });
}
