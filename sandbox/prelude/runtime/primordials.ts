// Builtins captured before any user code runs. User code shares this isolate and may replace
// `Array.prototype.push`, `JSON.stringify` or `Function.prototype.call`; the runtime calls only
// these captured copies, so a patch can neither break the runtime nor observe what it passes to
// the host. Those the Web layer captures too are shared from there.

export { arrayAppend, typedArrayByteLength, typedArrayLength, ArrayPrototypeIncludes, StringPrototypeIncludes, StringPrototypeIndexOf, whenSettled } from "../web/primordials.ts";
export { ArrayIsArray, ArrayPrototypeJoin, JSONParse, JSONStringify, ObjectCreate, ObjectDefineProperty, ObjectKeys, PromiseReject, PromiseResolve, ReflectApply, StringPrototypeSlice } from "../web/primordials.ts";

const uncurry = <T, A extends unknown[], R>(fn: (this: T, ...args: A) => R) =>
  Function.prototype.call.bind(fn) as unknown as (self: T, ...args: A) => R;

// push assigns through [[Set]], which a setter planted on Array.prototype or Object.prototype
// (for "0", "1"...) intercepts: runtime arrays grow with arrayAppend instead.
export const ArrayPrototypePush = uncurry(Array.prototype.push) as <T>(self: T[], ...items: T[]) => number;
export const ArrayPrototypeShift = uncurry(Array.prototype.shift) as <T>(self: T[]) => T | undefined;
export const ArrayPrototypeSlice = uncurry(Array.prototype.slice) as <T>(self: T[], start?: number, end?: number) => T[];
export const ArrayPrototypeMap = uncurry(Array.prototype.map) as <T, U>(self: T[], fn: (v: T, i: number) => U) => U[];
export const MapCtor = Map;
export const SetCtor = Set;
export const WeakMapCtor = WeakMap;
export const MapPrototypeGet = uncurry(Map.prototype.get) as <K, V>(self: Map<K, V>, key: K) => V | undefined;
export const MapPrototypeSet = uncurry(Map.prototype.set) as <K, V>(self: Map<K, V>, key: K, value: V) => Map<K, V>;
export const MapPrototypeHas = uncurry(Map.prototype.has) as <K, V>(self: Map<K, V>, key: K) => boolean;
export const MapPrototypeDelete = uncurry(Map.prototype.delete) as <K, V>(self: Map<K, V>, key: K) => boolean;
export const SetPrototypeAdd = uncurry(Set.prototype.add) as <T>(self: Set<T>, value: T) => Set<T>;
export const SetPrototypeDelete = uncurry(Set.prototype.delete) as <T>(self: Set<T>, value: T) => boolean;
export const ObjectFreeze = Object.freeze;
export const PromiseCtor = Promise;
export const PromisePrototypeThen = uncurry(Promise.prototype.then) as <T>(
  self: Promise<T>,
  onFulfilled: (value: T) => unknown,
  onRejected: (reason: unknown) => unknown,
) => Promise<unknown>;
export const StringCtor = String;
export const ErrorCtor = Error;
/** V8's, taken before learner code can replace it (console lines find their caller with it). */
export const ErrorCaptureStackTrace = (Error as { captureStackTrace?: (target: object) => void }).captureStackTrace;
export const TypeErrorCtor = TypeError;
export const Uint8ArrayCtor = Uint8Array;
export const MathFloor = Math.floor;
export const MathMax = Math.max;
export const MathMin = Math.min;
export const NumberIsFinite = Number.isFinite;
