// Errors crossing to the host become plain data, with the runtime's own stack frames removed so
// that what the learner sees points at their lines only. An exception may fight back: its
// `name`, `message` or `stack` may be a getter that throws, a Proxy may trap every read, its
// message may be megabytes long, and Error.prepareStackTrace may throw. None of that may
// escape into the runtime (it would end the isolate): every read is guarded, and a text over
// exceptionTextCharsMax is replaced by a note of its length before anything is copied to the
// host. Its characters are not read at all: a long string built by concatenation or repeat() is
// a rope, and reading any character flattens it (measured here: 130-200 ms of CPU for 9 MiB),
// which alone would end the request on its CPU limit instead of answering 500.
import type { WireError } from "../../../server/sim/isolate-port.ts";
import { sandboxLimits } from "../../limits.ts";
import { preludeFileName } from "../../runtime-names.ts";
import { DOMException } from "../web/dom-exception.ts";
import { emit, getCurrentRequestId } from "./ops.ts";
import { ErrorCtor, ReflectApply, StringCtor, StringPrototypeIndexOf, StringPrototypeSlice, TypeErrorCtor } from "./primordials.ts";

const textMax = sandboxLimits.exceptionTextCharsMax;
const objectToString = Object.prototype.toString;

/** Reads `object[key]` as text, or `fallback` when the read or the conversion throws. */
function readText(object: unknown, key: string, fallback: string): string {
  try {
    const value = (object as Record<string, unknown>)[key];
    if (value === undefined) return fallback;
    return cut(typeof value === "string" ? value : StringCtor(value));
  } catch {
    return fallback;
  }
}

/** The text itself, or (over textMax characters) a note of its length. */
function cut(text: string): string {
  if (text.length <= textMax) return text;
  return `(${text.length} characters, not shown: over exceptionTextCharsMax = ${textMax})`;
}

function isErrorObject(value: unknown): boolean {
  try {
    return typeof value === "object" && value !== null && ReflectApply(objectToString, value, []) === "[object Error]";
  } catch {
    return false; // a revoked Proxy, or one whose traps throw
  }
}

export function toWireError(error: unknown): WireError {
  if (isErrorObject(error)) {
    const name = readText(error, "name", "Error");
    const message = readText(error, "message", "");
    const stack = readText(error, "stack", "");
    return { name, message, stack: stack === "" ? `${name}: ${message}` : cleanStack(stack) };
  }
  let message: string;
  try {
    message = cut(typeof error === "string" ? error : StringCtor(error));
  } catch {
    message = "an exception that cannot be converted to a string";
  }
  return { name: "Error", message: `Uncaught ${message}`, stack: `Uncaught ${message}` };
}

/** Drops the stack lines that point into the prelude, with no patchable String methods. */
export function cleanStack(stack: string): string {
  let kept = "";
  let start = 0;
  while (start <= stack.length) {
    let end = StringPrototypeIndexOf(stack, "\n", start);
    if (end === -1) end = stack.length;
    const line = StringPrototypeSlice(stack, start, end);
    if (StringPrototypeIndexOf(line, preludeFileName) === -1) kept = kept === "" ? line : `${kept}\n${line}`;
    start = end + 1;
  }
  return kept;
}

/** An exception nobody awaited (a timer callback, a waitUntil promise) is logged, as workerd does. */
export function reportUncaught(error: unknown, where: string): void {
  const wire = toWireError(error);
  emit({ kind: "log", requestId: getCurrentRequestId(), level: "error", message: `Uncaught ${where}: ${wire.stack}` });
}

const hostErrorConstructors = { __proto__: null, TypeError: TypeErrorCtor, RangeError, SyntaxError, ReferenceError, EvalError, URIError } as unknown as Record<string, ErrorConstructor>;

/**
 * Rebuilds an error the host sent back (a binding's failure, or an exception an RPC method
 * threw in another isolate), keeping its class so `instanceof TypeError` works.
 */
export function fromHostError(error: { name: string; message: string }): Error {
  if (StringPrototypeSlice(error.name, 0, 13) === "DOMException:") return new DOMException(error.message, StringPrototypeSlice(error.name, 13));
  const made = new (hostErrorConstructors[error.name] ?? ErrorCtor)(error.message);
  if (!(error.name in hostErrorConstructors) && error.name !== "Error") {
    Object.defineProperty(made, "name", { value: error.name, writable: true, enumerable: false, configurable: true });
  }
  return made;
}
