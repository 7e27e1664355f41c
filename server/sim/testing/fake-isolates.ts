// A scripted stand-in for the sandbox, for the world's tests. A "worker" is a host-side program
// whose handlers are generators: each `yield` of an effect (a KV get, a stub fetch, a sleep)
// becomes the operation a real isolate would issue, and the generator resumes when the world
// delivers the reply, exactly as an `await` would. A delivery runs every ready generator until
// it waits again, which is the quiescence rule of DESIGN.md rule 2.
//
// Worker code in a scenario names a program of the registry (`"code": "kv-counter"`); an
// unknown name fails to load like a compile error on line 1.

import type {
  CallTarget, DeliveryEvent, DeliveryResult, IsolateEnd, IsolateFactory, IsolateHandle, IsolateOp, LoadOptions, LoadResult,
  SyncHandler, WireRequest, WireResponse, WorkerScript,
} from "../isolate-port.ts";

export type Effect =
  | { t: "call"; target: CallTarget; method: string; args: unknown[] }
  | { t: "sleep"; ms: number }
  | { t: "log"; message: string }
  | { t: "die"; end: IsolateEnd };

export type Handler = Generator<Effect, WireResponse | void, unknown>;

export interface FakeEnv {
  bindings: WorkerScript["bindings"];
  sync: SyncHandler;
  version: string;
}

export interface ObjectContext {
  id: string;
  /** The instance's memory: lost on eviction, kept across hibernation. */
  memory: Record<string, unknown>;
}

export interface FakeProgram {
  fetch(request: WireRequest, env: FakeEnv): Handler;
  objects?: Record<string, (ctx: ObjectContext, env: FakeEnv) => { fetch(request: WireRequest): Handler; alarm?(): Handler }>;
}

export function createFakeFactory(programs: Record<string, FakeProgram>): IsolateFactory & { loads: number } {
  const factory = {
    loads: 0,
    load(script: WorkerScript, options: LoadOptions): LoadResult {
      const program = programs[script.code];
      if (!program) {
        return { ok: false, error: { code: "compile_error", message: `SyntaxError: unknown fake program "${script.code}"`, line: 1, column: 1 }, coldStart: null };
      }
      factory.loads++;
      const env: FakeEnv = { bindings: script.bindings, sync: options.sync, version: script.version };
      return {
        ok: true,
        isolate: new FakeIsolate(program, env),
        coldStart: { phases: { createIsolateMs: 2, loadCodeMs: 0.5, bindingsMs: 0.1, moduleInitMs: 0.3 }, fromPool: true, codeCache: "off" },
        logs: [],
      };
    },
  };
  return factory;
}

interface Waiting {
  gen: Handler;
  requestId: string;
  answers: boolean;
}

class FakeIsolate implements IsolateHandle {
  alive = true;
  private nextCallId = 1;
  private nextTimerId = 1;
  private readonly waiting = new Map<string, Waiting>();
  private readonly instances = new Map<string, ReturnType<NonNullable<FakeProgram["objects"]>[string]>>();
  private ops: IsolateOp[] = [];
  private end: IsolateEnd | null = null;

  constructor(private readonly program: FakeProgram, private readonly env: FakeEnv) {}

  deliver(event: DeliveryEvent, _nowMs: number): DeliveryResult {
    if (!this.alive) throw new Error("delivery to a disposed fake isolate");
    this.ops = [];
    switch (event.kind) {
      case "fetch":
        this.start(this.program.fetch(event.request, this.env), event.requestId, true);
        break;
      case "object_fetch":
        this.start(this.instance(event.className, event.objectId).fetch(event.request), event.requestId, true);
        break;
      case "object_alarm":
        this.start(this.instance(event.className, event.objectId).alarm!(), event.requestId, false);
        break;
      case "object_evict":
        this.instances.delete(event.objectId);
        break;
      case "reply":
        this.resume(`c${event.callId}`, event.result.ok ? { value: event.result.value } : { error: event.result.error.message });
        break;
      case "timer":
        this.resume(`t${event.timerId}`, { value: undefined });
        break;
    }
    if (this.end) this.alive = false;
    return { ops: this.ops, end: this.end, measured: { cpuMs: 0.05, wallMs: 0.05 } };
  }

  stats() {
    return { heapUsedBytes: 1_000_000, heapTotalBytes: 2_000_000, cpuMs: 0 };
  }

  dispose(): void {
    this.alive = false;
  }

  private instance(className: string, objectId: string) {
    let instance = this.instances.get(objectId);
    if (!instance) {
      instance = this.program.objects![className]!({ id: objectId, memory: {} }, this.env);
      this.instances.set(objectId, instance);
    }
    return instance;
  }

  private start(gen: Handler, requestId: string, answers: boolean): void {
    this.advance({ gen, requestId, answers }, { value: undefined });
  }

  private resume(key: string, input: { value: unknown } | { error: string }): void {
    const waiting = this.waiting.get(key);
    if (!waiting) return;
    this.waiting.delete(key);
    this.advance(waiting, input);
  }

  /** Runs one handler until it waits on the world again, finishes or throws. */
  private advance(w: Waiting, input: { value: unknown } | { error: string }): void {
    for (let i = 0; i < 10_000 && !this.end; i++) {
      let step: IteratorResult<Effect, WireResponse | void>;
      try {
        step = "error" in input ? w.gen.throw(new Error(input.error)) : w.gen.next(input.value);
      } catch (e) {
        const error = e as Error;
        this.ops.push({ kind: "exception", requestId: w.requestId, error: { name: error.name, message: error.message, stack: "" } });
        this.ops.push({ kind: "request_done", requestId: w.requestId });
        return;
      }
      if (step.done) {
        if (w.answers && step.value) this.ops.push({ kind: "response", requestId: w.requestId, response: step.value });
        this.ops.push({ kind: "request_done", requestId: w.requestId });
        return;
      }
      const effect = step.value;
      if (effect.t === "log") {
        this.ops.push({ kind: "log", requestId: w.requestId, level: "log", message: effect.message });
        input = { value: undefined };
      } else if (effect.t === "die") {
        this.end = effect.end;
      } else if (effect.t === "call") {
        const callId = this.nextCallId++;
        this.ops.push({ kind: "call", callId, requestId: w.requestId, target: effect.target, method: effect.method, args: effect.args });
        this.waiting.set(`c${callId}`, w);
        return;
      } else {
        const timerId = this.nextTimerId++;
        this.ops.push({ kind: "timer_set", timerId, requestId: w.requestId, delayMs: effect.ms });
        this.waiting.set(`t${timerId}`, w);
        return;
      }
    }
  }
}
