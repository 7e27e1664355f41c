// The world process: the simulation and the isolates it drives, in one child process so that
// delivering an event to an isolate is a synchronous in-process call. The supervisor restarts it
// if V8 takes it down.
import { createSandboxFactory } from "../../sandbox/index.ts";
import { parseScenario } from "../sim/scenario.ts";
import type { WorldReply, WorldRequest } from "./ipc-protocol.ts";
import { runScenario } from "./run-scenario.ts";

const sandbox = createSandboxFactory();
sandbox.warmUp();

type Answer = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

function handle(request: WorldRequest): Answer {
  switch (request.type) {
    case "ping":
      return { ok: true, value: { pid: process.pid } };
    case "crash":
      process.abort();
    case "run_scenario": {
      const parsed = parseScenario(request.scenario);
      if (!parsed.ok) return { ok: false, error: { code: "invalid_scenario", message: parsed.error.message } };
      const run = runScenario(parsed.value, request.seed ?? parsed.value.seed, sandbox);
      if (!run.ok) return { ok: false, error: { code: run.code, message: run.message } };
      return { ok: true, value: run.result };
    }
  }
}

process.on("message", (message: { id: number; message: WorldRequest }) => {
  let answer: Answer;
  try {
    answer = handle(message.message);
  } catch (error) {
    answer = { ok: false, error: { code: "world_error", message: error instanceof Error ? error.message : String(error) } };
  }
  process.send?.({ id: message.id, ...answer } satisfies WorldReply);
});
process.on("disconnect", () => process.exit(0));
