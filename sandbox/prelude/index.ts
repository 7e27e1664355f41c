// The prelude: everything that runs inside an isolate before the learner's code. scripts/
// build-prelude.mjs bundles this file; the bundle's completion value is `boot()`: the entry points
// the host drives, set up with the host's dispatch function (which boot takes off the global).
import type { BindingSpec, DeliveryEvent, IsolateOp } from "../../server/sim/isolate-port.ts";
import { installClock, setVirtualNow, virtualNow } from "./runtime/clock.ts";
import { installCodeGenerationBan } from "./runtime/code-generation.ts";
import { installWebAssemblyRules } from "./runtime/webassembly.ts";
import { sandboxLimits } from "../limits.ts";
import { installModernBuiltins } from "./runtime/modern-builtins.ts";
import { cloudflareWorkersKey, DurableObject, RpcTarget, WorkerEntrypoint } from "./runtime/cloudflare-workers.ts";
import { installConsole } from "./runtime/console.ts";
import { deliver } from "./runtime/deliver.ts";
import { reportUncaught } from "./runtime/errors.ts";
import { globalFetch } from "./runtime/global-fetch.ts";
import { bindHost, hostDigest, hostLazyLoaded, hostLoadChunk, hostNodeHash, hostSubtle, type HostFunction } from "./runtime/host.ts";
import { currentAsyncFrame, enterAsyncFrame } from "./runtime/async-context.ts";
import { defaultCompatibilityDate, type Compatibility } from "./node/compat.ts";
import { configureNodeCompat, nodeModule, nodeModuleExports, setNodeDeps } from "./node/node-lazy.ts";
import { timingSafeEqual } from "./web/subtle.ts";
import { drainOps } from "./runtime/ops.ts";
import { fillRandom, installRandom, seedRandom } from "./runtime/random.ts";
import { installTimers } from "./runtime/timers.ts";
import { installCaches } from "./bindings/cache.ts";
import { installNavigator } from "./runtime/navigator.ts";
import { attachModule, configureBindings } from "./runtime/worker.ts";
import { installWebApis, registerChunk } from "./web/index.ts";
import { hostGlobalKey } from "../runtime-names.ts";

export interface PreludeApi {
  /** Seeds randomness, sets the clock for module init and builds `env`. */
  configure(options: { seed: number; nowMs: number; bindings: Record<string, BindingSpec>; compatibility?: Compatibility }): void;
  /** Validates the evaluated module's exports; returns an error message or null. */
  attach(namespace: Record<string, unknown>): string | null;
  /** Runs one event; the result, copied after the microtasks ran, is every operation it caused. */
  deliver(event: DeliveryEvent, nowMs: number): IsolateOp[];
  /** The operations issued outside a delivery (module initialization's logs). */
  drain(): IsolateOp[];
  /** The host hands a lazy chunk's export here while answering a `lazy_load` call. */
  registerChunk(name: string, create: unknown): void;
  /** The named exports of a node: module the worker imports (the host links a module re-exporting them). */
  nodeExports(name: string): string[];
}

/** The one function the host holds: `entry("deliver", event, nowMs)` calls `api.deliver(event, nowMs)`. */
export type PreludeEntry = <K extends keyof PreludeApi>(name: K, ...args: Parameters<PreludeApi[K]>) => ReturnType<PreludeApi[K]>;

/**
 * The bundle's last expression: takes the host's dispatch function off the global object (the
 * host put it there for this one run), sets the context up with it and returns the entry. One
 * function rather than an object of them: the host then needs no call to take each one out.
 */
export function boot(): PreludeEntry {
  const global = globalThis as unknown as Record<string, unknown>;
  const host = global[hostGlobalKey] as HostFunction;
  delete global[hostGlobalKey];
  if (typeof host !== "function") throw new TypeError("the prelude runs only with the host's dispatch function");
  const api = setup(host);
  // Only the host calls this, with its own names (user code never holds it).
  return ((name: keyof PreludeApi, a: never, b: never) => {
    switch (name) {
      case "deliver":
        return api.deliver(a, b);
      case "configure":
        return api.configure(a);
      case "attach":
        return api.attach(a);
      case "drain":
        return api.drain();
      case "registerChunk":
        return api.registerChunk(a, b);
      case "nodeExports":
        return api.nodeExports(a);
    }
  }) as PreludeEntry;
}

function setup(host: HostFunction): PreludeApi {
  bindHost(host);
  const global = globalThis as unknown as Record<string, unknown>;
  installClock(global);
  installRandom();
  installConsole(global);
  installTimers(global);
  installWebApis(global, {
    fillRandom,
    digest: hostDigest,
    subtle: hostSubtle,
    loadChunk: hostLoadChunk,
    lazyLoaded: hostLazyLoaded,
    nowMs: virtualNow,
    // The runtime's own setTimeout, taken before any worker code can replace the global.
    setTimeout: global.setTimeout as (callback: () => void, ms: number) => unknown,
    reportError: (error) => reportUncaught(error, "in an event listener"),
  });
  Object.defineProperty(global, "fetch", { value: globalFetch, writable: true, configurable: true });
  Object.defineProperty(global, "self", { value: global, writable: true, configurable: true });
  installCaches(global);
  installNavigator(global);
  // The HTML standard's reportError, as workerd has it: an error reported as uncaught.
  Object.defineProperty(global, "reportError", { value: (error: unknown) => reportUncaught(error, "in reportError"), writable: true, configurable: true });
  installModernBuiltins(global);
  installCodeGenerationBan(global);
  installWebAssemblyRules(global, sandboxLimits.isolateMemoryMbMax * 1024 * 1024);
  const webCrypto = global.crypto as { randomUUID(): string };
  setNodeDeps({
    crypto: { hash: hostNodeHash, fillRandom, randomUUID: () => webCrypto.randomUUID(), timingSafeEqual: (a, b) => timingSafeEqual(a, b), webcrypto: webCrypto },
    asyncContext: { current: currentAsyncFrame, enter: enterAsyncFrame },
  });
  const cloudflareWorkers = { DurableObject, WorkerEntrypoint, RpcTarget, env: {} as Record<string, unknown>, node: nodeModule };
  return {
    configure({ seed, nowMs, bindings, compatibility }) {
      seedRandom(seed);
      setVirtualNow(nowMs);
      cloudflareWorkers.env = configureBindings(bindings);
      configureNodeCompat(global, compatibility ?? { date: defaultCompatibilityDate, flags: [] }, textBindings(bindings));
      Object.defineProperty(global, cloudflareWorkersKey, { value: cloudflareWorkers, configurable: true });
    },
    attach(namespace) {
      delete global[cloudflareWorkersKey];
      return attachModule(namespace);
    },
    deliver,
    drain: drainOps,
    registerChunk,
    nodeExports: nodeModuleExports,
  };
}

function textBindings(bindings: Record<string, BindingSpec>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(bindings)) {
    const spec = bindings[name]!;
    if (spec.type === "var") out[name] = spec.value;
  }
  return out;
}
