// The node: modules on the eager side: configureNodeCompat (at configure time, when the worker's
// compatibility date and flags are known) defines the globals nodejs_compat gives (`Buffer`,
// `process`, `global`) as lazy globals, and the host's module loader asks for a module's export
// names and values; both load the "node" chunk (node-impl.ts) on first use.
import { defineLazyGlobals, evaluateChunk } from "../web/lazy-chunks.ts";
import { ObjectDefineProperty, dataDescriptor } from "../web/primordials.ts";
import { nodeGlobals, populateProcessEnv, type Compatibility } from "./compat.ts";
import type { NodeApi, NodeDeps } from "./node-impl.ts";

let api: NodeApi | undefined;
let baseDeps: Omit<NodeDeps, "env"> | undefined;
/** One object for the isolate's life: `import { env } from "node:process"` and process.env share it. */
const env: Record<string, string> = {};

/** The runtime's part of the chunk's deps, given once at setup. */
export function setNodeDeps(deps: Omit<NodeDeps, "env">): void {
  baseDeps = deps;
}

function loadNodeApi(): NodeApi {
  if (api === undefined) {
    const deps = baseDeps;
    if (deps === undefined) throw new TypeError("node: modules are not available: the runtime is not set up");
    api = evaluateChunk("node", (create: (deps: NodeDeps) => NodeApi) => create({ ...deps, env }));
  }
  return api;
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The named exports of a provided node module (what the host's synthetic module re-exports). */
export function nodeModuleExports(name: string): string[] {
  const module = loadNodeApi().modules[name];
  if (module === undefined) throw new TypeError(`No such module "node:${name}".`);
  return Object.keys(module).filter((key) => key !== "default" && identifier.test(key));
}

export function nodeModule(name: string): Record<string, unknown> {
  const module = loadNodeApi().modules[name];
  if (module === undefined) throw new TypeError(`No such module "node:${name}".`);
  return module;
}

/** Defines nodejs_compat's globals and fills process.env, as the date and flags say. */
export function configureNodeCompat(global: Record<string, unknown>, compat: Compatibility, textBindings: Record<string, string>): void {
  for (const key of Object.keys(env)) delete env[key];
  if (populateProcessEnv(compat)) Object.assign(env, textBindings);
  if (!nodeGlobals(compat)) return;
  ObjectDefineProperty(global, "global", dataDescriptor(global));
  defineLazyGlobals(global, ["Buffer", "process"], () => loadNodeApi().globals);
}
