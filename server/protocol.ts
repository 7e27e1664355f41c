// The WebSocket protocol between the browser and the gateway: one version, a client union and a
// server union discriminated on `type`. Raw JSON is parsed and validated once, here, at the edge.

export const protocolVersion = 1;

export const gatewayLimits = {
  /** Largest WebSocket message the gateway accepts. */
  wsMessageBytesMax: 2 * 1024 * 1024,
  /** Runs one connection may have in flight at once. */
  runsInFlightPerConnectionMax: 2,
} as const;

export type ClientMessage =
  | { type: "hello"; version: number }
  | { type: "run_scenario"; runId: string; scenario: unknown; seed?: number };

export type ErrorBlame = "user" | "system";

export type ServerMessage =
  | { type: "welcome"; version: number }
  | { type: "run_started"; runId: string }
  | { type: "run_result"; runId: string; result: unknown }
  | { type: "error"; runId: string | null; code: string; blame: ErrorBlame; message: string };

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function parseClientMessage(raw: string): Parsed<ClientMessage> {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, message: "message: not valid JSON" };
  }
  if (!isRecord(data)) return { ok: false, message: "message: expected a JSON object" };
  switch (data.type) {
    case "hello":
      if (typeof data.version !== "number") return { ok: false, message: "hello.version: expected a number" };
      return { ok: true, value: { type: "hello", version: data.version } };
    case "run_scenario": {
      if (typeof data.runId !== "string" || data.runId.length === 0 || data.runId.length > 64) return { ok: false, message: "run_scenario.runId: expected a string of 1 to 64 characters" };
      if (data.seed !== undefined && !Number.isSafeInteger(data.seed)) return { ok: false, message: "run_scenario.seed: expected an integer" };
      if (!isRecord(data.scenario)) return { ok: false, message: "run_scenario.scenario: expected an object" };
      const message: ClientMessage = { type: "run_scenario", runId: data.runId, scenario: data.scenario };
      if (typeof data.seed === "number") message.seed = data.seed;
      return { ok: true, value: message };
    }
    default:
      return { ok: false, message: `message.type: unknown type ${JSON.stringify(data.type)}; expected "hello" or "run_scenario"` };
  }
}
