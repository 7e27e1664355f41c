// Builtins that workerd has and Node 20's V8 lacks (Object.groupBy, Promise.withResolvers, the
// Set methods, iterator helpers, Uint8Array base64/hex...), provided by core-js. Its bundle (the
// lazy "modern" chunk, about 50 KB) costs 15-60 ms to evaluate in a fresh isolate, so it is
// not evaluated up front: each of these names is an accessor that, on first read or write,
// removes every accessor, evaluates the chunk (which installs the real, spec-conformant
// properties) and answers from the result. An isolate that never uses them pays nothing.
import { ObjectDefineProperty } from "../web/primordials.ts";
import { evaluateChunk } from "../web/lazy-chunks.ts";

type Target = Record<PropertyKey, unknown>;

const reflectDelete = Reflect.deleteProperty;
const getPrototypeOf = Object.getPrototypeOf;

function entryPoints(global: Target): [Target, string][] {
  const iteratorPrototype = getPrototypeOf(getPrototypeOf([][Symbol.iterator]())) as Target;
  const list: [Target, string][] = [
    [Object as unknown as Target, "groupBy"],
    [Map as unknown as Target, "groupBy"],
    [Promise as unknown as Target, "withResolvers"],
    [Promise as unknown as Target, "try"],
    [Array as unknown as Target, "fromAsync"],
    [Uint8Array as unknown as Target, "fromBase64"],
    [Uint8Array as unknown as Target, "fromHex"],
    [global, "Iterator"],
  ];
  for (const key of ["union", "intersection", "difference", "symmetricDifference", "isSubsetOf", "isSupersetOf", "isDisjointFrom"]) list[list.length] = [Set.prototype as unknown as Target, key];
  for (const key of ["map", "filter", "take", "drop", "flatMap", "reduce", "toArray", "forEach", "some", "every", "find"]) list[list.length] = [iteratorPrototype, key];
  for (const key of ["toBase64", "toHex", "setFromBase64", "setFromHex"]) list[list.length] = [Uint8Array.prototype as unknown as Target, key];
  // Only what this V8 lacks: a newer V8 keeps its own builtins.
  const missing: [Target, string][] = [];
  for (let i = 0; i < list.length; i++) if (!(list[i]![1] in list[i]![0])) missing[missing.length] = list[i]!;
  return missing;
}

export function installModernBuiltins(global: Target): void {
  const points = entryPoints(global);
  let loaded = false;
  const load = () => {
    if (loaded) return;
    loaded = true;
    for (let i = 0; i < points.length; i++) reflectDelete(points[i]![0], points[i]![1]);
    // The host evaluates the chunk (no string becomes code in here); core-js installs as it runs.
    evaluateChunk("modern", () => undefined);
  };
  for (let i = 0; i < points.length; i++) {
    const [target, key] = points[i]!;
    ObjectDefineProperty(target, key, {
      __proto__: null,
      get() {
        load();
        return target[key];
      },
      set(value: unknown) {
        load();
        ObjectDefineProperty(target, key, { __proto__: null, value, writable: true, enumerable: false, configurable: true } as PropertyDescriptor);
      },
      enumerable: false,
      configurable: true,
    } as PropertyDescriptor);
  }
}
