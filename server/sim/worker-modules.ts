// A worker of several modules carries its main module's path and the other modules from the
// scenario to every script the world loads (the first version, deployments, live deploys), and
// so do its compatibility date and flags.
import type { WorkerSpec } from "./scenario-types.ts";

export function modulesOf(worker: WorkerSpec): { main?: string; modules?: Record<string, string>; compatibilityDate?: string; compatibilityFlags?: string[] } {
  return {
    ...(worker.main === undefined ? {} : { main: worker.main, modules: worker.modules ?? {} }),
    ...(worker.compatibilityDate === undefined ? {} : { compatibilityDate: worker.compatibilityDate }),
    ...(worker.compatibilityFlags === undefined ? {} : { compatibilityFlags: worker.compatibilityFlags }),
  };
}
