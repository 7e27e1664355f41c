// URL and URLSearchParams as lazy globals. The spec-compliant implementation (whatwg-url) is
// large: its source stays on the host until first use, when the getter asks the runtime for the
// "url" chunk, evaluates it, and replaces both globals with plain data properties. A fresh
// isolate that never touches URL pays nothing for it. The UTS #46 table for non-ASCII hosts is
// a second chunk ("idna"), loaded by the first one only when needed.

import type { IdnaApi } from "./idna-shim.ts";
import type { UrlApi } from "./url-impl.ts";
import { ObjectDefineProperty, SafeFunction, SafeTypeError, dataDescriptor } from "./primordials.ts";

export type LazyChunkName = "url" | "idna";
/** Returns the source text of a lazy chunk, as produced by build-chunks.mjs. */
export type LazyChunkSource = (name: LazyChunkName) => string;

const lazyGlobalNames = ["URL", "URLSearchParams"] as const;

let chunkSource: LazyChunkSource | undefined;
let chunkLoaded: ((name: LazyChunkName) => void) | undefined;
let urlApi: UrlApi | undefined;
let idnaApi: IdnaApi | undefined;

/**
 * Evaluates a chunk in the global scope and instantiates it. The chunk text is an esbuild IIFE
 * assigned to a `chunk` variable; wrapping it in a function keeps that variable out of the
 * global object. The runtime hears when loading ended (see WebDeps.lazyLoaded).
 */
function evaluateChunk<C, T>(name: LazyChunkName, instantiate: (create: C) => T): T {
  if (chunkSource === undefined) {
    throw new SafeTypeError(`${name === "url" ? "URL" : "IDNA"} support is not available: the runtime did not provide the lazy "${name}" chunk.`);
  }
  const source = chunkSource(name);
  try {
    const body = source + "\n;return chunk.create;";
    return instantiate(new SafeFunction(body)() as C);
  } finally {
    chunkLoaded?.(name);
  }
}

/** The URL implementation, evaluating its chunk on first call. */
export function loadUrlApi(): UrlApi {
  if (urlApi === undefined) {
    urlApi = evaluateChunk("url", (create: (host: { loadIdna(): IdnaApi }) => UrlApi) => create({ loadIdna }));
  }
  return urlApi;
}

function loadIdna(): IdnaApi {
  if (idnaApi === undefined) idnaApi = evaluateChunk("idna", (create: () => IdnaApi) => create());
  return idnaApi;
}

/** True once the URL chunk is loaded; a URLSearchParams can only exist after that. */
export function isUrlApiLoaded(): boolean {
  return urlApi !== undefined;
}

/**
 * Defines URL and URLSearchParams on `global` as accessors that load the chunk on first read
 * (typeof URL, new URL, URL.canParse and instanceof all read the global, so all trigger it)
 * and then become ordinary writable, configurable, non-enumerable data properties. Assigning
 * either global before first use simply stores the value, as for any builtin.
 */
export function installLazyUrlGlobals(global: Record<string, unknown>, source: LazyChunkSource | undefined, loaded?: (name: LazyChunkName) => void): void {
  chunkSource = source;
  chunkLoaded = loaded;
  const materialize = (): void => {
    const api = loadUrlApi();
    ObjectDefineProperty(global, "URL", dataDescriptor(api.URL));
    ObjectDefineProperty(global, "URLSearchParams", dataDescriptor(api.URLSearchParams));
  };
  for (const name of lazyGlobalNames) {
    ObjectDefineProperty(global, name, {
      __proto__: null,
      get() {
        materialize();
        return global[name];
      },
      set(value: unknown) {
        ObjectDefineProperty(global, name, dataDescriptor(value));
      },
      enumerable: false,
      configurable: true,
    } as PropertyDescriptor);
  }
}
