// The simulated world's public API, for the world process, the CLI, lessons and tests.
//
//   parseScenario / parseScenarioText → Result<Scenario>   (errors name the field's path)
//   new World(scenario, { isolates, objectStorage }, seed?) → step, stepChoose, runUntil, run,
//       pending, command (faults now), result, traceHash, dispose
//   new Stepper(scenario, makeDeps, seed?) → the same plus recorded choices and rewind(n)
//   viewAt(trace, n) → what the UI shows at trace entry n, from the trace alone
//   traceHash(trace), canonicalJson(value)

export { parseFaultCommand, parseScenario, parseScenarioText } from "./scenario.ts";
export type * from "./scenario-types.ts";
export { World, type FaultCommand, type PendingEvent, type RunResult, type WorldDeps } from "./world/world.ts";
export type { RunResponse } from "./world/result.ts";
export { Stepper } from "./world/stepping.ts";
export { viewAt, type WorldView } from "./world/view.ts";
export { canonicalJson, traceHash, type TraceEntry, type TraceKind } from "./core/trace.ts";
export { limits, defaults } from "./core/limits.ts";
