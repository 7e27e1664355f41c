// Raw text from the socket → a validated ClientMessage, or a coded error naming the bad field.
// This is the only place client JSON is parsed (STYLE.md rule 7).
import type { z } from "zod";
import { clientMessage, clientMessageTypes, type ClientMessage } from "./client-messages.ts";
import type { ErrorCode } from "./errors.ts";
import { protocolLimits } from "./limits.ts";

export interface ProtocolError {
  code: ErrorCode;
  message: string;
  path?: string;
  limit?: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ProtocolError };

/** `deploy.rollout.stepMs`, `request.headers["x-a"]`, `fault.regions[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === "" ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** The first issue of a zod error as one readable line, with its path. */
export function describeIssue(error: z.ZodError, prefix = ""): ProtocolError {
  const issue = error.issues[0]!;
  const path = formatPath([...(prefix === "" ? [] : [prefix]), ...issue.path]);
  const limit = /\((\w+Max|\w+Min)\)/.exec(issue.message)?.[1];
  const message = `${path === "" ? "message" : path}: ${issue.message}`;
  return limit === undefined ? { code: "bad_message", message, path } : { code: "bad_message", message, path, limit };
}

export function parseClientMessage(raw: string): Parsed<ClientMessage> {
  if (raw.length > protocolLimits.wsMessageBytesMax) {
    return { ok: false, error: { code: "message_too_large", message: `message is larger than ${protocolLimits.wsMessageBytesMax} bytes (wsMessageBytesMax)`, limit: "wsMessageBytesMax" } };
  }
  const depth = jsonDepthOf(raw, protocolLimits.jsonDepthMax);
  if (depth > protocolLimits.jsonDepthMax) {
    return { ok: false, error: { code: "bad_message", message: `message: nested more than ${protocolLimits.jsonDepthMax} levels deep (jsonDepthMax)`, path: "", limit: "jsonDepthMax" } };
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, error: { code: "bad_message", message: "message: not valid JSON", path: "" } };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return { ok: false, error: { code: "bad_message", message: "message: expected a JSON object", path: "" } };
  const type = (data as { type?: unknown }).type;
  if (typeof type !== "string" || !(clientMessageTypes as string[]).includes(type)) {
    const shown = typeof type === "string" ? JSON.stringify(type.slice(0, 40)) : typeof type;
    return { ok: false, error: { code: "bad_message", message: `type: unknown message type ${shown}; expected one of ${clientMessageTypes.join(", ")}`, path: "type" } };
  }
  const parsed = clientMessage.safeParse(data);
  if (!parsed.success) return { ok: false, error: describeIssue(parsed.error) };
  return { ok: true, value: parsed.data as ClientMessage };
}

/**
 * The deepest nesting of arrays and objects in JSON text (strings skipped), counted up to just
 * past `stopAt`: a value nested thousands deep parses, but no structured clone can carry it to a
 * world process (`RangeError: Maximum call stack size exceeded`), so it is refused at the edge.
 */
export function jsonDepthOf(text: string, stopAt: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > deepest && (deepest = depth) > stopAt) return deepest;
    } else if (c === 93 || c === 125) depth--;
  }
  return deepest;
}

/** The client's `id`, when it can be read, so even a refused message is answered with it. */
export function replyToOf(raw: string): number | null {
  const match = /"id"\s*:\s*(\d{1,10})\b/.exec(raw.slice(0, 4096));
  return match === null ? null : Math.min(Number(match[1]), 2 ** 31 - 1);
}
