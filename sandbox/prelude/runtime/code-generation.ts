// Workers forbids code generation from strings: `eval`, `new Function`, and the async and
// generator function constructors throw EvalError with V8's own message. isolated-vm allows it
// in every context (its code-generation callback only guards memory, laverdet/isolated-vm#311),
// so the prelude replaces the only ways to reach those intrinsics: the global `eval` (a call to
// anything else is an indirect call, never a direct eval), the global `Function`, and the
// `constructor` of each function prototype. `instanceof Function` keeps working, and
// `new Function()` with no arguments still makes an empty function, as on workerd (measured
// against Miniflare in test/code-generation.test.ts).

const message = "Code generation from strings disallowed for this context";

export function installCodeGenerationBan(global: Record<string, unknown>): void {
  const OriginalFunction = Function;
  const refuse = (): never => {
    throw new EvalError(message);
  };
  const ban = (original: Function, name: string) => {
    const banned = function (this: unknown, ...args: unknown[]) {
      if (args.length === 0) return Reflect.construct(original, [], new.target ?? original);
      return refuse();
    };
    Object.defineProperties(banned, {
      prototype: { value: original.prototype, writable: false, enumerable: false, configurable: false },
      name: { value: name, configurable: true },
      length: { value: 1, configurable: true },
    });
    Object.defineProperty(original.prototype, "constructor", { value: banned, writable: true, enumerable: false, configurable: true });
    return banned;
  };
  const prototypeOf = Object.getPrototypeOf;
  const asyncFunction = prototypeOf(async function () {}).constructor as Function;
  const generatorFunction = prototypeOf(function* () {}).constructor as Function;
  const asyncGeneratorFunction = prototypeOf(async function* () {}).constructor as Function;
  Object.defineProperty(global, "Function", { value: ban(OriginalFunction, "Function"), writable: true, configurable: true });
  ban(asyncFunction, "AsyncFunction");
  ban(generatorFunction, "GeneratorFunction");
  ban(asyncGeneratorFunction, "AsyncGeneratorFunction");
  const evalBanned = function (source?: unknown) {
    // As on workerd, only eval() of nothing passes (it runs no code); eval(42) throws there too.
    if (source === undefined) return undefined;
    return refuse();
  };
  Object.defineProperty(evalBanned, "name", { value: "eval", configurable: true });
  Object.defineProperty(global, "eval", { value: evalBanned, writable: true, configurable: true });
}
