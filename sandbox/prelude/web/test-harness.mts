// Test harness: runs this layer inside a real isolated-vm isolate, as the product does. It
// bundles index.ts with esbuild, evaluates the bundle in a fresh context, and installs the
// Web APIs with host-backed deps: a deterministic byte source, node:crypto digests and the lazy
// chunks. Tests evaluate async snippets and get their JSON result back.
//
// Named .mts so that neither tsconfig's "*.ts" globs pick it up: the isolate-side config has no
// Node types, and the root config excludes sandbox/prelude/.

import { createHash } from "node:crypto";
import ivm from "isolated-vm";
import { subtleOp } from "../../host-crypto.ts";
import { buildWebChunks, buildWebEager } from "./build-chunks.mjs";

export const testIsolateMemoryMb = 64;
/** Bounds a snippet's synchronous run so a broken test fails instead of hanging. */
export const snippetTimeoutMs = 5000;

interface Bundles {
  eager: string;
  chunks: Record<string, string>;
}

let bundles: Promise<Bundles> | undefined;

/** The bundles, built once per test process. */
export function webBundles(): Promise<Bundles> {
  bundles ??= Promise.all([buildWebEager(), buildWebChunks()]).then(([eager, chunks]) => ({ eager, chunks }));
  return bundles;
}

/** A deterministic byte stream (xorshift32 from a fixed seed): same bytes on every run. */
function byteSource(seed: number): (length: number) => Uint8Array {
  let state = seed >>> 0 || 1;
  return (length) => {
    const bytes = new Uint8Array(length);
    for (let index = 0; index < length; index++) {
      state ^= state << 13;
      state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      bytes[index] = state & 0xff;
    }
    return bytes;
  };
}

export interface WebIsolate {
  isolate: ivm.Isolate;
  context: ivm.Context;
  /** Evaluates `body` as the body of an async function; resolves with its JSON-copied result. */
  run<T = unknown>(body: string): Promise<T>;
  /** Names of lazy chunks the isolate asked for, in order. */
  chunkRequests: string[];
  heapUsedBytes(): number;
  dispose(): void;
}

export interface WebIsolateOptions {
  /** Provide the lazy chunks (default true); false models a runtime that did not wire them. */
  lazyChunks?: boolean;
  /** Code evaluated in the fresh context before the bundle (e.g. to poison Math.random). */
  beforeBundle?: string;
  seed?: number;
}

export async function createWebIsolate(options: WebIsolateOptions = {}): Promise<WebIsolate> {
  const { eager, chunks } = await webBundles();
  const isolate = new ivm.Isolate({ memoryLimit: testIsolateMemoryMb });
  const context = await isolate.createContext();
  const chunkRequests: string[] = [];
  const randomBytes = byteSource(options.seed ?? 42);
  const jail = context.global;
  await jail.set("__hostRandom", new ivm.Callback((length: number) => randomBytes(length)));
  await jail.set("__hostDigest", new ivm.Callback((algorithm: string, data: Uint8Array) => {
    const name = algorithm.replace("-", "").toLowerCase();
    return new Uint8Array(createHash(name).update(data).digest());
  }));
  await jail.set("__hostSubtle", new ivm.Callback((op: unknown) => {
    const result = subtleOp(op);
    if (!result.ok) return { error: result.error };
    return { value: result.value };
  }));
  await jail.set("__hostChunk", new ivm.Callback((name: string) => {
    chunkRequests.push(name);
    return chunks[name];
  }));
  if (options.beforeBundle !== undefined) await context.eval(options.beforeBundle);
  await context.eval(eager, { timeout: snippetTimeoutMs });
  const withChunks = options.lazyChunks ?? true;
  await context.eval(`(() => {
    const hostRandom = __hostRandom, hostDigest = __hostDigest, hostChunk = __hostChunk, hostSubtle = __hostSubtle;
    delete globalThis.__hostSubtle; delete globalThis.__hostRandom; delete globalThis.__hostDigest; delete globalThis.__hostChunk;
    const api = web;
    delete globalThis.web;
    globalThis.__web = api; // test-only: lets tests reach the wire conversions
    api.installWebApis(globalThis, {
      fillRandom(bytes) { bytes.set(hostRandom(bytes.length)); },
      digest: (algorithm, data) => hostDigest(algorithm, data),
      subtle(op) {
        const result = hostSubtle(op);
        if (result.error) throw new (result.error.name === "TypeError" ? TypeError : DOMException)(result.error.message, result.error.name);
        return result.value;
      },
      ${withChunks ? "lazySource: (name) => hostChunk(name)," : ""}
    });
    // Captured so tests that patch JSON.stringify can still return their results.
    Object.defineProperty(globalThis, "__toJson", { value: JSON.stringify });
    globalThis.errorOf = async (fn) => {
      try { await fn(); return null; }
      catch (e) { return { name: e.name, message: e.message, type: e.constructor && e.constructor.name, code: e.code, isDOMException: e instanceof DOMException }; }
    };
  })()`);
  return {
    isolate,
    context,
    chunkRequests,
    async run<T>(body: string): Promise<T> {
      const json = await context.eval(`(async () => { ${body}\n })().then((value) => __toJson(value === undefined ? null : value))`, {
        promise: true,
        timeout: snippetTimeoutMs,
      });
      return JSON.parse(json as string) as T;
    },
    heapUsedBytes: () => isolate.getHeapStatisticsSync().used_heap_size,
    dispose: () => isolate.dispose(),
  };
}
