// console.* inside the isolate: each line becomes a `log` operation attributed to the current
// request, capped per request so that a log storm costs the host nothing.
import type { LogLevel } from "../../../server/sim/isolate-port.ts";
import { sandboxLimits } from "../../limits.ts";
import { formatArgs } from "./format.ts";
import { emit, getCurrentRequestId } from "./ops.ts";
import { requestState } from "./request-state.ts";
import { cleanStack } from "./errors.ts";
import { ErrorCaptureStackTrace, ObjectCreate, StringPrototypeIndexOf, StringPrototypeSlice } from "./primordials.ts";

function log(level: LogLevel, args: unknown[]): void {
  const requestId = getCurrentRequestId();
  if (requestId !== null) {
    const state = requestState(requestId);
    if (state.logLines >= sandboxLimits.logLinesPerRequestMax) {
      state.logLinesDropped++;
      return;
    }
    state.logLines++;
  }
  let message = formatArgs(args);
  if (message.length > sandboxLimits.logLineCharsMax) {
    message = `${StringPrototypeSlice(message, 0, sandboxLimits.logLineCharsMax)}… (line cut at logLineCharsMax = ${sandboxLimits.logLineCharsMax})`;
  }
  const at = callerFrame();
  emit(at === null ? { kind: "log", requestId, level, message } : { kind: "log", requestId, level, message, at });
}

/**
 * The stack line of the learner's code that called console (the editor links the log line to
 * it). The stack is read in a try: the learner may have replaced Error.prepareStackTrace.
 */
function callerFrame(): string | null {
  if (ErrorCaptureStackTrace === undefined) return null;
  try {
    const holder = ObjectCreate(null) as { stack?: unknown };
    ErrorCaptureStackTrace(holder);
    const stack = holder.stack;
    if (typeof stack !== "string") return null;
    const kept = cleanStack(stack);
    // The first line is the "Error" header; the next kept line is the caller.
    const newline = StringPrototypeIndexOf(kept, "\n");
    if (newline === -1) return null;
    const next = StringPrototypeIndexOf(kept, "\n", newline + 1);
    return StringPrototypeSlice(kept, newline + 1, next === -1 ? kept.length : next);
  } catch {
    return null;
  }
}

export function installConsole(global: Record<string, unknown>): void {
  const console = Object.create(null) as Record<string, unknown>;
  const levels: LogLevel[] = ["log", "info", "warn", "error", "debug"];
  for (const level of levels) {
    Object.defineProperty(console, level, { value: (...args: unknown[]) => log(level, args), writable: true, enumerable: true, configurable: true });
  }
  Object.defineProperty(console, "trace", { value: (...args: unknown[]) => log("debug", args), writable: true, enumerable: true, configurable: true });
  Object.defineProperty(global, "console", { value: console, writable: true, configurable: true });
}
