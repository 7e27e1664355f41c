// URL and URLSearchParams as lazy globals. The spec-compliant implementation (whatwg-url) is
// large: its source stays on the host until first use, when the getter asks the runtime for the
// "url" chunk, evaluates it, and replaces both globals with plain data properties. A fresh
// isolate that never touches URL pays nothing for it. The UTS #46 table for non-ASCII hosts is
// a second chunk ("idna"), loaded by the first one only when needed.

import type { IdnaApi } from "./idna-shim.ts";
import type { UrlApi } from "./url-impl.ts";
import { defineLazyGlobals, evaluateChunk, setLazyChunkSource, type LazyChunkLoader, type LazyChunkName, type LazyChunkSource } from "./lazy-chunks.ts";

export type { LazyChunkName, LazyChunkSource };

const lazyGlobalNames = ["URL", "URLSearchParams"] as const;

let urlApi: UrlApi | undefined;
let idnaApi: IdnaApi | undefined;

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
 * Defines URL and URLSearchParams on `global` as lazy globals (lazy-chunks.ts), and records
 * where every chunk's source comes from.
 */
export function installLazyUrlGlobals(
  global: Record<string, unknown>,
  source: LazyChunkSource | undefined,
  loader?: LazyChunkLoader,
  loaded?: (name: LazyChunkName) => void,
): void {
  setLazyChunkSource(source, loader, loaded);
  defineLazyGlobals(global, lazyGlobalNames, () => {
    const api = loadUrlApi();
    return { URL: api.URL, URLSearchParams: api.URLSearchParams };
  });
}
