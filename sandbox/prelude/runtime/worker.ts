// The loaded worker: its module exports and its env. The host configures the bindings before
// module init and attaches the module namespace after it, then validates what was exported.
import type { BindingSpec } from "../../../server/sim/isolate-port.ts";
import { createEnv } from "../bindings/env.ts";

interface LoadedWorker {
  exports: Record<string, unknown>;
  env: Record<string, unknown>;
  bindings: Record<string, BindingSpec>;
}

let env: Record<string, unknown> = {};
let bindings: Record<string, BindingSpec> = {};
let loaded: LoadedWorker | null = null;

export function configureBindings(specs: Record<string, BindingSpec>): Record<string, unknown> {
  bindings = specs;
  env = createEnv(specs);
  return env;
}

export function currentEnv(): Record<string, unknown> {
  return env;
}

/** Checks the module's exports against its bindings; returns an error message or null. */
export function attachModule(namespace: Record<string, unknown>): string | null {
  const handler = namespace.default as { fetch?: unknown } | undefined;
  const names = Object.keys(bindings);
  let hasObjects = false;
  for (let i = 0; i < names.length; i++) if (bindings[names[i]!]!.type === "durable_object") hasObjects = true;
  // A worker reached only through service bindings may export just WorkerEntrypoint classes.
  let hasClasses = typeof handler === "function";
  const exported = Object.keys(namespace);
  for (let i = 0; i < exported.length; i++) if (typeof namespace[exported[i]!] === "function") hasClasses = true;
  if ((handler === undefined || typeof handler.fetch !== "function") && !hasObjects && !hasClasses) {
    return "The worker has no fetch handler: export default { async fetch(request, env, ctx) { ... } }";
  }
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const spec = bindings[name]!;
    if (spec.type !== "durable_object") continue;
    if (typeof namespace[spec.className] !== "function") {
      return `Binding ${name} names the Durable Object class "${spec.className}", but the worker does not export a class by that name`;
    }
  }
  loaded = { exports: namespace, env, bindings };
  return null;
}

export function loadedWorker(): LoadedWorker {
  if (loaded === null) throw new Error("the worker is not loaded");
  return loaded;
}
