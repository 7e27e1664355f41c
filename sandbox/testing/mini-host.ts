// A tiny host for testing and benchmarking the sandbox without the simulated world: it delivers
// requests to one worker and answers its calls at once (an in-memory KV, a fixed subrequest
// answer), advancing a virtual clock only to fire timers. The real semantics of every binding
// live in the world (server/sim); this only exercises the contract.
import type { DeliveryEvent, IsolateEnd, IsolateFactory, IsolateHandle, IsolateOp, LoadResult, WireRequest, WireResponse, WorkerScript } from "../../server/sim/isolate-port.ts";
import { answerCall, type MiniBackend } from "./mini-backend.ts";

export interface MiniResult {
  status: number;
  headers: Record<string, string>;
  body: string;
  logs: string[];
  /** Set when the isolate ended (limit or crash): the response is then a 503. */
  end: IsolateEnd | null;
  exception: { name: string; message: string; stack: string } | null;
  limits: string[];
}

const eventsPerRequestMax = 10_000;
/** `request.cf` of every request here: one made-up PoP, as the world would name it. */
const miniCf = { colo: "mini-pop", region: "mini" };

export function wireRequest(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): WireRequest {
  return {
    method: init.method ?? "GET",
    url,
    headers: Object.entries(init.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    body: init.body === undefined ? null : new TextEncoder().encode(init.body),
  };
}

export class MiniHost {
  readonly backend: MiniBackend;
  nowMs = 1_700_000_000_000;
  isolate: IsolateHandle | null = null;
  lastLoad: LoadResult | null = null;
  #nextRequest = 1;

  constructor(
    readonly factory: IsolateFactory,
    readonly script: WorkerScript,
    readonly seed = 1,
    backend: Partial<MiniBackend> = {},
  ) {
    this.backend = { kv: new Map(), storage: new Map(), fetch: () => ({ status: 200, statusText: "OK", headers: [], body: new TextEncoder().encode("origin") }), ...backend };
  }

  load(): LoadResult {
    const result = this.factory.load(this.script, {
      seed: this.seed,
      nowMs: this.nowMs,
      sync: (call) => (call.type === "object_id_from_name" ? { ok: true, value: fakeObjectId(call.name) } : { ok: false, error: { name: "Error", message: `unsupported sync call ${call.type}` } }),
    });
    this.lastLoad = result;
    this.isolate = result.ok ? result.isolate : null;
    return result;
  }

  /** Sends one request and runs the isolate until it answers and its waitUntil work is done. */
  request(request: WireRequest | string, object?: { className: string; objectId: string }): MiniResult {
    if (this.isolate === null || !this.isolate.alive) {
      const loaded = this.load();
      if (!loaded.ok) throw new Error(`load failed: ${loaded.error.code}: ${loaded.error.message}`);
    }
    const isolate = this.isolate!;
    const requestId = `r${this.#nextRequest++}`;
    const wire = typeof request === "string" ? wireRequest(request) : request;
    const result: MiniResult = { status: 0, headers: {}, body: "", logs: [], end: null, exception: null, limits: [] };
    const first: DeliveryEvent = object === undefined
      ? { kind: "fetch", requestId, request: wire, cf: miniCf }
      : { kind: "object_fetch", requestId, className: object.className, objectId: object.objectId, objectName: null, request: wire };
    const queue: DeliveryEvent[] = [first];
    const timers = new Map<number, number>();
    let done = false;
    for (let i = 0; i < eventsPerRequestMax && !done; i++) {
      let event = queue.shift();
      if (event === undefined) {
        const next = [...timers].sort((a, b) => a[1] - b[1])[0];
        if (next === undefined) break;
        timers.delete(next[0]);
        this.nowMs = Math.max(this.nowMs, next[1]);
        event = { kind: "timer", timerId: next[0] };
      }
      const delivery = isolate.deliver(event, this.nowMs);
      if (delivery.end !== null) {
        Object.assign(result, { status: 503, body: `isolate ended: ${delivery.end.type}`, end: delivery.end });
        return result;
      }
      done = this.#apply(delivery.ops, requestId, result, queue, timers);
    }
    return result;
  }

  #apply(ops: IsolateOp[], requestId: string, result: MiniResult, queue: DeliveryEvent[], timers: Map<number, number>): boolean {
    let done = false;
    for (const op of ops) {
      switch (op.kind) {
        case "log":
          result.logs.push(`${op.level}: ${op.message}`);
          break;
        case "call":
          queue.push({ kind: "reply", callId: op.callId, result: answerCall(this.backend, op) });
          break;
        case "timer_set":
          timers.set(op.timerId, this.nowMs + op.delayMs);
          break;
        case "timer_clear":
          timers.delete(op.timerId);
          break;
        case "response":
          if (op.requestId === requestId) setResponse(result, op.response);
          break;
        case "exception":
          if (op.requestId === requestId) Object.assign(result, { status: 500, body: `${op.error.name}: ${op.error.message}`, exception: op.error });
          break;
        case "limit":
          result.limits.push(op.limit);
          if (op.requestId === requestId && result.status === 0) Object.assign(result, { status: 500, body: op.message });
          break;
        case "request_done":
          if (op.requestId === requestId) done = true;
          break;
      }
    }
    return done;
  }
}

function setResponse(result: MiniResult, response: WireResponse): void {
  result.status = response.status;
  result.headers = Object.fromEntries(response.headers);
  result.body = response.body === null ? "" : new TextDecoder().decode(response.body);
}

function fakeObjectId(name: string): string {
  let hex = "";
  for (let i = 0; hex.length < 64; i++) hex += ((name.charCodeAt(i % Math.max(1, name.length)) || 0) * 31 + i).toString(16).padStart(2, "0").slice(-2);
  return hex.slice(0, 64);
}

export function script(code: string, bindings: WorkerScript["bindings"] = {}, name = "worker"): WorkerScript {
  return { name, version: "v1", code, bindings };
}
