// Every limit of the gateway and of live sessions, named with its unit last (DESIGN.md rule 6).
// The server sends these to the client in `welcome`, and every refusal names the limit it hit.

export const protocolLimits = {
  /** Largest WebSocket message the gateway accepts (a bigger one closes with 1009). */
  wsMessageBytesMax: 2 * 1024 * 1024,
  /** Sustained client messages per second per connection (a token bucket). */
  messagesPerSecondMax: 100,
  /** Messages a connection may send in one burst above the sustained rate. */
  messageBurstMax: 200,
  /** Bytes a slow client may have buffered before trace streaming stops and it is told to resync. */
  wsBufferedBytesMax: 8 * 1024 * 1024,
  /** Trace entries in one `trace` message. */
  traceChunkEntriesMax: 5_000,
  /** Live sessions one server hosts. */
  sessionsPerServerMax: 200,
  /** A session with no connection is closed after this long (its isolates and databases freed). */
  sessionIdleMs: 30 * 60 * 1000,
  /** Trace entries one session keeps; the world pauses with `trace_full` when it reaches it. */
  traceEntriesPerSessionMax: 500_000,
  /** Memory one session's isolates may hold (V8 heaps and what they allocated outside them, WebAssembly memory included); past it the session's world is closed. */
  sessionMemoryMbMax: 256,
  /** Wall ms of world-process time one session may use in any minute (its CPU share); past it, it pauses. */
  sessionCpuMsPerMinuteMax: 30_000,
  /** Nesting depth of a client message's JSON (a scenario nested thousands deep cannot cross to a world process). */
  jsonDepthMax: 64,
  /** Recorded actions (requests, deploys, choices, faults) of one session. */
  actionsPerSessionMax: 10_000,
  /** Events one `step` or `step_until` may run. */
  stepsPerMessageMax: 100_000,
  /** Pending events listed in one `pending` message (the earliest ones). */
  pendingEventsShownMax: 200,
  /** Play speed: virtual ms per wall-clock ms (0.1× to 1000× real time), or "max". */
  playSpeedMin: 0.1,
  playSpeedMax: 1000,
  /** Saved projects kept on this server. */
  projectsMax: 1_000,
  /** Serialized size of one saved project. */
  projectBytesMax: 4 * 1024 * 1024,
  /** Characters of a project or lesson name. */
  projectNameCharsMax: 100,
  /** Characters of a share link's fragment (compressed project, base64url). */
  shareFragmentCharsMax: 32_000,
  /** Characters of a client-chosen identifier (token, project id, lesson id, request name). */
  idCharsMax: 64,
} as const;

export type ProtocolLimits = typeof protocolLimits;

/**
 * One session's own budgets (16 §1): past one, that session (never a neighbour) is paused or its
 * world closed, with a message naming the budget. The defaults are protocolLimits'; a server may
 * lower them (ServerOptions.sessionBudgets: tests, a crowded classroom), never raise them.
 */
export interface SessionBudgets {
  sessionCpuMsPerMinuteMax: number;
  sessionMemoryMbMax: number;
  traceEntriesPerSessionMax: number;
}

export const sessionBudgetKeys = ["sessionCpuMsPerMinuteMax", "sessionMemoryMbMax", "traceEntriesPerSessionMax"] as const;

/** The budgets in force: each override, if it is a positive integer no higher than the default. */
export function sessionBudgetsOf(overrides: Partial<SessionBudgets> = {}): SessionBudgets {
  const out = {} as SessionBudgets;
  for (const key of sessionBudgetKeys) {
    const value = overrides[key];
    if (value !== undefined && !(Number.isInteger(value) && value >= 1 && value <= protocolLimits[key])) {
      throw new RangeError(`sessionBudgets.${key}: expected an integer from 1 to ${protocolLimits[key]} (a budget may be lowered, not raised), got ${String(value)}`);
    }
    out[key] = value ?? protocolLimits[key];
  }
  return out;
}
