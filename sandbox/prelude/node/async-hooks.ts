// node:async_hooks' AsyncLocalStorage and AsyncResource for the "node" chunk. The store travels
// with the runtime's async context frame (runtime/async-context.ts): the frame current when a
// binding call, subrequest or timer starts is the frame its continuation resumes in, which is how
// a request's awaits on the platform carry the store. V8's promise hooks are out of reach from
// inside an isolated-vm isolate, so a continuation after an `await` of a promise settled within
// the same delivery (no call in between) sees the frame of the innermost `run` whose callback's
// promise is still pending — right for sequential code, an approximation when two `run`s of one
// request interleave.

export interface AsyncFrame {
  readonly key: object;
  readonly value: unknown;
  readonly parent: AsyncFrame | null;
}

export interface AsyncContextDeps {
  current(): AsyncFrame | null;
  enter(frame: AsyncFrame | null): void;
}

function lookup(frame: AsyncFrame | null, key: object): unknown {
  for (let f = frame; f !== null; f = f.parent) if (f.key === key) return f.value;
  return undefined;
}

const isThenable = (value: unknown): value is Promise<unknown> => value instanceof Promise;

export function createAsyncHooks(ctx: AsyncContextDeps): Record<string, unknown> {
  /** Runs fn in `frame`; if fn returns a pending promise the frame stays until it settles. */
  function runIn<T>(frame: AsyncFrame | null, fn: (...args: unknown[]) => T, thisArg: unknown, args: unknown[]): T {
    const previous = ctx.current();
    ctx.enter(frame);
    let result: T;
    try {
      result = fn.apply(thisArg, args);
    } catch (error) {
      ctx.enter(previous);
      throw error;
    }
    if (isThenable(result)) {
      const leave = () => {
        if (ctx.current() === frame) ctx.enter(previous);
      };
      result.then(leave, leave);
    } else ctx.enter(previous);
    return result;
  }

  class AsyncLocalStorage {
    #enabled = true;
    static bind<F extends (...args: unknown[]) => unknown>(fn: F): F {
      const frame = ctx.current();
      return function (this: unknown, ...args: unknown[]) {
        return runIn(frame, fn, this, args);
      } as F;
    }
    static snapshot(): (fn: (...args: unknown[]) => unknown, ...args: unknown[]) => unknown {
      const frame = ctx.current();
      return (fn, ...args) => runIn(frame, fn, undefined, args);
    }
    getStore(): unknown {
      return this.#enabled ? lookup(ctx.current(), this) : undefined;
    }
    run<T>(store: unknown, fn: (...args: unknown[]) => T, ...args: unknown[]): T {
      this.#enabled = true;
      return runIn({ key: this, value: store, parent: ctx.current() }, fn, undefined, args);
    }
    exit<T>(fn: (...args: unknown[]) => T, ...args: unknown[]): T {
      return runIn({ key: this, value: undefined, parent: ctx.current() }, fn, undefined, args);
    }
    enterWith(store: unknown): void {
      this.#enabled = true;
      ctx.enter({ key: this, value: store, parent: ctx.current() });
    }
    disable(): void {
      this.#enabled = false;
    }
  }

  class AsyncResource {
    #frame = ctx.current();
    readonly type: string;
    constructor(type: string) {
      this.type = type;
    }
    static bind<F extends (...args: unknown[]) => unknown>(fn: F, type?: string, thisArg?: unknown): F {
      return new AsyncResource(type ?? "bound-anonymous-fn").bind(fn, thisArg);
    }
    runInAsyncScope<T>(fn: (...args: unknown[]) => T, thisArg?: unknown, ...args: unknown[]): T {
      return runIn(this.#frame, fn, thisArg, args);
    }
    bind<F extends (...args: unknown[]) => unknown>(fn: F, thisArg?: unknown): F {
      const resource = this;
      return function (this: unknown, ...args: unknown[]) {
        return resource.runInAsyncScope(fn, thisArg ?? this, ...args);
      } as F;
    }
  }
  const api: Record<string, unknown> = { AsyncLocalStorage, AsyncResource };
  api.default = { ...api };
  return api;
}
