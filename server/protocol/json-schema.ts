// JSON Schema of the protocol's messages (for tooling and docs). The scenario's schema lives in
// server/sim/scenario-schema.ts and is served at /schema/scenario.json.
import { z } from "zod";
import { clientMessage } from "./client-messages.ts";
import { serverMessage } from "./server-messages.ts";

export function clientMessageJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(clientMessage, { unrepresentable: "any", io: "input" }) as Record<string, unknown>;
}

export function serverMessageJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(serverMessage, { unrepresentable: "any" }) as Record<string, unknown>;
}
