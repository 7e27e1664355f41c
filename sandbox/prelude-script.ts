// The bundled prelude (built by scripts/build-prelude.mjs) and its V8 code cache. Every isolate
// compiles the same prelude, so after the first compile each one reuses the cached data.
import ivm from "isolated-vm";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { preludeFileName } from "./runtime-names.ts";
import { lazyChunkNames, type LazyChunkName } from "./prelude/web/lazy-chunks.ts";


const preludePath = fileURLToPath(new URL("./prelude/dist/prelude.js", import.meta.url));
const chunkPath = (name: LazyChunkName) => fileURLToPath(new URL(`./prelude/dist/chunk-${name}.js`, import.meta.url));
let source: string | null = null;
let cachedData: ivm.ExternalCopy<ArrayBuffer> | null = null;

const buildScript = fileURLToPath(new URL("../scripts/build-prelude.mjs", import.meta.url));

/**
 * Every entry point (the server, the scenario CLI, tests, benchmarks) works straight after a
 * clone: a missing prelude is built here, once, with its output on stderr so a CLI's JSON on
 * stdout stays clean.
 */
function ensurePreludeBuilt(): void {
  // Every chunk too: a checkout that gained a chunk since the last build must build again.
  if (existsSync(preludePath) && lazyChunkNames.every((name) => existsSync(chunkPath(name)))) return;
  try {
    execFileSync(process.execPath, [buildScript], { stdio: ["ignore", 2, 2] });
  } catch {
    throw new Error(`The isolate prelude is not built and building it failed: run npm run build:prelude to see why`);
  }
}

function preludeSource(): string {
  if (source === null) {
    ensurePreludeBuilt();
    source = readFileSync(preludePath, "utf8");
  }
  return source;
}

/**
 * Scripts already compiled in an isolate. A reused isolate (isolate-pool.ts) runs the same
 * prelude and chunks in each fresh context; an unbound script runs in any context of its
 * isolate, so compiling (and copying a megabyte of source in) once per isolate is enough.
 */
const compiledIn = new WeakMap<ivm.Isolate, Map<string, ivm.Script>>();

function compiledOnce(isolate: ivm.Isolate, name: string, compile: () => ivm.Script): ivm.Script {
  let scripts = compiledIn.get(isolate);
  if (scripts === undefined) compiledIn.set(isolate, (scripts = new Map()));
  let script = scripts.get(name);
  if (script === undefined) scripts.set(name, (script = compile()));
  return script;
}

/** The prelude compiled in `isolate`, with the process's code cache (produced on first use). */
export function compilePrelude(isolate: ivm.Isolate): ivm.Script {
  return compiledOnce(isolate, "prelude", () => compilePreludeNow(isolate));
}

function compilePreludeNow(isolate: ivm.Isolate): ivm.Script {
  const options = cachedData === null ? { produceCachedData: true } : { cachedData };
  // The typings leave out the cache fields isolated-vm sets on the result (CachedDataResult).
  const script = isolate.compileScriptSync(preludeSource(), { filename: preludeFileName, ...options }) as ivm.Script & ivm.CachedDataResult;
  if (cachedData === null && script.cachedData !== undefined) cachedData = script.cachedData;
  return script;
}

const chunks = new Map<string, string>();

/** The source of a lazily loaded prelude chunk, read once per process. */
export function preludeChunk(name: LazyChunkName): string {
  let text = chunks.get(name);
  if (text === undefined) {
    ensurePreludeBuilt();
    text = readFileSync(chunkPath(name), "utf8");
    chunks.set(name, text);
  }
  return text;
}

const chunkCaches = new Map<string, ivm.ExternalCopy<ArrayBuffer>>();

/**
 * Compiles a lazy chunk as a script whose completion value is the chunk's `create` export,
 * with a V8 code cache per chunk shared by every isolate (as for the prelude itself).
 */
export function compileChunk(isolate: ivm.Isolate, name: LazyChunkName): ivm.Script {
  return compiledOnce(isolate, `chunk:${name}`, () => compileChunkNow(isolate, name));
}

/** A chunk as compiled: a script whose completion value is the chunk's `create` export. */
function chunkScriptSource(name: LazyChunkName): string {
  return `(function () {\n${preludeChunk(name)}\n;return chunk.create;\n})()`;
}

function compileChunkNow(isolate: ivm.Isolate, name: LazyChunkName): ivm.Script {
  const source = chunkScriptSource(name);
  const cached = chunkCaches.get(name);
  const options = cached === undefined ? { produceCachedData: true } : { cachedData: cached };
  const script = isolate.compileScriptSync(source, { filename: `edge-playground:${name}.js`, ...options }) as ivm.Script & ivm.CachedDataResult;
  if (cached === undefined && script.cachedData !== undefined) chunkCaches.set(name, script.cachedData);
  return script;
}

let chunkCachesWarm = false;

/**
 * Compiles every lazy chunk once in a scratch isolate so their code caches exist before any
 * worker needs one: a request that first touches streams or URL then pays milliseconds, not
 * the tens of milliseconds of a first compile. Once per process, at an idle moment.
 */
export function warmChunkCaches(): void {
  if (chunkCachesWarm) return;
  chunkCachesWarm = true;
  const scratch = new ivm.Isolate({ memoryLimit: 64 });
  try {
    for (const name of lazyChunkNames) compileChunk(scratch, name);
  } finally {
    scratch.dispose();
  }
}

/**
 * Makes the prelude's and the chunks' code caches again in `isolate`, after it ran requests.
 * V8 puts into a cache the functions compiled when the cache is made: made at the first compile,
 * it holds little more than the top level, so every fresh isolate compiled each function a
 * request runs anew. Compiling the same source again in an isolate that ran requests finds
 * V8's own compilation (its per-isolate compilation cache), now with those functions, and the
 * cache made from it carries them ("code caching after execution", as Chrome does).
 * Returns the bytes of the caches made.
 */
export function refreshCodeCaches(isolate: ivm.Isolate): number {
  let bytes = 0;
  const prelude = isolate.compileScriptSync(preludeSource(), { filename: preludeFileName, produceCachedData: true }) as ivm.Script & ivm.CachedDataResult;
  if (prelude.cachedData !== undefined) {
    cachedData = prelude.cachedData;
    bytes += prelude.cachedData.copy().byteLength;
  }
  prelude.release();
  for (const name of lazyChunkNames) {
    if (!compiledIn.get(isolate)?.has(`chunk:${name}`)) continue;
    const script = isolate.compileScriptSync(chunkScriptSource(name), { filename: `edge-playground:${name}.js`, produceCachedData: true }) as ivm.Script & ivm.CachedDataResult;
    if (script.cachedData !== undefined) {
      chunkCaches.set(name, script.cachedData);
      bytes += script.cachedData.copy().byteLength;
    }
    script.release();
  }
  return bytes;
}

/** The size of the prelude's code cache now (0 before the first compile). */
export function preludeCodeCacheBytes(): number {
  return cachedData === null ? 0 : cachedData.copy().byteLength;
}
