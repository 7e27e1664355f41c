// Classifies what isolated-vm throws at the host: a limit, a disposal, or the user's error.
import type ivm from "isolated-vm";

export type HostFailure =
  | { type: "timeout" }
  | { type: "memory_limit" }
  | { type: "disposed"; message: string }
  | { type: "user_error"; name: string; message: string; file: string | null; line: number | null; column: number | null };

const locationPattern = /\[([^\]]*):(\d+):(\d+)\]\s*$/;

export function classifyHostError(error: unknown, isolate: ivm.Isolate): HostFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (/timed out/i.test(message)) return { type: "timeout" };
  if (/memory limit/i.test(message)) return { type: "memory_limit" };
  if (isolate.isDisposed || /disposed/i.test(message)) return { type: "disposed", message };
  const name = error instanceof Error ? error.name : "Error";
  return { type: "user_error", name, ...splitLocation(message) };
}

/** isolated-vm appends ` [file:line:column]` to compile errors; split it off. */
export function splitLocation(message: string): { message: string; file: string | null; line: number | null; column: number | null } {
  const match = locationPattern.exec(message);
  if (match === null) return { message, file: null, line: null, column: null };
  return { message: message.slice(0, match.index).trimEnd(), file: match[1] ?? null, line: Number(match[2]), column: Number(match[3]) };
}
