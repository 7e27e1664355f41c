// console.* inside the isolate: each line becomes a `log` operation attributed to the current
// request, capped per request so that a log storm costs the host nothing.
import type { LogLevel } from "../../../server/sim/isolate-port.ts";
import { sandboxLimits } from "../../limits.ts";
import { formatArgs } from "./format.ts";
import { emit, getCurrentRequestId } from "./ops.ts";
import { requestState } from "./request-state.ts";
import { StringPrototypeSlice } from "./primordials.ts";

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
  emit({ kind: "log", requestId, level, message });
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
