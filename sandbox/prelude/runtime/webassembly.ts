// WebAssembly as on Workers. Compiling from bytes at run time is code generation, which workerd
// refuses (`WebAssembly.Module(): Wasm code generation disallowed by embedder`, a CompileError;
// measured against Miniflare in test/webassembly.test.ts), and isolated-vm allows. A
// `WebAssembly.Memory` is still allowed, and its pages live outside the V8 heap, where the
// isolate's memory limit does not see them: one isolate grew 671 MB of them in a 128 MB
// isolate. So the pages of every memory in this isolate are counted, and a memory or a grow past
// the isolate's memory is refused with V8's own RangeError, before the host allocates it.

// The prelude is compiled without the DOM and WebAssembly typings: the little it touches, typed here.
interface WasmMemory { grow(delta: number): number }
interface WasmMemoryDescriptor { initial?: unknown; maximum?: unknown }
interface WasmMemoryConstructor { new (descriptor: WasmMemoryDescriptor): WasmMemory; prototype: WasmMemory }
interface WasmNamespace {
  CompileError: new (message: string) => Error;
  Module: { prototype: object };
  Memory: WasmMemoryConstructor;
}

const compileRefused = (name: string) => `WebAssembly.${name}(): Wasm code generation disallowed by embedder`;
const pageBytes = 65_536;

export function installWebAssemblyRules(global: Record<string, unknown>, memoryBytesMax: number): void {
  const wasm = global.WebAssembly as WasmNamespace | undefined;
  if (wasm === undefined) return;
  const CompileError = wasm.CompileError;
  const refuse = (name: string) => {
    const refused = function () {
      throw new CompileError(compileRefused(name));
    };
    Object.defineProperty(refused, "name", { value: name, configurable: true });
    return refused;
  };
  const asyncRefuse = (name: string) => {
    const refused = async function () {
      throw new CompileError(compileRefused(name));
    };
    Object.defineProperty(refused, "name", { value: name, configurable: true });
    return refused;
  };
  const OriginalModule = wasm.Module;
  const BannedModule = refuse("Module");
  Object.defineProperty(BannedModule, "prototype", { value: OriginalModule.prototype });
  Object.defineProperty(OriginalModule.prototype, "constructor", { value: BannedModule, writable: true, configurable: true });
  for (const [name, value] of [["Module", BannedModule], ["compile", asyncRefuse("compile")], ["instantiate", asyncRefuse("instantiate")]] as const) {
    Object.defineProperty(wasm, name, { value, writable: true, enumerable: false, configurable: true });
  }
  // workerd has no streaming compilation at all.
  delete (wasm as { compileStreaming?: unknown }).compileStreaming;
  delete (wasm as { instantiateStreaming?: unknown }).instantiateStreaming;
  countMemoryPages(wasm, Math.floor(memoryBytesMax / pageBytes));
}

function countMemoryPages(wasm: WasmNamespace, pagesMax: number): void {
  const OriginalMemory = wasm.Memory;
  const originalGrow = OriginalMemory.prototype.grow;
  // Taken now: the learner's code may replace Reflect or Math later, and this count is a bound
  // (a replaced Reflect.construct would otherwise be handed the uncounted constructor).
  const { apply, construct } = Reflect;
  const { floor } = Math;
  const { isFinite } = Number;
  let pagesInUse = 0;
  const toPages = (value: unknown) => (typeof value === "number" && isFinite(value) && value > 0 ? floor(value) : 0);
  // Each size is read and converted once, and V8 is handed the number: a getter or valueOf that
  // answered 1 to the count and 65,536 to V8 would otherwise pass the bound.
  const once = (value: unknown) => (value === undefined ? undefined : +(value as number));
  const CountedMemory = function (this: unknown, descriptor: WasmMemoryDescriptor) {
    if (new.target === undefined) return apply(OriginalMemory as unknown as Function, this, [descriptor]);
    const d = (descriptor ?? {}) as WasmMemoryDescriptor & { shared?: unknown };
    const initial = once(d.initial), maximum = once(d.maximum), shared = d.shared;
    const pages = toPages(initial);
    if (pagesInUse + pages > pagesMax) throw new RangeError("WebAssembly.Memory(): could not allocate memory");
    const clean: Record<string, unknown> = { initial };
    if (maximum !== undefined) clean.maximum = maximum;
    if (shared !== undefined) clean.shared = shared;
    const memory = construct(OriginalMemory, [clean], new.target) as WasmMemory;
    pagesInUse += pages;
    return memory;
  };
  Object.defineProperties(CountedMemory, {
    prototype: { value: OriginalMemory.prototype, writable: false, enumerable: false, configurable: false },
    name: { value: "Memory", configurable: true },
    length: { value: 1, configurable: true },
  });
  Object.defineProperty(OriginalMemory.prototype, "constructor", { value: CountedMemory, writable: true, configurable: true });
  Object.defineProperty(OriginalMemory.prototype, "grow", {
    value: function grow(this: WasmMemory, delta: number) {
      const number = once(delta);
      const pages = toPages(number);
      if (pagesInUse + pages > pagesMax) throw new RangeError("WebAssembly.Memory.grow(): Maximum memory size exceeded");
      const previous = apply(originalGrow, this, [number]) as number;
      pagesInUse += pages;
      return previous;
    },
    writable: true,
    enumerable: false,
    configurable: true,
  });
  Object.defineProperty(wasm, "Memory", { value: CountedMemory, writable: true, enumerable: false, configurable: true });
}
