// Runs one scenario to rest with real isolates and real SQLite storage (in a temporary
// directory removed afterwards). Shared by the scenario CLI and the world process.
import { modulesOf } from "../sim/worker-modules.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deriveSeed } from "../sim/core/prng.ts";
import type { IsolateFactory } from "../sim/isolate-port.ts";
import type { Scenario } from "../sim/scenario-types.ts";
import { World, type RunResult } from "../sim/world/world.ts";
import { SqliteStorageProvider } from "../store/sqlite-object-storage.ts";

export type ScenarioRun = { ok: true; result: RunResult } | { ok: false; code: "worker_load_failed"; message: string };

/** Loads each worker version once, so a compile error is reported with its line before the run. */
export function checkWorkersLoad(scenario: Scenario, factory: IsolateFactory): string | null {
  const scripts = [
    ...scenario.workers.map((w) => ({ name: w.name, version: w.version, code: w.code, bindings: w.bindings, ...modulesOf(w) })),
    ...scenario.deployments.map((d) => {
      const base = scenario.workers.find((w) => w.name === d.worker)!;
      return { name: d.worker, version: d.version, code: d.code, bindings: base.bindings, ...modulesOf(base) };
    }),
  ];
  for (const script of scripts) {
    const loaded = factory.load(script, { seed: deriveSeed(scenario.seed, "check"), nowMs: 0, sync: () => ({ ok: false, error: { name: "Error", message: "not available while checking" } }) });
    if (loaded.ok) {
      loaded.isolate.dispose();
      continue;
    }
    const { code, message, line, column, file } = loaded.error;
    const where = line === null ? "" : ` at ${file ?? script.main ?? `${script.name}.js`}:${line}${column === null ? "" : `:${column}`}`;
    return `worker "${script.name}" (${script.version}) failed to load: ${code}${where}: ${message}`;
  }
  return null;
}

export function runScenario(scenario: Scenario, seed: number, isolates: IsolateFactory): ScenarioRun {
  const loadError = checkWorkersLoad(scenario, isolates);
  if (loadError !== null) return { ok: false, code: "worker_load_failed", message: loadError };
  const dir = mkdtempSync(join(tmpdir(), "edge-scenario-"));
  const storage = new SqliteStorageProvider({ dir });
  const world = new World(scenario, { isolates, objectStorage: storage }, seed);
  try {
    return { ok: true, result: world.run() };
  } finally {
    world.dispose();
    storage.closeAll();
    rmSync(dir, { recursive: true, force: true });
  }
}
