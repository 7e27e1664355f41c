// structuredClone per the HTML Standard's StructuredSerialize/Deserialize, done in one pass:
// primitives, wrapper objects, Date, RegExp, ArrayBuffer and every view type, Map, Set, Error,
// arrays and plain objects, keeping shared references and cycles. Functions, symbols, promises
// and weak collections throw a DataCloneError. Transferring buffers is not supported.

import { DOMException } from "./dom-exception.ts";
import {
  ArrayBufferIsView,
  ArrayIsArray,
  ObjectDefineProperty,
  ObjectKeys,
  ReflectApply,
  SafeDataView,
  SafeError,
  SafeMap,
  SafeSet,
  SafeTypeError,
  arrayBufferByteLength,
  dataDescriptor,
  arrayBufferSlice,
  isArrayBuffer,
  typedArrayKind,
  viewWindow,
} from "./primordials.ts";

type Memory = Map<unknown, unknown>;

/**
 * How a caller other than structuredClone (RPC) narrows what may be cloned: `object` sees every
 * object that would be cloned as a plain object (a class instance, say) and may throw; `fn`
 * replaces the DataCloneError for functions.
 */
export interface CloneRules {
  object(value: object): void;
  fn(value: Function): never;
}

let rules: CloneRules | null = null;

const mapGet = Map.prototype.get;
const mapSet = Map.prototype.set;
const mapHas = Map.prototype.has;
const mapForEach = Map.prototype.forEach;
const setAdd = Set.prototype.add;
const setForEach = Set.prototype.forEach;
const mapSizeGetter = Object.getOwnPropertyDescriptor(Map.prototype, "size")!.get!;
const setSizeGetter = Object.getOwnPropertyDescriptor(Set.prototype, "size")!.get!;
const dateGetTime = Date.prototype.getTime;
const regExpSourceGetter = Object.getOwnPropertyDescriptor(RegExp.prototype, "source")!.get!;
const regExpFlagsGetter = Object.getOwnPropertyDescriptor(RegExp.prototype, "flags")!.get!;
const SafeDate = Date;
const SafeRegExp = RegExp;
const SafeObject = Object;
const primitiveWrappers = [Boolean, Number, String, BigInt] as unknown as { prototype: { valueOf(): unknown } }[];
const uncloneable = [Promise, WeakMap, WeakSet, WeakRef, Function] as unknown as (new () => object)[];
const errorConstructors: Record<string, ErrorConstructor> = {
  __proto__: null as unknown as ErrorConstructor,
  Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError,
};
const typedArrayConstructors: Record<string, new (buffer: ArrayBuffer, byteOffset: number, length: number) => ArrayBufferView> = {
  __proto__: null as unknown as never,
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array,
};

function dataCloneError(what: string): DOMException {
  return new DOMException(`${what} could not be cloned.`, "DataCloneError");
}

/** True when `getter` accepts `value` as its receiver: the engine's own brand check. */
function hasBrand(getter: (...args: never[]) => unknown, value: object, args: unknown[] = []): boolean {
  try {
    ReflectApply(getter, value, args);
    return true;
  } catch {
    return false;
  }
}

export function structuredClone(value: unknown, options?: { transfer?: unknown[] }): unknown {
  if (arguments.length === 0) throw new SafeTypeError("structuredClone: 1 argument required, but only 0 present.");
  const transfer = options?.transfer;
  if (transfer !== undefined && transfer.length > 0) {
    // Only ArrayBuffers can be listed, and they are copied: this V8 has no way to detach a
    // buffer from script (no ArrayBuffer.prototype.transfer). Byte streams (BYOB readers) rely
    // on this to hand buffers around, so it may not throw.
    for (let index = 0; index < transfer.length; index++) {
      if (!isArrayBuffer(transfer[index])) throw new DOMException("structuredClone: only ArrayBuffers can be transferred in Edge Playground.", "DataCloneError");
    }
  }
  return withRules(null, value);
}

/** Structured clone under `rules` (workerd's RPC serializer is stricter than structuredClone). */
export function cloneWithRules(value: unknown, with_: CloneRules): unknown {
  return withRules(with_, value);
}

function withRules(next: CloneRules | null, value: unknown): unknown {
  // A getter read during the clone may itself call structuredClone: restore what was in force.
  const before = rules;
  rules = next;
  try {
    return cloneValue(value, new SafeMap());
  } finally {
    rules = before;
  }
}

