// A worker of several modules carries its main module's path and the other modules from the
// scenario to every script the world loads (the first version, deployments, live deploys).
import type { WorkerSpec } from "./scenario-types.ts";

export function modulesOf(worker: WorkerSpec): { main?: string; modules?: Record<string, string> } {
  return worker.main === undefined ? {} : { main: worker.main, modules: worker.modules ?? {} };
}
