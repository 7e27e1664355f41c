// Messages between the gateway and the world process (Node IPC, advanced serialization).
import type { WireRequest } from "../sim/isolate-port.ts";

export type WorldRequest =
  | { type: "ping" }
  /** Runs a scenario (untrusted JSON; the world validates it) to completion. */
  | { type: "run_scenario"; scenario: unknown; seed?: number }
  /** Test hook: crash the world process the way a V8 abort would. */
  | { type: "crash" };

export type WorldReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { code: string; message: string } };

export type { WireRequest };
