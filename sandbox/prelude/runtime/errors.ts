// Errors crossing to the host become plain data, with the runtime's own stack frames removed so
// that what the learner sees points at their lines only.
import type { WireError } from "../../../server/sim/isolate-port.ts";
import { preludeFileName } from "../../runtime-names.ts";
import { emit, getCurrentRequestId } from "./ops.ts";
import { ArrayPrototypeJoin, ErrorCtor, StringCtor } from "./primordials.ts";


export function toWireError(error: unknown): WireError {
  if (error instanceof ErrorCtor) {
    const name = safeString(error.name, "Error");
    const message = safeString(error.message, "");
    const stack = typeof error.stack === "string" ? cleanStack(error.stack) : `${name}: ${message}`;
    return { name, message, stack };
  }
  const message = safeString(error, "");
  return { name: "Error", message: `Uncaught ${message}`, stack: `Uncaught ${message}` };
}

function safeString(value: unknown, fallback: string): string {
  try {
    return typeof value === "string" ? value : StringCtor(value);
  } catch {
    return fallback;
  }
}

function cleanStack(stack: string): string {
  const kept = stack.split("\n").filter((line) => !line.includes(preludeFileName));
  return ArrayPrototypeJoin(kept, "\n");
}

/** An exception nobody awaited (a timer callback, a waitUntil promise) is logged, as workerd does. */
export function reportUncaught(error: unknown, where: string): void {
  const wire = toWireError(error);
  emit({ kind: "log", requestId: getCurrentRequestId(), level: "error", message: `Uncaught ${where}: ${wire.stack}` });
}

/** Rebuilds an error the host sent back, keeping its name so `instanceof TypeError` works. */
export function fromHostError(error: { name: string; message: string }): Error {
  const constructors: Record<string, ErrorConstructor> = { TypeError, RangeError, SyntaxError };
  const made = new (constructors[error.name] ?? ErrorCtor)(error.message);
  if (made.name !== error.name) made.name = error.name;
  return made;
}
