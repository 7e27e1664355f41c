// CPU time per request, summed across every delivery that ran its code. V8's own timeout only
// sees one synchronous span, and time after an `await` on the host is not counted by it, so the
// budget is tracked here from the isolate's CPU clock (ENGINEERING-NOTES).
import type { DeliveryEvent, IsolateOp } from "../server/sim/isolate-port.ts";

export class CpuMeter {
  readonly #cpuNsByRequest = new Map<string, bigint>();
  readonly #requestByCall = new Map<number, string | null>();
  readonly #requestByTimer = new Map<number, string | null>();

  /** Which request an event's code runs for. */
  requestOf(event: DeliveryEvent): string | null {
    switch (event.kind) {
      case "fetch":
      case "rpc":
      case "object_fetch":
      case "object_rpc":
      case "object_alarm":
        return event.requestId;
      case "reply":
        return this.#requestByCall.get(event.callId) ?? null;
      case "timer":
        return this.#requestByTimer.get(event.timerId) ?? null;
      case "object_evict":
        return null;
    }
  }

  usedMs(requestId: string): number {
    return Number(this.#cpuNsByRequest.get(requestId) ?? 0n) / 1e6;
  }

  charge(requestId: string | null, cpuNs: bigint): void {
    if (requestId === null) return;
    this.#cpuNsByRequest.set(requestId, (this.#cpuNsByRequest.get(requestId) ?? 0n) + cpuNs);
  }

  /** Learns which request owns each call and timer, and forgets finished requests. */
  observe(event: DeliveryEvent, ops: IsolateOp[]): void {
    if (event.kind === "reply") this.#requestByCall.delete(event.callId);
    // An interval re-registers itself in `ops` while it fires.
    if (event.kind === "timer") this.#requestByTimer.delete(event.timerId);
    for (const op of ops) {
      if (op.kind === "call") this.#requestByCall.set(op.callId, op.requestId);
      else if (op.kind === "timer_set") this.#requestByTimer.set(op.timerId, op.requestId);
      else if (op.kind === "timer_clear") this.#requestByTimer.delete(op.timerId);
      else if (op.kind === "request_done") this.#cpuNsByRequest.delete(op.requestId);
    }
  }
}
