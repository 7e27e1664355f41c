// node:assert for the "node" chunk (unenv 1 has none): the assertions real programs call, with
// Node's AssertionError (name, code ERR_ASSERTION, actual, expected, operator) and workerd's
// messages for the simple cases. workerd's node:assert is strict throughout (equal is
// strictEqual, deepEqual is deepStrictEqual), and so is this one. Deep equality follows Node's
// strict rules (prototypes, Map and Set contents, Dates, typed arrays).
import { inspect } from "./inspect.ts";

export class AssertionError extends Error {
  readonly code = "ERR_ASSERTION";
  readonly generatedMessage: boolean;
  readonly actual: unknown;
  readonly expected: unknown;
  readonly operator: string;
  constructor(options: { message?: string; actual?: unknown; expected?: unknown; operator?: string }) {
    super(options.message ?? `${inspect(options.actual)} ${options.operator} ${inspect(options.expected)}`);
    this.name = "AssertionError";
    this.generatedMessage = options.message === undefined;
    this.actual = options.actual;
    this.expected = options.expected;
    this.operator = options.operator ?? "fail";
  }
}

export function isDeepEqual(a: unknown, b: unknown, strict: boolean, seen = new Map<object, object>()): boolean {
  if (strict ? Object.is(a, b) : a == b || (a !== a && b !== b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (seen.get(a) === b) return true;
  seen.set(a, b);
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof RegExp && b instanceof RegExp) return String(a) === String(b);
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength), y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    return x.length === y.length && x.every((v, i) => v === y[i]);
  }
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !isDeepEqual(v, b.get(k), strict, seen)) return false;
    return true;
  }
  if (a instanceof Set && b instanceof Set) {
    if (a.size !== b.size) return false;
    for (const v of a) if (!b.has(v) && ![...b].some((w) => isDeepEqual(v, w, strict, seen))) return false;
    return true;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!Object.prototype.hasOwnProperty.call(b, k) || !isDeepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], strict, seen)) return false;
  return true;
}

function check(pass: boolean, actual: unknown, expected: unknown, operator: string, message: unknown, generated: () => string): void {
  if (pass) return;
  if (message instanceof Error) throw message;
  throw new AssertionError({ message: message === undefined ? generated() : String(message), actual, expected, operator });
}

function matchesError(error: unknown, expected: unknown): boolean {
  if (expected === undefined) return true;
  if (typeof expected === "function") {
    if (expected.prototype !== undefined && error instanceof (expected as new () => unknown)) return true;
    if (Error.isPrototypeOf(expected) || expected === Error) return false;
    return (expected as (e: unknown) => unknown)(error) === true;
  }
  if (expected instanceof RegExp) return expected.test(String(error));
  if (typeof expected === "object" && expected !== null) {
    return Object.keys(expected).every((k) => {
      const want = (expected as Record<string, unknown>)[k], got = (error as Record<string, unknown>)[k];
      return want instanceof RegExp && typeof got === "string" ? want.test(got) : isDeepEqual(got, want, true);
    });
  }
  return true;
}

/** workerd's deep-equal message: both sides inspected, a caret under the first difference. */
function deepMessage(a: unknown, b: unknown): string {
  const left = `+ ${inspect(a)}`, right = `- ${inspect(b)}`;
  let message = `Expected values to be strictly deep-equal:\n+ actual - expected\n\n${left}\n${right}`;
  if (!left.includes("\n") && !right.includes("\n")) {
    let at = 2;
    while (at < left.length && left[at] === right[at]) at++;
    message += `\n${" ".repeat(at)}^`;
  }
  return message;
}

export function createAssert(): Record<string, unknown> {
  function ok(...args: unknown[]): void {
    const [value, message] = args;
    check(Boolean(value), value, true, "==", message, () => (args.length === 0 ? "No value argument passed to `assert.ok()`" : `${inspect(value)} == true`));
  }
  const assert = ((...args: unknown[]) => ok(...args)) as unknown as Record<string, unknown>;
  const strictEqual = (a: unknown, b: unknown, m?: unknown) => check(Object.is(a, b), a, b, "strictEqual", m, () => `Values are not strictly equal:\n\n\n[Diff] Actual / Expected\n\n\n-   ${inspect(a)}\n+   ${inspect(b)}\n`);
  const notStrictEqual = (a: unknown, b: unknown, m?: unknown) => check(!Object.is(a, b), a, b, "notStrictEqual", m, () => "Expected actual to be strictly unequal to expected");
  const deepStrictEqual = (a: unknown, b: unknown, m?: unknown) => check(isDeepEqual(a, b, true), a, b, "deepStrictEqual", m, () => deepMessage(a, b));
  const notDeepStrictEqual = (a: unknown, b: unknown, m?: unknown) => check(!isDeepEqual(a, b, true), a, b, "notDeepStrictEqual", m, () => `Expected "actual" not to be strictly deep-equal to: ${inspect(b)}`);
  const [equal, notEqual, deepEqual, notDeepEqual] = [strictEqual, notStrictEqual, deepStrictEqual, notDeepStrictEqual];
  const throws = (fn: () => unknown, expected?: unknown, message?: unknown) => {
    if (typeof expected === "string") [message, expected] = [expected, undefined];
    try {
      fn();
    } catch (error) {
      if (!matchesError(error, expected)) throw error;
      return;
    }
    check(false, undefined, expected, "throws", message, () => "Missing expected exception" + (message === undefined ? "." : `: ${String(message)}`));
  };
  const rejects = async (promiseOrFn: unknown, expected?: unknown, message?: unknown) => {
    if (typeof expected === "string") [message, expected] = [expected, undefined];
    try {
      await (typeof promiseOrFn === "function" ? (promiseOrFn as () => unknown)() : promiseOrFn);
    } catch (error) {
      if (!matchesError(error, expected)) throw error;
      return;
    }
    check(false, undefined, expected, "rejects", message, () => "Missing expected rejection.");
  };
  const doesNotThrow = (fn: () => unknown, message?: unknown) => {
    try {
      fn();
    } catch (error) {
      check(false, error, undefined, "doesNotThrow", typeof message === "string" ? message : undefined, () => `Got unwanted exception.\nActual message: "${(error as Error)?.message}"`);
    }
  };
  const fail = (message?: unknown) => check(false, undefined, undefined, "fail", message ?? "Failed", () => "Failed");
  const match = (s: string, re: RegExp, m?: unknown) => check(re.test(s), s, re, "match", m, () => `The input did not match the regular expression ${String(re)}. Input:\n\n${inspect(s)}\n`);
  Object.assign(assert, { ok, equal, notEqual, strictEqual, notStrictEqual, deepEqual, notDeepEqual, deepStrictEqual, notDeepStrictEqual, throws, rejects, doesNotThrow, fail, match, AssertionError });
  return assert;
}
