// The lazy-chunk mechanism shared by every heavy Web API (URL, streams, events, forms,
// URLPattern): a chunk's source stays on the host until first use, when a global's getter asks
// the runtime for it, evaluates it, and replaces the globals it provides with plain data
// properties. A fresh isolate that never touches an API pays nothing for it.

import { ObjectDefineProperty, SafeFunction, SafeTypeError, dataDescriptor } from "./primordials.ts";

export type LazyChunkName = "url" | "idna" | "streams" | "events" | "forms" | "urlpattern" | "modern" | "node";
/** Every chunk build-chunks.mjs produces, for the hosts that hand them out. */
export const lazyChunkNames: readonly LazyChunkName[] = ["url", "idna", "streams", "events", "forms", "urlpattern", "modern", "node"];
/** Returns the source text of a lazy chunk, as produced by build-chunks.mjs. */
export type LazyChunkSource = (name: LazyChunkName) => string;

/**
 * Asks the host to evaluate a chunk: the host compiles it (with a code cache shared by every
 * isolate), runs it in this context and hands its `create` export to registerChunk before
 * returning. No string becomes code inside the isolate, so this works with eval and
 * new Function disabled.
 */
export type LazyChunkLoader = (name: LazyChunkName) => void;

let chunkSource: LazyChunkSource | undefined;
let chunkLoader: LazyChunkLoader | undefined;
let chunkLoaded: ((name: LazyChunkName) => void) | undefined;
const registered: Record<string, unknown> = { __proto__: null } as unknown as Record<string, unknown>;

export function setLazyChunkSource(source: LazyChunkSource | undefined, loader?: LazyChunkLoader, loaded?: (name: LazyChunkName) => void): void {
  chunkSource = source;
  chunkLoader = loader;
  chunkLoaded = loaded;
}

/** Called (by the host, through the prelude's API) with a chunk's `create` export. */
export function registerChunk(name: string, create: unknown): void {
  registered[name] = create;
}

/**
 * Evaluates a chunk and instantiates its `create` export: through the host's loader when there
 * is one, else from its source text (the chunk is an esbuild IIFE assigned to a `chunk`
 * variable; wrapping it in a function keeps that variable out of the global object). The
 * runtime hears when loading ended (WebDeps.lazyLoaded), so it can keep the cost off the request.
 */
export function evaluateChunk<C, T>(name: LazyChunkName, instantiate: (create: C) => T): T {
  if (chunkLoader === undefined && chunkSource === undefined) {
    throw new SafeTypeError(`${name === "idna" ? "IDNA" : name === "url" ? "URL" : name} support is not available: the runtime did not provide the lazy "${name}" chunk.`);
  }
  const loader = chunkLoader;
  const source = chunkSource;
  try {
    if (loader !== undefined) {
      loader(name);
      const create = registered[name];
      if (create === undefined) throw new SafeTypeError(`The runtime did not load the lazy "${name}" chunk.`);
      return instantiate(create as C);
    }
    const body = source!(name) + "\n;return chunk.create;";
    return instantiate(new SafeFunction(body)() as C);
  } finally {
    const loaded = chunkLoaded;
    if (loaded !== undefined) loaded(name);
  }
}

/**
 * Defines `names` on `global` as accessors that call `materialize` on first read (typeof X,
 * new X and instanceof all read the global, so all trigger it); materialize returns the values,
 * which become ordinary writable, configurable, non-enumerable data properties. Assigning a
 * global before first use simply stores the value, as for any builtin.
 */
export function defineLazyGlobals(global: Record<string, unknown>, names: readonly string[], materialize: () => Record<string, unknown>): void {
  // A chunk may probe for its own globals while it loads (event-target-shim reads
  // globalThis.Event to chain prototypes): during the load they read as undefined.
  let loading = false;
  const load = (): void => {
    loading = true;
    let values: Record<string, unknown>;
    try {
      values = materialize();
    } finally {
      loading = false;
    }
    for (let index = 0; index < names.length; index++) {
      const name = names[index]!;
      ObjectDefineProperty(global, name, dataDescriptor(values[name]));
    }
  };
  for (let index = 0; index < names.length; index++) {
    const name = names[index]!;
    ObjectDefineProperty(global, name, {
      __proto__: null,
      get() {
        if (loading) return undefined;
        load();
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
