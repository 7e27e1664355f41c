// Parses and validates a scenario (DESIGN.md "Scenario files") as untrusted input. Every error
// names the bad field's path and, where a limit is involved, the limit's name. Compatible
// extensions: `workers: [...]` beside `worker`, worker `name` and `routes`, `deployments`,
// `origins`, and the world options of scenario-world.ts.

import { limits } from "./core/limits.ts";
import { err, ok, type Result, type SimError } from "./core/result.ts";
import { parseDeployments, parseFault, parseFaults, parseOrigins, parseWorker } from "./scenario-parts.ts";
import { FieldError, type Json, arr, fail, num, obj, onlyKeys, optional, readHeaders, readUrl, regionOf, str } from "./scenario-reader.ts";
import type { ClientRetry, FaultSpec, Scenario, TrafficEntry, WorkerSpec } from "./scenario-types.ts";
import { parseWorld } from "./scenario-world.ts";
import { scenarioSchema } from "./scenario-schema.ts";

export type * from "./scenario-types.ts";

const topKeys = ["name", "seed", "world", "worker", "workers", "traffic", "faults", "deployments", "origins", "description"] as const;

export function parseScenarioText(text: string): Result<Scenario> {
  if (text.length > limits.scenarioBytesMax) {
    return err({ code: "scenario_too_large", path: "", message: `scenario is larger than ${limits.scenarioBytesMax} bytes (scenarioBytesMax)` });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return err({ code: "invalid_json", path: "", message: `not valid JSON: ${(e as Error).message}` });
  }
  return parseScenario(json);
}

export function parseScenario(json: unknown): Result<Scenario, SimError> {
  // Shapes, ranges and size limits first (one zod definition, which also gives the JSON
  // Schema); then what needs the whole file (regions that exist, names used twice, defaults).
  const shaped = scenarioSchema.safeParse(json);
  if (!shaped.success) return err(schemaError(shaped.error.issues[0]!));
  try {
    return ok(readScenario(json));
  } catch (e) {
    if (e instanceof FieldError) return err({ code: "invalid_scenario", path: e.path, message: e.message });
    throw e;
  }
}

interface SchemaIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
}

function schemaError(issue: SchemaIssue): SimError {
  let path = formatPath(issue.path);
  let detail = issue.message;
  if (issue.code === "unrecognized_keys" && issue.keys && issue.keys.length > 0) {
    path = path === "" ? issue.keys[0]! : `${path}.${issue.keys[0]}`;
    detail = "unknown field";
  }
  const shown = path === "" ? "(scenario)" : path;
  return { code: "invalid_scenario", path, message: `${shown}: ${detail}` };
}

/** `traffic[2].atMs`, `worker.bindings.K.type`. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) out += typeof key === "number" ? `[${key}]` : out === "" ? String(key) : `.${String(key)}`;
  return out;
}

/**
 * A fault sent as a command during a run (untrusted, from the UI): the fault format of the
 * scenario file, where `atMs` may be left out because the fault applies now.
 */
export function parseFaultCommand(json: unknown, scenario: Scenario): Result<FaultSpec, SimError> {
  try {
    const f = obj(json, "command");
    return ok(parseFault({ atMs: 0, ...f }, "command", scenario.world.regions, scenario.workers));
  } catch (e) {
    if (e instanceof FieldError) return err({ code: "invalid_command", path: e.path, message: e.message });
    throw e;
  }
}

function readScenario(json: Json): Scenario {
  const s = obj(json, "(scenario)");
  onlyKeys(s, "", topKeys);
  const world = parseWorld(s.world);
  const workers = readWorkers(s);
  const workerNames = workers.map((w) => w.name);
  return {
    name: optional(s, "name", (v) => str(v, "name"), "scenario"),
    seed: optional(s, "seed", (v) => num(v, "seed", 0, limits.seedMax), 1),
    world,
    workers,
    traffic: readTraffic(s.traffic, world.regions),
    faults: optional(s, "faults", (v) => parseFaults(v, world.regions, workers), []),
    deployments: optional(s, "deployments", (v) => parseDeployments(v, workers, world.regions), []),
    origins: optional(s, "origins", (v) => parseOrigins(v, world.regions, workerNames), []),
  };
}

function readWorkers(s: Record<string, Json>): WorkerSpec[] {
  if (s.worker !== undefined && s.workers !== undefined) fail("workers", "give either worker or workers, not both");
  if (s.worker !== undefined) {
    const worker = parseWorker(s.worker, "worker", "worker");
    checkServices([worker], "worker");
    return [worker];
  }
  if (s.workers === undefined) fail("worker", "expected a worker (or a workers array)");
  const list = arr(s.workers, "workers", limits.workersMax, "workersMax");
  if (list.length === 0) fail("workers", "expected at least one worker");
  const workers = list.map((v, i) => parseWorker(v, `workers[${i}]`, `worker${i + 1}`));
  workers.forEach((w, i) => {
    if (workers.findIndex((o) => o.name === w.name) !== i) fail(`workers[${i}].name`, `worker name "${w.name}" used twice`);
  });
  checkServices(workers, "workers");
  return workers;
}

/** Every service binding names a worker of the scenario (as wrangler refuses an unknown service). */
function checkServices(workers: readonly WorkerSpec[], path: string): void {
  workers.forEach((w, i) => {
    for (const [name, b] of Object.entries(w.bindings)) {
      if (b.type !== "service" || workers.some((o) => o.name === b.service)) continue;
      const at = path === "worker" ? `worker.bindings.${name}.service` : `${path}[${i}].bindings.${name}.service`;
      fail(at, `no worker named "${b.service}" in this scenario; the workers are ${workers.map((o) => JSON.stringify(o.name)).join(", ")}`);
    }
  });
}

const methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

function readRetry(value: Json, path: string): ClientRetry {
  const r = obj(value, path);
  onlyKeys(r, path, ["attempts", "afterMs"]);
  return {
    attempts: num(r.attempts, `${path}.attempts`, 1, limits.clientRetriesMax),
    afterMs: num(r.afterMs, `${path}.afterMs`, 1, limits.scenarioTimeMsMax),
  };
}

function readTraffic(value: Json, regions: readonly string[]): TrafficEntry[] {
  if (value === undefined) return [];
  return arr(value, "traffic", limits.trafficEntriesMax, "trafficEntriesMax").map((v, i) => {
    const path = `traffic[${i}]`;
    const t = obj(v, path);
    onlyKeys(t, path, ["atMs", "from", "method", "url", "headers", "body", "retry"]);
    const method = optional(t, "method", (m) => str(m, `${path}.method`).toUpperCase(), "GET");
    if (!(methods as readonly string[]).includes(method)) fail(`${path}.method`, `expected one of ${methods.join(", ")}`);
    return {
      atMs: num(t.atMs, `${path}.atMs`, 0, limits.scenarioTimeMsMax),
      from: regionOf(t.from, `${path}.from`, regions),
      method,
      url: readUrl(t.url, `${path}.url`),
      headers: optional(t, "headers", (h) => readHeaders(h, `${path}.headers`), []),
      body: optional(t, "body", (b) => str(b, `${path}.body`, limits.requestBodyBytesMax, "requestBodyBytesMax"), null),
      retry: optional(t, "retry", (r) => readRetry(r, `${path}.retry`), null),
    };
  });
}
