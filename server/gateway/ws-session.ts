// One browser connection: validates each message, relays runs to the world process, and turns
// every failure into an error message that says whose fault it was. A bad message never closes
// the session and never reaches the world.
import type { WebSocket } from "ws";
import { gatewayLimits, parseClientMessage, protocolVersion, type ServerMessage } from "../protocol.ts";
import type { WorldSupervisor } from "../world/supervisor.ts";

export function attachSession(socket: WebSocket, world: WorldSupervisor): void {
  let runsInFlight = 0;
  const send = (message: ServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  send({ type: "welcome", version: protocolVersion });

  socket.on("message", (data, isBinary) => {
    if (isBinary) return send({ type: "error", runId: null, code: "bad_message", blame: "user", message: "message: expected text, got binary" });
    const parsed = parseClientMessage(data.toString());
    if (!parsed.ok) return send({ type: "error", runId: null, code: "bad_message", blame: "user", message: parsed.message });
    const message = parsed.value;
    switch (message.type) {
      case "hello":
        if (message.version !== protocolVersion) send({ type: "error", runId: null, code: "version_mismatch", blame: "user", message: `protocol version ${message.version} is not supported; the server speaks ${protocolVersion}: reload the page` });
        return;
      case "run_scenario": {
        if (runsInFlight >= gatewayLimits.runsInFlightPerConnectionMax) {
          return send({ type: "error", runId: message.runId, code: "too_many_runs", blame: "user", message: `at most ${gatewayLimits.runsInFlightPerConnectionMax} runs at once (runsInFlightPerConnectionMax)` });
        }
        runsInFlight++;
        send({ type: "run_started", runId: message.runId });
        const request = message.seed === undefined ? { type: "run_scenario" as const, scenario: message.scenario } : { type: "run_scenario" as const, scenario: message.scenario, seed: message.seed };
        world
          .request(request)
          .then((result) => send({ type: "run_result", runId: message.runId, result }))
          .catch((error: Error & { code?: string }) => {
            const code = error.code ?? "world_error";
            const blame = code === "invalid_scenario" || code === "worker_load_failed" ? "user" : "system";
            send({ type: "error", runId: message.runId, code, blame, message: error.message });
          })
          .finally(() => runsInFlight--);
        return;
      }
      default: {
        const unreachable: never = message;
        throw new Error(`unhandled message ${JSON.stringify(unreachable)}`);
      }
    }
  });
}