function cloneValue(value: unknown, memory: Memory): unknown {
  if (typeof value === "symbol") throw dataCloneError(`Symbol(${value.description ?? ""})`);
  if (typeof value === "function" && rules !== null) rules.fn(value);
  if (typeof value === "function") throw dataCloneError(`function ${value.name || "anonymous"}`);
  if (typeof value !== "object" || value === null) return value;
  if (ReflectApply(mapHas, memory, [value])) return ReflectApply(mapGet, memory, [value]);
  const remember = <T>(copy: T): T => {
    ReflectApply(mapSet, memory, [value, copy]);
    return copy;
  };
  for (const wrapper of primitiveWrappers) {
    if (hasBrand(wrapper.prototype.valueOf as () => unknown, value)) {
      return remember(SafeObject(ReflectApply(wrapper.prototype.valueOf, value, [])));
    }
  }
  if (hasBrand(dateGetTime, value)) return remember(new SafeDate(ReflectApply(dateGetTime, value, []) as number));
  if (hasBrand(regExpSourceGetter, value)) {
    return remember(new SafeRegExp(ReflectApply(regExpSourceGetter, value, []) as string, ReflectApply(regExpFlagsGetter, value, []) as string));
  }
  if (isArrayBuffer(value)) return remember(arrayBufferSlice(value, 0, arrayBufferByteLength(value)));
  if (ArrayBufferIsView(value)) return remember(cloneView(value, memory));
  if (hasBrand(mapSizeGetter, value)) return cloneMap(value as Map<unknown, unknown>, remember(new SafeMap()), memory);
  if (hasBrand(setSizeGetter, value)) return cloneSet(value as Set<unknown>, remember(new SafeSet()), memory);
  for (const constructor of uncloneable) {
    if (value instanceof constructor) throw dataCloneError(`#<${constructor.name}>`);
  }
  if (value instanceof SafeError) return cloneError(value, remember, memory);
  if (ArrayIsArray(value)) return cloneProperties(value, remember(new Array(value.length)), memory);
  if (rules !== null) rules.object(value);
  return cloneProperties(value, remember({}), memory);
}

function cloneView(view: ArrayBufferView, memory: Memory): ArrayBufferView {
  const { buffer, byteOffset, byteLength } = viewWindow(view);
  const bufferCopy = cloneValue(buffer, memory) as ArrayBuffer;
  const kind = typedArrayKind(view);
  if (kind === undefined) return new SafeDataView(bufferCopy, byteOffset, byteLength);
  const constructor = typedArrayConstructors[kind]!;
  const elementBytes = (constructor as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
  return new constructor(bufferCopy, byteOffset, byteLength / elementBytes);
}

function cloneMap(source: Map<unknown, unknown>, copy: Map<unknown, unknown>, memory: Memory): Map<unknown, unknown> {
  const entries: [unknown, unknown][] = [];
  ReflectApply(mapForEach, source, [(entryValue: unknown, key: unknown) => { entries[entries.length] = [key, entryValue]; }]);
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index]!;
    ReflectApply(mapSet, copy, [cloneValue(entry[0], memory), cloneValue(entry[1], memory)]);
  }
  return copy;
}

function cloneSet(source: Set<unknown>, copy: Set<unknown>, memory: Memory): Set<unknown> {
  const members: unknown[] = [];
  ReflectApply(setForEach, source, [(member: unknown) => { members[members.length] = member; }]);
  for (let index = 0; index < members.length; index++) {
    ReflectApply(setAdd, copy, [cloneValue(members[index], memory)]);
  }
  return copy;
}

function cloneError(error: Error, remember: <T>(copy: T) => T, memory: Memory): Error {
  const name = typeof error.name === "string" && errorConstructors[error.name] !== undefined ? error.name : "Error";
  const copy = remember(new errorConstructors[name]!());
  if (Object.hasOwn(error, "message")) copy.message = String(error.message);
  if (typeof error.stack === "string") copy.stack = error.stack;
  if (Object.hasOwn(error, "cause")) (copy as { cause?: unknown }).cause = cloneValue((error as { cause?: unknown }).cause, memory);
  return copy;
}

function cloneProperties<T extends object>(source: object, copy: T, memory: Memory): T {
  const keys = ObjectKeys(source);
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index]!;
    // Defined, not assigned: an own "__proto__" key must stay a key, not swap the prototype.
    ObjectDefineProperty(copy, key, dataDescriptor(cloneValue((source as Record<string, unknown>)[key], memory), true));
  }
  return copy;
}
