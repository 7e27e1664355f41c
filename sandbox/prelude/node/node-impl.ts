// Entry point of the "node" lazy chunk: the node: modules a worker with nodejs_compat imports,
// from the ecosystem's polyfills bundled for a bare realm (build-chunks.mjs): unenv's nodeless
// runtime (buffer, path, url, util, process), Node's own EventEmitter (the `events` package),
// Node's streams (readable-stream) and string_decoder, plus this folder's node:crypto (the host's
// hashes), AsyncLocalStorage (the runtime's async context) and node:assert.
import * as unenvBuffer from "unenv/runtime/node/buffer/index";
import * as unenvPath from "unenv/runtime/node/path/index";
import * as unenvUrl from "unenv/runtime/node/url/index";
import * as unenvUtil from "unenv/runtime/node/util/index";
import * as unenvTypes from "unenv/runtime/node/util/types/index";
import EventEmitter from "events";
import stream from "readable-stream";
import { StringDecoder } from "string_decoder/";
import { createAssert, isDeepEqual } from "./assert.ts";
import { addBase64Url } from "./buffer-base64url.ts";
import { addNodeArgumentErrors } from "./buffer-from-errors.ts";
import { createAsyncHooks, type AsyncContextDeps } from "./async-hooks.ts";
import { format, inspect } from "./inspect.ts";
import { createNodeCrypto, type NodeCryptoDeps } from "./node-crypto.ts";
import { process, setProcessEnv } from "./process.ts";

export interface NodeDeps {
  crypto: NodeCryptoDeps;
  asyncContext: AsyncContextDeps;
  env: Record<string, string>;
}

export interface NodeApi {
  /** Each module's exports by name, `default` among them. */
  modules: Record<string, Record<string, unknown>>;
  globals: Record<string, unknown>;
}

const withDefault = (exports: Record<string, unknown>, fallback?: unknown): Record<string, unknown> => {
  const record: Record<string, unknown> = { ...exports };
  record.default = fallback ?? exports.default ?? exports;
  return record;
};

function utilModule(): Record<string, unknown> {
  const util: Record<string, unknown> = { ...unenvUtil };
  delete util.default;
  const promisify = util.promisify as (fn: unknown) => unknown;
  Object.assign(util, {
    format,
    inspect,
    isDeepStrictEqual: (a: unknown, b: unknown) => isDeepEqual(a, b, true),
    callbackify: (fn: (...args: unknown[]) => Promise<unknown>) => (...args: unknown[]) => {
      const callback = args.pop() as (error: unknown, value?: unknown) => void;
      fn(...args).then((value) => queueMicrotask(() => callback(null, value)), (error) => queueMicrotask(() => callback(error ?? new Error("Promise was rejected with a falsy value"))));
    },
    promisify,
    types: { ...unenvTypes, isNativeError: (v: unknown) => v instanceof Error, isAsyncFunction: (v: unknown) => typeof v === "function" && v.constructor?.name === "AsyncFunction", isUint8Array: (v: unknown) => v instanceof Uint8Array, isAnyArrayBuffer: (v: unknown) => v instanceof ArrayBuffer, isArrayBufferView: (v: unknown) => ArrayBuffer.isView(v), isTypedArray: (v: unknown) => ArrayBuffer.isView(v) && !(v instanceof DataView) },
  });
  return withDefault(util, util);
}

function streamModules(): Record<string, Record<string, unknown>> {
  const promisify = unenvUtil.promisify as (fn: unknown) => (...args: unknown[]) => Promise<unknown>;
  const promises = { pipeline: promisify(stream.pipeline), finished: promisify(stream.finished) };
  const Stream = stream.Stream as Record<string, unknown>;
  const names = ["Readable", "Writable", "Duplex", "Transform", "PassThrough", "pipeline", "finished"];
  const exports: Record<string, unknown> = { Stream, promises };
  for (const name of names) exports[name] = stream[name];
  for (const name of names) Stream[name] ??= stream[name];
  Stream.Stream ??= Stream;
  Stream.promises ??= promises;
  return { stream: withDefault(exports, Stream), "stream/promises": withDefault(promises) };
}

export function create(deps: NodeDeps): NodeApi {
  setProcessEnv(deps.env);
  addBase64Url(unenvBuffer.Buffer as Parameters<typeof addBase64Url>[0]);
  addNodeArgumentErrors(unenvBuffer.Buffer as Parameters<typeof addNodeArgumentErrors>[0]);
  const Buffer = unenvBuffer.Buffer as Parameters<typeof createNodeCrypto>[1];
  const events = EventEmitter as unknown as Record<string, unknown>;
  const path = withDefault(unenvPath);
  const assert = createAssert();
  const strict = createAssert();
  (assert as Record<string, unknown>).strict = strict;
  (strict as Record<string, unknown>).strict = strict;
  const modules: Record<string, Record<string, unknown>> = {
    buffer: withDefault(unenvBuffer),
    events: withDefault({ EventEmitter: events, once: events.once, on: events.on, defaultMaxListeners: events.defaultMaxListeners }, events),
    path,
    "path/posix": path,
    url: withDefault(unenvUrl),
    util: utilModule(),
    "util/types": withDefault({ ...(utilModule().types as Record<string, unknown>) }),
    process: withDefault({ ...process, env: process.env }, process),
    string_decoder: withDefault({ StringDecoder }),
    crypto: createNodeCrypto(deps.crypto, Buffer),
    async_hooks: createAsyncHooks(deps.asyncContext),
    assert: withDefault({ ...assert }, assert),
    "assert/strict": withDefault({ ...strict }, strict),
    ...streamModules(),
  };
  return { modules, globals: { Buffer, process } };
}
