// Parsing of the scenario's workers, faults, deployments and origins.

import type { BindingSpec } from "./isolate-port.ts";
import { defaults, limits } from "./core/limits.ts";
import { parsePattern } from "./router/trie.ts";
import { popIdOf } from "./net/topology.ts";
import type { DeploymentSpec, FaultSpec, OriginSpec, WorkerSpec } from "./scenario-types.ts";
import { arr, fail, type Json, num, obj, oneOf, onlyKeys, optional, readHeaders, regionOf, str } from "./scenario-reader.ts";

const namePattern = /^[a-z0-9][a-z0-9-]*$/;

export function parseWorker(value: Json, path: string, fallbackName: string): WorkerSpec {
  const w = obj(value, path);
  onlyKeys(w, path, ["name", "code", "main", "modules", "bindings", "routes", "version", "compatibility_date", "compatibility_flags"]);
  const name = optional(w, "name", (v) => str(v, `${path}.name`), fallbackName);
  if (!namePattern.test(name)) fail(`${path}.name`, "expected lower-case letters, digits and dashes");
  const routes = optional(w, "routes", (v) => arr(v, `${path}.routes`, limits.routesPerWorkerMax, "routesPerWorkerMax"), []);
  return {
    name,
    version: optional(w, "version", (v) => str(v, `${path}.version`), "v1"),
    ...parseCode(w, path),
    ...parseCompatibility(w, path),
    bindings: optional(w, "bindings", (v) => parseBindings(v, `${path}.bindings`), {}),
    routes: routes.map((r, i) => {
      const route = str(r, `${path}.routes[${i}]`, limits.urlCharsMax, "urlCharsMax");
      if (!parsePattern(route)) fail(`${path}.routes[${i}]`, "expected host/path with an optional trailing * (example.com/api/*)");
      return route;
    }),
  };
}

const compatibilityFlagsMax = 32;

/** `compatibility_date` and `compatibility_flags`, as in a wrangler configuration (both optional). */
function parseCompatibility(w: Record<string, Json>, path: string): Pick<WorkerSpec, "compatibilityDate" | "compatibilityFlags"> {
  const out: Pick<WorkerSpec, "compatibilityDate" | "compatibilityFlags"> = {};
  if (w.compatibility_date !== undefined) {
    const date = str(w.compatibility_date, `${path}.compatibility_date`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) fail(`${path}.compatibility_date`, "expected a date like 2025-01-01 (YYYY-MM-DD)");
    out.compatibilityDate = date;
  }
  if (w.compatibility_flags !== undefined) {
    out.compatibilityFlags = arr(w.compatibility_flags, `${path}.compatibility_flags`, compatibilityFlagsMax, "compatibilityFlagsMax").map((flag, i) => {
      const name = str(flag, `${path}.compatibility_flags[${i}]`);
      if (!/^[a-z0-9_]+$/.test(name)) fail(`${path}.compatibility_flags[${i}]`, "expected a flag name like nodejs_compat");
      return name;
    });
  }
  return out;
}

/** `code` (one module), or `modules` by path with an optional `main` (default: the first). */
function parseCode(w: Record<string, Json>, path: string): Pick<WorkerSpec, "code" | "main" | "modules"> {
  if (w.modules === undefined) {
    if (w.main !== undefined) fail(`${path}.main`, "main names a module of modules, which is missing");
    return { code: str(w.code, `${path}.code`, limits.codeBytesMax, "codeBytesMax") };
  }
  if (w.code !== undefined) fail(`${path}.code`, "give code (one module) or modules (several), not both");
  const given = obj(w.modules, `${path}.modules`);
  const modules: Record<string, string> = {};
  for (const name of Object.keys(given)) modules[name] = str(given[name], `${path}.modules.${name}`, limits.codeBytesMax, "codeBytesMax");
  const names = Object.keys(modules);
  if (names.length === 0) fail(`${path}.modules`, "expected at least one module");
  const main = optional(w, "main", (v) => str(v, `${path}.main`), names[0]!);
  if (!(main in modules)) fail(`${path}.main`, `no module named ${JSON.stringify(main)}; the modules are ${names.map((n) => JSON.stringify(n)).join(", ")}`);
  const { [main]: code, ...others } = modules;
  return { code: code!, main, modules: others };
}

function parseBindings(value: Json, path: string): Record<string, BindingSpec> {
  const o = obj(value, path);
  const names = Object.keys(o);
  if (names.length > limits.bindingsPerWorkerMax) fail(path, `at most ${limits.bindingsPerWorkerMax} bindings (bindingsPerWorkerMax)`);
  const out: Record<string, BindingSpec> = {};
  for (const name of names) {
    const p = `${path}.${name}`;
    if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) fail(p, "expected a JavaScript identifier");
    const b = obj(o[name], p);
    const type = oneOf(b.type, `${p}.type`, ["kv", "durable_object", "var", "service"] as const);
    if (type === "kv") out[name] = { type };
    else if (type === "service") out[name] = { type, service: str(b.service, `${p}.service`), entrypoint: optional(b, "entrypoint", (v) => str(v, `${p}.entrypoint`), null) };
    else if (type === "var") out[name] = { type, value: str(b.value, `${p}.value`, limits.urlCharsMax, "urlCharsMax") };
    else out[name] = { type, className: str(b.className, `${p}.className`) };
  }
  return out;
}

export function parseFaults(value: Json, regions: readonly string[], workers: readonly WorkerSpec[]): FaultSpec[] {
  return arr(value, "faults", limits.faultsMax, "faultsMax").map((v, i) => parseFault(obj(v, `faults[${i}]`), `faults[${i}]`, regions, workers));
}

