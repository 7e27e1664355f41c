// The bundled prelude (built by scripts/build-prelude.mjs) and its V8 code cache. Every isolate
// compiles the same prelude, so after the first compile each one reuses the cached data.
import ivm from "isolated-vm";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { preludeFileName } from "./runtime-names.ts";


const preludePath = fileURLToPath(new URL("./prelude/dist/prelude.js", import.meta.url));
let source: string | null = null;
let cachedData: ivm.ExternalCopy<ArrayBuffer> | null = null;

function preludeSource(): string {
  if (source === null) {
    try {
      source = readFileSync(preludePath, "utf8");
    } catch {
      throw new Error(`The isolate prelude is not built (${preludePath} is missing): run npm run build:prelude`);
    }
  }
  return source;
}

/** Compiles the prelude in `isolate`, producing the code cache on first use and using it after. */
export function compilePrelude(isolate: ivm.Isolate): ivm.Script {
  const options = cachedData === null ? { produceCachedData: true } : { cachedData };
  // The typings leave out the cache fields isolated-vm sets on the result (CachedDataResult).
  const script = isolate.compileScriptSync(preludeSource(), { filename: preludeFileName, ...options }) as ivm.Script & ivm.CachedDataResult;
  if (cachedData === null && script.cachedData !== undefined) cachedData = script.cachedData;
  return script;
}

const chunks = new Map<string, string>();

/** The source of a lazily loaded prelude chunk, read once per process. */
export function preludeChunk(name: "url" | "idna"): string {
  let text = chunks.get(name);
  if (text === undefined) {
    text = readFileSync(fileURLToPath(new URL(`./prelude/dist/chunk-${name}.js`, import.meta.url)), "utf8");
    chunks.set(name, text);
  }
  return text;
}
