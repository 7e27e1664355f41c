// Readers for untrusted scenario JSON. Each checks one field and names it by its path
// (`traffic[2].atMs: expected a number ≥ 0`). They throw a FieldError, which `parseScenario`
// turns into a Result at its boundary: threading a Result through every nested read would
// triple the code without making any error clearer.

import { limits } from "./core/limits.ts";

export class FieldError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${path}: ${detail}`);
  }
}

export type Json = unknown;

export function fail(path: string, detail: string): never {
  throw new FieldError(path, detail);
}

export function obj(value: Json, path: string): Record<string, Json> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) fail(path, "expected an object");
  return value as Record<string, Json>;
}

/** Rejects keys the format does not know, so a typo (`atms`) is an error, not a silent default. */
export function onlyKeys(record: Record<string, Json>, path: string, allowed: readonly string[]): void {
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) fail(path === "" ? key : `${path}.${key}`, `unknown field (expected one of ${allowed.join(", ")})`);
  }
}

export function arr(value: Json, path: string, max: number, limitName: string): Json[] {
  if (!Array.isArray(value)) fail(path, "expected an array");
  if (value.length > max) fail(path, `at most ${max} entries (${limitName})`);
  return value;
}

export function num(value: Json, path: string, min: number, max: number, integer = true): number {
  const kind = integer ? "an integer" : "a number";
  if (typeof value !== "number" || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    fail(path, `expected ${kind} ≥ ${min}`);
  }
  if (value < min) fail(path, `expected ${kind} ≥ ${min}`);
  if (value > max) fail(path, `expected ${kind} ≤ ${max}`);
  return value;
}

export function str(value: Json, path: string, maxChars: number = limits.nameCharsMax, limitName = "nameCharsMax"): string {
  if (typeof value !== "string") fail(path, "expected a string");
  if (value.length > maxChars) fail(path, `at most ${maxChars} characters (${limitName})`);
  return value;
}

export function bool(value: Json, path: string): boolean {
  if (typeof value !== "boolean") fail(path, "expected true or false");
  return value;
}

export function oneOf<T extends string>(value: Json, path: string, options: readonly T[]): T {
  if (typeof value !== "string" || !options.includes(value as T)) fail(path, `expected one of ${options.join(", ")}`);
  return value as T;
}

export function optional<T>(record: Record<string, Json>, key: string, read: (value: Json) => T, fallback: T): T {
  return record[key] === undefined ? fallback : read(record[key]);
}

export function regionOf(value: Json, path: string, regions: readonly string[]): string {
  const region = str(value, path);
  if (!regions.includes(region)) fail(path, `unknown region "${region}" (world has ${regions.join(", ")})`);
  return region;
}

export function readUrl(value: Json, path: string): string {
  const url = str(value, path, limits.urlCharsMax, "urlCharsMax");
  if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d+)?(\/[^\s]*)?$/.test(url)) fail(path, "expected an absolute http(s) URL");
  return url;
}

export function readHeaders(value: Json, path: string): [string, string][] {
  const o = obj(value, path);
  const keys = Object.keys(o);
  if (keys.length > limits.headersPerRequestMax) fail(path, `at most ${limits.headersPerRequestMax} headers (headersPerRequestMax)`);
  return keys.map((k) => [k.toLowerCase(), str(o[k], `${path}.${k}`, limits.urlCharsMax, "urlCharsMax")]);
}
