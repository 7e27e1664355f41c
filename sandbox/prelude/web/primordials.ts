// Builtins captured when the prelude is evaluated, before any worker code runs. Worker code
// shares this realm and may later patch prototypes (Array.prototype.push, JSON.stringify,
// Function.prototype.call, Symbol.iterator...). The runtime's trusted paths (the wire
// conversions, body storage, header storage) go through these copies so that a patch can
// neither break them nor observe the data that flows through them.

const { bind, call } = Function.prototype;
/** `uncurryThis(Array.prototype.push)(array, x)` behaves like the original `array.push(x)`. */
const uncurryThis = bind.bind(call) as <T, A extends unknown[], R>(
  fn: (this: T, ...args: A) => R,
) => (self: T, ...args: A) => R;

export const ObjectCreate = Object.create;
export const ObjectKeys = Object.keys;
export const ObjectDefineProperty = Object.defineProperty;
const ObjectGetPrototypeOf = Object.getPrototypeOf;
export const ReflectApply = Reflect.apply;
const ReflectDefineProperty = Reflect.defineProperty;
const ObjectSetPrototypeOf = Object.setPrototypeOf;
export const ArrayIsArray = Array.isArray;
export const ArrayPrototypeSort = uncurryThis(Array.prototype.sort) as <T = string>(
  array: T[],
  compare?: (a: T, b: T) => number,
) => T[];
export const ArrayPrototypeJoin = uncurryThis(Array.prototype.join);
export const ArrayPrototypeIncludes = uncurryThis(Array.prototype.includes) as <T>(array: readonly T[], value: T) => boolean;
export const StringPrototypeIndexOf = uncurryThis(String.prototype.indexOf);
export const StringPrototypeIncludes = uncurryThis(String.prototype.includes);
const PromisePrototype = Promise.prototype;
const promiseThen = uncurryThis(Promise.prototype.then) as <T>(promise: Promise<T>, onFulfilled: (value: T) => unknown, onRejected: (reason: unknown) => unknown) => Promise<unknown>;
/**
 * Runs `onFulfilled` or `onRejected` once `value` settles, without reading the `then` of a
 * native promise (which worker code may have replaced on Promise.prototype): a promise made by
 * an async function or the Promise constructor is chained with the original `then`; anything
 * else is resolved first, as the platform resolves a handler's result.
 */
export function whenSettled<T>(value: unknown, onFulfilled: (value: T) => unknown, onRejected: (reason: unknown) => unknown): Promise<unknown> {
  if (typeof value === "object" && value !== null && ObjectGetPrototypeOf(value) === PromisePrototype) {
    return promiseThen(value as Promise<T>, onFulfilled, onRejected);
  }
  return promiseThen(PromiseResolve(value as T), onFulfilled, onRejected);
}
export const StringPrototypeCharCodeAt = uncurryThis(String.prototype.charCodeAt);
export const StringPrototypeSlice = uncurryThis(String.prototype.slice);
export const StringPrototypeToLowerCase = uncurryThis(String.prototype.toLowerCase);
export const StringPrototypeToUpperCase = uncurryThis(String.prototype.toUpperCase);
export const StringFromCharCode = String.fromCharCode;
export const SafeString = String;
export const SafeNumber = Number;
export const NumberIsInteger = Number.isInteger;
export const JSONParse = JSON.parse;
export const JSONStringify = JSON.stringify;
export const SafeSymbolIterator: typeof Symbol.iterator = Symbol.iterator;
export const SafeSymbolAsyncIterator: typeof Symbol.asyncIterator = Symbol.asyncIterator;
export const SafeSymbolToStringTag: typeof Symbol.toStringTag = Symbol.toStringTag;
export const SafeUint8Array = Uint8Array;
export const SafeUint16Array = Uint16Array;
export const SafeDataView = DataView;
export const SafeTypeError = TypeError;
export const SafeRangeError = RangeError;
export const SafeError = Error;
const SafePromise = Promise;
export const SafeFunction = Function;
export const SafeMap = Map;
export const SafeSet = Set;
export const ArrayBufferIsView = ArrayBuffer.isView;
/** Promise.resolve/reject without looking up the (patchable) statics on Promise. */
export const PromiseResolve = <T>(value: T): Promise<T> => new SafePromise<T>((resolve) => resolve(value));
export const PromiseReject = (reason: unknown): Promise<never> => new SafePromise<never>((_, reject) => reject(reason));
const TypedArrayPrototype = ObjectGetPrototypeOf(Uint8Array.prototype) as object;
const typedArrayPrototypeBuffer = Object.getOwnPropertyDescriptor(TypedArrayPrototype, "buffer")!.get!;
const typedArrayPrototypeByteOffset = Object.getOwnPropertyDescriptor(TypedArrayPrototype, "byteOffset")!.get!;
const typedArrayPrototypeByteLength = Object.getOwnPropertyDescriptor(TypedArrayPrototype, "byteLength")!.get!;
const typedArrayPrototypeLength = Object.getOwnPropertyDescriptor(TypedArrayPrototype, "length")!.get!;
const typedArrayPrototypeToStringTag = Object.getOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag)!.get!;
const typedArrayPrototypeSet = TypedArrayPrototype as { set(array: ArrayLike<number>, offset?: number): void };
const typedArraySet = uncurryThis(typedArrayPrototypeSet.set);
const dataViewPrototypeBuffer = Object.getOwnPropertyDescriptor(DataView.prototype, "buffer")!.get!;
const dataViewPrototypeByteOffset = Object.getOwnPropertyDescriptor(DataView.prototype, "byteOffset")!.get!;
const dataViewPrototypeByteLength = Object.getOwnPropertyDescriptor(DataView.prototype, "byteLength")!.get!;
const arrayBufferPrototypeByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength")!.get!;
const arrayBufferPrototypeSlice = uncurryThis(ArrayBuffer.prototype.slice);

