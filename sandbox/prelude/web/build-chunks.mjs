// Builds this layer's bundles with esbuild, for the test harness and for scripts/
// build-prelude.mjs. Plain JavaScript (not TypeScript) so the build script can import it
// without tsx, and so the isolate-only tsconfig never sees Node-side code.
//
// - buildWebEager(): sandbox/prelude/web/index.ts as an IIFE assigned to `globalName`; used
//   by the test harness. (The prelude bundles index.ts as part of its own bundle instead.)
// - buildWebChunks(): the lazy chunks a runtime hands out through WebDeps.lazySource: "url"
//   (whatwg-url with an ASCII fast path in place of tr46) and "idna" (tr46 itself). Each is an
//   IIFE assigned to a `chunk` variable; url-lazy.ts evaluates it inside a function.
// The eager bundle is guarded against the learner's realm (scripts/prelude-realm-guard.mjs);
// the chunks are not yet (they run on first use, with the globals as they are then).

import * as esbuild from "esbuild";
import { realmDefines, realmPrologue } from "../../../scripts/prelude-realm-guard.mjs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const webDir = dirname(fileURLToPath(import.meta.url));

const common = {
  bundle: true,
  write: false,
  format: "iife",
  platform: "neutral",
  target: "es2022",
  mainFields: ["main"],
  legalComments: "none",
};

/**
 * Wraps an esbuild IIFE assigned to `name` so the guard's prologue shares its scope; `chunks`
 * are the lazy chunks it may load, whose builtins the prologue captures too.
 */
export function guarded(text, name, chunks = []) {
  return `(function () {
${realmPrologue([text, ...chunks])}
${text}
return ${name};
})()`;
}


/** Redirects whatwg-url's tr46 and encoding modules to this layer's shims. */
const whatwgUrlShims = {
  name: "whatwg-url-shims",
  setup(build) {
    build.onResolve({ filter: /^tr46$/ }, () => ({ path: join(webDir, "idna-shim.ts") }));
    build.onResolve({ filter: /^\.\/encoding$/ }, (args) =>
      args.importer.includes(join("whatwg-url", "lib")) ? { path: join(webDir, "whatwg-url-encoding-shim.ts") } : undefined,
    );
  },
};

/** @param {{ minify?: boolean, globalName?: string }} [options] */
export async function buildWebEager(options = {}) {
  const result = await esbuild.build({
    ...common,
    define: realmDefines(),
    entryPoints: [join(webDir, "index.ts")],
    globalName: options.globalName ?? "web",
    minify: options.minify ?? true,
  });
  const name = options.globalName ?? "web";
  const chunks = await rawChunks(options.minify ?? true);
  return `var ${name} = ${guarded(result.outputFiles[0].text, name, [chunks.url, chunks.idna])};\n`;
}

/** Each lazy chunk's entry point (see lazy-chunks.ts for the names the isolate asks for). */
const chunkEntries = {
  url: "url-impl.ts",
  idna: "idna-impl.ts",
  streams: "streams-impl.ts",
  events: "events-impl.ts",
  forms: "forms-impl.ts",
  urlpattern: "urlpattern-impl.ts",
  // core-js's builtins for what Node 20's V8 lacks (runtime/modern-builtins.ts).
  modern: "../modern/core-js-entry.js",
  node: "../node/node-impl.ts",
};

const require = createRequire(import.meta.url);
/**
 * The "node" chunk bundles the ecosystem's polyfills for a browser-like realm (their "browser"
 * fields apply), with Node's module names pointing at the same polyfills so that a package
 * requiring "buffer" or "events" gets the instance the worker imports as node:buffer.
 */
const nodeChunkOptions = {
  platform: "browser",
  mainFields: ["browser", "module", "main"],
  define: { global: "globalThis" },
  alias: {
    buffer: require.resolve("unenv/runtime/node/buffer/index").replace(/\.cjs$/, ".mjs"),
    events: require.resolve("events/"),
  },
  inject: [join(webDir, "../node/process-inject.ts")],
  plugins: [{
    // readable-stream's browser build leaves Readable.from out; its Node build of it needs nothing Node-only.
    name: "readable-stream-from",
    setup(build) {
      build.onResolve({ filter: /^\.\/internal\/streams\/from$/ }, (args) =>
        args.importer.includes("readable-stream") ? { path: join(dirname(args.importer), "internal/streams/from.js") } : undefined,
      );
    },
  }],
};

/** @param {{ minify?: boolean }} [options] @returns {Promise<Record<string, string>>} */
export async function buildWebChunks(options = {}) {
  return rawChunks(options.minify ?? true);
}

/** The chunks as esbuild bundles them, before wrapping. */
export async function rawChunks(minify) {
  const names = Object.keys(chunkEntries);
  const results = await Promise.all(
    names.map((name) =>
      esbuild.build({
        ...common,
        ...(name === "url" || name === "idna" ? {} : { mainFields: ["module", "main"] }),
        ...(name === "node" ? { ...nodeChunkOptions, plugins: undefined } : {}),
        entryPoints: [join(webDir, chunkEntries[name])],
        globalName: "chunk",
        minify,
        plugins: name === "url" ? [whatwgUrlShims] : name === "node" ? nodeChunkOptions.plugins : [],
      }),
    ),
  );
  return Object.fromEntries(names.map((name, index) => [name, results[index].outputFiles[0].text]));
}
