// One browser connection to a live session: rate limit (a token bucket of messagesPerSecondMax
// with a burst of messageBurstMax), validation at the edge, hello / resume, and every failure
// turned into a coded error that says whose fault it was. A bad message never closes the
// connection and never reaches the world; no host path or stack trace is ever sent.
import type { WebSocket } from "ws";
import { parseClientMessage, protocolLimits, protocolVersion, replyToOf, type ErrorCode, type ServerMessage } from "../protocol/index.ts";
import { dispatch, type DispatchDeps } from "../sessions/dispatch.ts";
import type { SessionRegistry } from "../sessions/registry.ts";
import { SessionError, type LiveSession } from "../sessions/session.ts";
import type { ClientLink } from "../sessions/trace-stream.ts";
import type { LogLine } from "./emitter-errors.ts";

export interface LiveDeps extends DispatchDeps {
  registry: SessionRegistry;
  log: LogLine;
  /** Overrides messagesPerSecondMax / messageBurstMax (the fuzz test raises them to reach the parser). */
  rate?: { perSecond: number; burst: number };
}

const userCodes = new Set(["invalid_scenario", "worker_load_failed", "invalid_command", "no_such_event", "not_reorderable", "limit", "not_ready", "no_such_project", "no_such_lesson", "share_too_large", "bad_share_link", "quarantined", "bad_message"]);

export function attachLiveSocket(socket: WebSocket, deps: LiveDeps): void {
  let session: LiveSession | null = null;
  const perSecond = deps.rate?.perSecond ?? protocolLimits.messagesPerSecondMax;
  const burst = deps.rate?.burst ?? protocolLimits.messageBurstMax;
  let tokens = burst;
  let lastRefillMs = Date.now();
  let warnedRate = false;
  const send = (message: ServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const link: ClientLink = { send, bufferedBytes: () => socket.bufferedAmount };
  const fail = (replyTo: number | null, code: ErrorCode, message: string, extra: { path?: string; limit?: string } = {}, blame?: "user" | "system") =>
    send({ type: "error", replyTo, code, blame: blame ?? (userCodes.has(code) || code === "rate_limited" || code === "message_too_large" || code === "version_mismatch" ? "user" : "system"), message, ...extra });

  socket.on("message", (data, isBinary) => {
    const nowMs = Date.now();
    tokens = Math.min(burst, tokens + ((nowMs - lastRefillMs) * perSecond) / 1000);
    lastRefillMs = nowMs;
    if (tokens < 1) {
      // Refused without parsing; one error per flood, not one per message.
      if (!warnedRate) fail(null, "rate_limited", `more than ${perSecond} messages per second (messagesPerSecondMax); messages are dropped until the rate falls`, { limit: "messagesPerSecondMax" });
      warnedRate = true;
      return;
    }
    tokens -= 1;
    warnedRate = false;
    if (isBinary) return fail(null, "bad_message", "message: expected text, got binary", { path: "" });
    const raw = data.toString();
    const parsed = parseClientMessage(raw);
    if (!parsed.ok) return fail(replyToOf(raw), parsed.error.code, parsed.error.message, withoutUndefined({ path: parsed.error.path, limit: parsed.error.limit }));
    const message = parsed.value;
    if (message.type === "hello") {
      session = hello(message.version, message.token, session);
      return;
    }
    const current = session;
    if (current === null) return fail(message.id ?? null, "not_ready", "send hello first");
    current.lastSeenMs = nowMs;
    void current.serial(() => dispatch(current, message, deps, send)).catch((error: unknown) => report(message.id ?? null, error));
  });

  socket.on("close", () => {
    if (session !== null && session.link === link) {
      session.link = null;
      session.lastSeenMs = Date.now();
    }
  });

  function hello(version: number, token: string | null, previous: LiveSession | null): LiveSession | null {
    if (version !== protocolVersion) {
      fail(null, "version_mismatch", `protocol version ${version} is not supported; the server speaks ${protocolVersion}: reload the page`);
      return previous;
    }
    let target = token === null ? undefined : deps.registry.resume(token);
    const resumed = target !== undefined;
    if (token !== null && !resumed) send({ type: "notice", level: "warning", code: "no_such_session", message: "that session has ended (closed after being idle, or the server restarted); a new one was started" });
    target ??= deps.registry.create() ?? undefined;
    if (target === undefined) {
      fail(null, "server_busy", `this server hosts at most ${deps.registry.sessionsMax} sessions (sessionsPerServerMax); try again later`, { limit: "sessionsPerServerMax" });
      return previous;
    }
    if (previous !== null && previous !== target && previous.link === link) previous.link = null;
    target.link?.send({ type: "notice", level: "warning", code: "taken_over", message: "this session was opened in another tab or connection" });
    target.link = link;
    target.lastSeenMs = Date.now();
    send({ type: "welcome", version: protocolVersion, token: target.token, resumed, limits: { ...protocolLimits }, state: target.state() });
    // A resumed client gets everything again: the trace from the start, responses, pending events.
    target.stream.restart();
    target.stream.flush(link);
    for (const response of target.responses) send({ type: "response", response });
    if (target.pending) send({ type: "pending", step: target.step, events: target.pending.events, total: target.pending.total });
    return target;
  }

  function report(replyTo: number | null, error: unknown): void {
    if (error instanceof SessionError) return fail(replyTo, error.code as ErrorCode, error.message, error.extra, error.blame);
    const coded = error as { code?: unknown; message?: unknown; path?: unknown };
    if (typeof coded.code === "string" && userCodes.has(coded.code)) {
      return fail(replyTo, coded.code as ErrorCode, String(coded.message), typeof coded.path === "string" ? { path: coded.path } : {});
    }
    if (coded.code === "server_busy") return fail(replyTo, "server_busy", String(coded.message));
    deps.log(`live session: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    fail(replyTo, "internal", "the server failed on this message (a bug); it was logged. Your session is intact.");
  }
}

function withoutUndefined(extra: { path?: string | undefined; limit?: string | undefined }): { path?: string; limit?: string } {
  const out: { path?: string; limit?: string } = {};
  if (extra.path !== undefined) out.path = extra.path;
  if (extra.limit !== undefined) out.limit = extra.limit;
  return out;
}
