// Parsing of the scenario's `world` section: regions, latency overrides and every timing.

import { defaults, limits } from "./core/limits.ts";
import { defaultRegions } from "./net/topology.ts";
import type { WorldOptions } from "./scenario-types.ts";
import { runBoundKeys, type RunBoundKey } from "./run-bounds.ts";
import { arr, bool, fail, type Json, num, obj, onlyKeys, optional, regionOf, str } from "./scenario-reader.ts";

const worldKeys = [
  "regions", "latency", "jitterPercent", "clientToPopMs", "healthCheckIntervalMs", "routeCacheEntries",
  "routeCacheTtlMs", "isolateIdleEvictMs", "objectHibernateMs", "objectEvictMs", "kvReplicationLagMs",
  "kvCentralRegion", "kvWriteRateLimit", "chargeMeasuredCosts", "runTimeMsMax",
  ...runBoundKeys,
] as const;

export function parseWorld(value: Json): WorldOptions {
  const w = value === undefined ? {} : obj(value, "world");
  onlyKeys(w, "world", worldKeys);
  const regions = optional(w, "regions", (v) => parseRegions(v), [...defaultRegions]);
  const ms = (key: string, fallback: number, min = 0) =>
    optional(w, key, (v) => num(v, `world.${key}`, min, limits.scenarioTimeMsMax), fallback);
  const central = optional(w, "kvCentralRegion", (v) => regionOf(v, "world.kvCentralRegion", regions),
    regions.includes(defaults.kvCentralRegion) ? defaults.kvCentralRegion : regions[0]!);
  return {
    regions,
    latency: optional(w, "latency", (v) => parseLatency(v, regions), []),
    jitterPercent: optional(w, "jitterPercent", (v) => num(v, "world.jitterPercent", 0, 50), defaults.jitterPercent),
    clientToPopMs: optional(w, "clientToPopMs", (v) => num(v, "world.clientToPopMs", 0, limits.latencyMsMax), defaults.clientToPopMs),
    healthCheckIntervalMs: ms("healthCheckIntervalMs", defaults.healthCheckIntervalMs, 100),
    routeCacheEntries: optional(w, "routeCacheEntries", (v) => num(v, "world.routeCacheEntries", 1, limits.routeCacheEntriesMax), defaults.routeCacheEntries),
    routeCacheTtlMs: ms("routeCacheTtlMs", defaults.routeCacheTtlMs, 1),
    isolateIdleEvictMs: ms("isolateIdleEvictMs", defaults.isolateIdleEvictMs, 1),
    objectHibernateMs: ms("objectHibernateMs", defaults.objectHibernateMs, 1),
    objectEvictMs: ms("objectEvictMs", defaults.objectEvictMs, 1),
    kvReplicationLagMs: optional(w, "kvReplicationLagMs", (v) => parseLags(v, regions), {}),
    kvCentralRegion: central,
    kvWriteRateLimit: optional(w, "kvWriteRateLimit", (v) => bool(v, "world.kvWriteRateLimit"), false),
    chargeMeasuredCosts: optional(w, "chargeMeasuredCosts", (v) => bool(v, "world.chargeMeasuredCosts"), false),
    runTimeMsMax: ms("runTimeMsMax", defaults.runTimeMsMax, 1),
    ...lowerBounds(w),
  };
}

/** The run's bounds a scenario may lower (never raise): only those it gives are set. */
function lowerBounds(w: Record<string, Json>): Partial<Record<RunBoundKey, number>> {
  const out: Partial<Record<RunBoundKey, number>> = {};
  for (const key of runBoundKeys) {
    if (w[key] !== undefined) out[key] = num(w[key], `world.${key}`, 1, limits[key]);
  }
  return out;
}

function parseRegions(value: Json): string[] {
  const list = arr(value, "world.regions", limits.regionsMax, "regionsMax");
  if (list.length === 0) fail("world.regions", "expected at least one region");
  const regions = list.map((v, i) => {
    const region = str(v, `world.regions[${i}]`);
    if (!/^[a-z0-9-]+$/.test(region)) fail(`world.regions[${i}]`, "expected lower-case letters, digits and dashes");
    return region;
  });
  const dup = regions.find((r, i) => regions.indexOf(r) !== i);
  if (dup !== undefined) fail("world.regions", `region "${dup}" listed twice`);
  return regions;
}

function parseLatency(value: Json, regions: readonly string[]) {
  return arr(value, "world.latency", limits.regionsMax * limits.regionsMax, "regionsMax²").map((v, i) => {
    const path = `world.latency[${i}]`;
    const o = obj(v, path);
    onlyKeys(o, path, ["from", "to", "ms"]);
    return {
      from: regionOf(o.from, `${path}.from`, regions),
      to: regionOf(o.to, `${path}.to`, regions),
      ms: num(o.ms, `${path}.ms`, 0, limits.latencyMsMax),
    };
  });
}

function parseLags(value: Json, regions: readonly string[]): Record<string, number> {
  const o = obj(value, "world.kvReplicationLagMs");
  const out: Record<string, number> = {};
  for (const key of Object.keys(o).sort()) {
    const path = `world.kvReplicationLagMs.${key}`;
    regionOf(key, path, regions);
    out[key] = num(o[key], path, 0, limits.scenarioTimeMsMax);
  }
  return out;
}
