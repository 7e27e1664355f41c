// Which Node.js modules and globals a worker gets, from its compatibility date and flags, as
// workerd decides it: `nodejs_compat` turns on the `node:` modules (and their bare names);
// from 2024-09-23 on (nodejs_compat_v2) it also defines the globals `Buffer`, `process` and
// `global`; from 2025-04-01 on (nodejs_compat_populate_process_env) `process.env` holds the
// worker's text bindings. `nodejs_als` alone gives `node:async_hooks` only. Pure: the host's
// module loader and the prelude both read it.

export interface Compatibility {
  /** YYYY-MM-DD, as in a wrangler configuration. */
  date: string;
  flags: readonly string[];
}

/** The date a worker without one gets (the differential peer runs with the same). */
export const defaultCompatibilityDate = "2025-01-01";
const globalsFromDate = "2024-09-23";
const processEnvFromDate = "2025-04-01";

/** The modules this runtime provides under `node:` (and, with nodejs_compat, their bare names). */
export const nodeModulesProvided: readonly string[] = [
  "assert", "assert/strict", "async_hooks", "buffer", "crypto", "events", "path", "path/posix",
  "process", "stream", "stream/promises", "string_decoder", "url", "util", "util/types",
];

/**
 * Modules workerd provides with nodejs_compat (at the default date) that this runtime does not:
 * they are refused with a message saying so, not with "No such module" as if workerd lacked them.
 */
export const nodeModulesNotProvided: readonly string[] = [
  "constants", "diagnostics_channel", "dns", "fs/promises", "module", "net", "path/win32", "querystring",
  "stream/consumers", "stream/web", "sys", "timers", "timers/promises", "tls", "zlib",
];

export function nodeCompat(c: Compatibility): boolean {
  return c.flags.includes("nodejs_compat") || c.flags.includes("nodejs_compat_v2");
}

export function nodeGlobals(c: Compatibility): boolean {
  if (!nodeCompat(c) || c.flags.includes("no_nodejs_compat_v2")) return false;
  return c.flags.includes("nodejs_compat_v2") || c.date >= globalsFromDate;
}

export function populateProcessEnv(c: Compatibility): boolean {
  if (!nodeCompat(c) || c.flags.includes("nodejs_compat_do_not_populate_process_env")) return false;
  return c.flags.includes("nodejs_compat_populate_process_env") || c.date >= processEnvFromDate;
}

/** The node module a specifier names (`node:buffer` or, with nodejs_compat, `buffer`), else null. */
export function nodeModuleName(specifier: string, c: Compatibility): string | null {
  const bare = specifier.startsWith("node:") ? specifier.slice(5) : specifier;
  const known = nodeModulesProvided.includes(bare) || nodeModulesNotProvided.includes(bare);
  if (!known) return null;
  if (nodeCompat(c)) return bare;
  if (bare === "async_hooks" && specifier.startsWith("node:") && c.flags.includes("nodejs_als")) return bare;
  return null;
}

export type NodeModuleResolution = { ok: true; name: string } | { ok: false; message: string } | null;

/**
 * How a specifier that is not one of the worker's own modules resolves: a provided node module,
 * a refusal in workerd's words (plus what the playground lacks), or null (not a node module).
 */
export function resolveNodeModule(specifier: string, importer: string, c: Compatibility): NodeModuleResolution {
  const name = nodeModuleName(specifier, c);
  const noSuch = `No such module "${specifier}".\n  imported from "${importer}"`;
  if (name === null) return specifier.startsWith("node:") ? { ok: false, message: noSuch } : null;
  if (nodeModulesProvided.includes(name)) return { ok: true, name };
  return { ok: false, message: `${noSuch}\n(workerd provides node:${name} with nodejs_compat; the playground does not yet)` };
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
export function isCompatibilityDate(value: string): boolean {
  return datePattern.test(value);
}