/** Byte length of a typed array, read through the original getter. */
export function typedArrayByteLength(view: ArrayBufferView): number {
  return ReflectApply(typedArrayPrototypeByteLength, view, []) as number;
}

/** The buffer of a typed array, read through the original getter. */
export function typedArrayBuffer(view: ArrayBufferView): ArrayBuffer {
  return ReflectApply(typedArrayPrototypeBuffer, view, []) as ArrayBuffer;
}

/** %TypedArray%.prototype.subarray, as it was at load. */
export const typedArraySubarray = uncurryThis((TypedArrayPrototype as Uint8Array).subarray) as <T extends Uint8Array | Uint16Array>(view: T, start: number, end: number) => T;

/** Element count of a typed array, read through the original getter. */
export function typedArrayLength(view: ArrayBufferView): number {
  return ReflectApply(typedArrayPrototypeLength, view, []) as number;
}

/** The typed array's class name ("Uint8Array"...) or undefined when `value` is not a typed array. */
export function typedArrayKind(value: unknown): string | undefined {
  return ReflectApply(typedArrayPrototypeToStringTag, value, []) as string | undefined;
}

/** True for ArrayBuffer objects (not SharedArrayBuffer), read through the brand-checking getter. */
export function isArrayBuffer(value: unknown): value is ArrayBuffer {
  // A view is never a buffer, and asking the getter would throw (an exception costs tens of
  // microseconds, and views are what the bindings see most).
  if (typeof value !== "object" || value === null || ArrayBufferIsView(value)) return false;
  try {
    ReflectApply(arrayBufferPrototypeByteLength, value, []);
    return true;
  } catch {
    return false;
  }
}

/** Byte length of an ArrayBuffer, immune to patched getters. */
export function arrayBufferByteLength(buffer: ArrayBuffer): number {
  return ReflectApply(arrayBufferPrototypeByteLength, buffer, []) as number;
}

export function arrayBufferSlice(buffer: ArrayBuffer, start: number, end: number): ArrayBuffer {
  return arrayBufferPrototypeSlice(buffer, start, end);
}

/** The (buffer, offset, length) window of any ArrayBufferView, read through the original getters. */
export function viewWindow(view: ArrayBufferView): { buffer: ArrayBuffer; byteOffset: number; byteLength: number } {
  if (typedArrayKind(view) !== undefined) {
    return {
      buffer: ReflectApply(typedArrayPrototypeBuffer, view, []) as ArrayBuffer,
      byteOffset: ReflectApply(typedArrayPrototypeByteOffset, view, []) as number,
      byteLength: ReflectApply(typedArrayPrototypeByteLength, view, []) as number,
    };
  }
  return {
    buffer: ReflectApply(dataViewPrototypeBuffer, view, []) as ArrayBuffer,
    byteOffset: ReflectApply(dataViewPrototypeByteOffset, view, []) as number,
    byteLength: ReflectApply(dataViewPrototypeByteLength, view, []) as number,
  };
}

/** A fresh Uint8Array holding a copy of the bytes of `source` (an ArrayBuffer or any view). */
export function copyBytes(source: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (isArrayBuffer(source)) {
    return new SafeUint8Array(arrayBufferSlice(source, 0, arrayBufferByteLength(source)));
  }
  const { buffer, byteOffset, byteLength } = viewWindow(source);
  return new SafeUint8Array(arrayBufferSlice(buffer, byteOffset, byteOffset + byteLength));
}

/** Copies `source` into `target` at `offset` with the original %TypedArray%.prototype.set. */
export function bytesSet(target: Uint8Array, source: ArrayLike<number>, offset: number): void {
  typedArraySet(target, source, offset);
}

/**
 * Appends to an array by defining an own data property, so neither a patched
 * Array.prototype.push nor a setter planted on Array.prototype can intercept the value.
 */
export function arrayAppend<T>(array: T[], value: T): void {
  ReflectDefineProperty(array, array.length, {
    __proto__: null,
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  } as PropertyDescriptor);
}

declare const runtimeOnly: unique symbol;

/**
 * An array that only the runtime sees (the host gets a copy): it has no prototype, so an index
 * store can find no setter on Array.prototype or Object.prototype, and appending is a plain
 * store (about 10 ns, where arrayAppend's defineProperty costs about 550 ns). It must never
 * reach user code: it has no methods and no iterator. The brand keeps listAppend to such arrays.
 */
export type RuntimeList<T> = T[] & { readonly [runtimeOnly]: true };

export function runtimeList<T>(): RuntimeList<T> {
  return ObjectSetPrototypeOf([], null) as RuntimeList<T>;
}

export function listAppend<T>(list: RuntimeList<T>, value: T): void {
  list[list.length] = value;
}

/** A property descriptor with a null prototype, so inherited `get`/`set` keys cannot leak in. */
export function dataDescriptor(value: unknown, enumerable = false): PropertyDescriptor {
  return { __proto__: null, value, writable: true, enumerable, configurable: true } as PropertyDescriptor;
}