export function parseFault(f: Record<string, Json>, path: string, regions: readonly string[], workers: readonly WorkerSpec[]): FaultSpec {
  const kind = oneOf(f.kind, `${path}.kind`, ["partition", "pop_down", "region_down", "slow_region", "evict_object"] as const);
  const atMs = num(f.atMs, `${path}.atMs`, 0, limits.scenarioTimeMsMax);
  const forMs = optional(f, "forMs", (v) => num(v, `${path}.forMs`, 1, limits.scenarioTimeMsMax), null);
  switch (kind) {
    case "partition": {
      onlyKeys(f, path, ["atMs", "kind", "regions", "forMs"]);
      const list = arr(f.regions, `${path}.regions`, limits.regionsMax, "regionsMax");
      if (list.length === 0) fail(`${path}.regions`, "expected at least one region");
      return { atMs, kind, forMs, regions: list.map((r, j) => regionOf(r, `${path}.regions[${j}]`, regions)) };
    }
    case "pop_down": {
      onlyKeys(f, path, ["atMs", "kind", "pop", "forMs"]);
      // A PoP is named by its region (one PoP per region) or by its id.
      const name = str(f.pop, `${path}.pop`);
      const region = regions.find((r) => r === name || popIdOf(r) === name);
      if (!region) fail(`${path}.pop`, `unknown PoP "${name}"`);
      return { atMs, kind, forMs, pop: popIdOf(region) };
    }
    case "region_down":
      onlyKeys(f, path, ["atMs", "kind", "region", "forMs"]);
      return { atMs, kind, forMs, region: regionOf(f.region, `${path}.region`, regions) };
    case "slow_region":
      onlyKeys(f, path, ["atMs", "kind", "region", "extraMs", "forMs"]);
      return { atMs, kind, forMs, region: regionOf(f.region, `${path}.region`, regions), extraMs: num(f.extraMs, `${path}.extraMs`, 0, limits.latencyMsMax) };
    case "evict_object": {
      onlyKeys(f, path, ["atMs", "kind", "worker", "className", "name"]);
      const worker = optional(f, "worker", (v) => str(v, `${path}.worker`), workers[0]!.name);
      if (!workers.some((w) => w.name === worker)) fail(`${path}.worker`, `unknown worker "${worker}"`);
      return { atMs, kind, worker, className: str(f.className, `${path}.className`), name: str(f.name, `${path}.name`, limits.urlCharsMax, "urlCharsMax") };
    }
  }
}

export function parseDeployments(value: Json, workers: readonly WorkerSpec[], regions: readonly string[]): DeploymentSpec[] {
  const counts = new Map<string, number>();
  return arr(value, "deployments", limits.deploymentsMax, "deploymentsMax").map((v, i) => {
    const path = `deployments[${i}]`;
    const d = obj(v, path);
    onlyKeys(d, path, ["atMs", "worker", "code", "version", "rollout"]);
    const worker = optional(d, "worker", (w) => str(w, `${path}.worker`), workers[0]!.name);
    if (!workers.some((w) => w.name === worker)) fail(`${path}.worker`, `unknown worker "${worker}"`);
    const n = (counts.get(worker) ?? 1) + 1;
    counts.set(worker, n);
    const rollout = obj(d.rollout ?? {}, `${path}.rollout`);
    onlyKeys(rollout, `${path}.rollout`, ["stepMs", "pops"]);
    const pops = optional(rollout, "pops", (p) => arr(p, `${path}.rollout.pops`, limits.regionsMax, "regionsMax"), [...regions]);
    return {
      atMs: num(d.atMs, `${path}.atMs`, 0, limits.scenarioTimeMsMax),
      worker,
      version: optional(d, "version", (x) => str(x, `${path}.version`), `v${n}`),
      code: str(d.code, `${path}.code`, limits.codeBytesMax, "codeBytesMax"),
      rollout: {
        stepMs: optional(rollout, "stepMs", (s) => num(s, `${path}.rollout.stepMs`, 0, limits.scenarioTimeMsMax), 0),
        pops: pops.map((p, j) => popIdOf(regionOf(typeof p === "string" ? p.replace(/-pop$/, "") : p, `${path}.rollout.pops[${j}]`, regions))),
      },
    };
  });
}

export function parseOrigins(value: Json, regions: readonly string[], workerNames: readonly string[]): OriginSpec[] {
  return arr(value, "origins", limits.originsMax, "originsMax").map((v, i) => {
    const path = `origins[${i}]`;
    const o = obj(v, path);
    onlyKeys(o, path, ["host", "region", "latencyMs", "status", "headers", "body"]);
    const host = str(o.host, `${path}.host`, limits.urlCharsMax, "urlCharsMax").toLowerCase();
    if (workerNames.some((w) => host === `${w}.workers.dev`)) fail(`${path}.host`, "this host is a worker's workers.dev name");
    return {
      host,
      region: optional(o, "region", (r) => regionOf(r, `${path}.region`, regions), regions[0]!),
      latencyMs: optional(o, "latencyMs", (x) => num(x, `${path}.latencyMs`, 0, limits.latencyMsMax), defaults.originLatencyMs),
      status: optional(o, "status", (x) => num(x, `${path}.status`, 200, 599), 200),
      headers: optional(o, "headers", (h) => readHeaders(h, `${path}.headers`), []),
      body: optional(o, "body", (b) => str(b, `${path}.body`, limits.requestBodyBytesMax, "requestBodyBytesMax"), ""),
    };
  });
}
