// The argument forms Workers KV accepts, as workerd reads them (measured against Miniflare):
// a put's value is a string, ArrayBuffer, view or ReadableStream (other primitives become
// strings, objects are refused); get's type is text, json, arrayBuffer or stream; cacheTtl is
// at least 30 s; a get of an array of keys is a bulk read of at most 100 keys, as text or json.
// The messages are workerd's.
import { cacheTtlSecMin, expirationTtlSecMin, listLimitMax } from "../../../server/sim/kv/limits.ts";
import { virtualNow } from "../runtime/clock.ts";
import { StringCtor } from "../runtime/primordials.ts";
import { takeBodyAsync } from "../web/body.ts";
import { Response } from "../web/index.ts";
import { loadedStreamsApi } from "../web/streams-lazy.ts";
import { checkKvExpirationTtl } from "./kv-limits.ts";
import { toBytes } from "./bytes.ts";

export type ValueType = "text" | "json" | "arrayBuffer" | "stream";

export const bulkKeysMax = 100;

const knownType = (type: unknown) => type === "text" || type === "json" || type === "arrayBuffer" || type === "stream";

/** workerd checks the type only once a value was found: a missing key reads as null whatever it is. */
export function checkFoundType(type: ValueType): void {
  if (!knownType(type)) throw new TypeError('Unknown response type. Possible types are "text", "arrayBuffer", "json", and "stream".');
}

export function readOptions(typeOrOptions: unknown, bulk: boolean): { type: ValueType; cacheTtl: number | undefined } {
  const options = typeof typeOrOptions === "string" ? { type: typeOrOptions } : ((typeOrOptions ?? { __proto__: null }) as { type?: unknown; cacheTtl?: unknown });
  const type = (options.type ?? "text") as ValueType;
  if (bulk && !knownType(type)) checkFoundType(type);
  if (bulk && type !== "text" && type !== "json") throw new Error(`KV GET_BULK failed: 400 "${type}" is not a valid type. Use "json" or "text"`);
  const cacheTtl = options.cacheTtl === undefined ? undefined : Number(options.cacheTtl);
  if (cacheTtl !== undefined && !(cacheTtl >= cacheTtlSecMin)) {
    throw new Error(`KV GET failed: 400 Invalid cache_ttl of ${StringCtor(options.cacheTtl)}. Cache TTL must be at least ${cacheTtlSecMin}.`);
  }
  return { type, cacheTtl };
}

export const isStream = (value: unknown) => loadedStreamsApi()?.isReadableStream(value) === true;

/** A ReadableStream put as a value (request.body...), read to its end. */
export async function streamBytes(value: unknown): Promise<Uint8Array> {
  return (await takeBodyAsync(new Response(value as never) as never)) ?? new Uint8Array(0);
}

/** A put's value other than a stream, as bytes (synchronous: the call is issued in the put's turn). */
export function valueBytes(value: unknown): Uint8Array {
  if (typeof value === "object" && value !== null && !(value instanceof ArrayBuffer) && !ArrayBuffer.isView(value)) {
    throw new TypeError("KV put() accepts only strings, ArrayBuffers, ArrayBufferViews, and ReadableStreams as values.");
  }
  if (typeof value === "symbol") throw new TypeError("Cannot convert a Symbol value to a string");
  if (value === null || (typeof value !== "object" && typeof value !== "string")) return toBytes(StringCtor(value), "KV put");
  return toBytes(value, "KV put");
}

/** put()'s options: expiration (seconds since the epoch, in the future), expirationTtl, metadata. */
export function putOptions(options: unknown): { expiration?: number; expirationTtl?: number; metadata?: unknown } {
  if (options !== undefined && options !== null && typeof options !== "object") {
    throw new TypeError("Failed to execute 'put' on 'KvNamespace': parameter 3 is not of type 'PutOptions'.");
  }
  const o = (options ?? { __proto__: null }) as { expiration?: unknown; expirationTtl?: unknown; metadata?: unknown };
  const out: { expiration?: number; expirationTtl?: number; metadata?: unknown } = {};
  if (o.expiration !== undefined) {
    const expiration = Number(o.expiration);
    if (!(expiration > virtualNow() / 1000)) {
      throw new Error(`KV PUT failed: 400 Invalid expiration of ${StringCtor(o.expiration)}. Please specify integer greater than the current number of seconds since the UNIX epoch.`);
    }
    if (expiration < virtualNow() / 1000 + expirationTtlSecMin) {
      throw new Error(`KV PUT failed: 400 Invalid expiration of ${StringCtor(o.expiration)}. Expiration times must be at least ${expirationTtlSecMin} seconds in the future.`);
    }
    out.expiration = expiration;
  }
  if (o.expirationTtl !== undefined) out.expirationTtl = checkKvExpirationTtl(Number(o.expirationTtl));
  return out;
}

/** list()'s options: a limit of 1-1000 (0 or less means the default), prefix and cursor as strings. */
export function listOptions(options: unknown): Record<string, unknown> {
  const o = (options ?? { __proto__: null }) as { prefix?: unknown; limit?: unknown; cursor?: unknown };
  const out: Record<string, unknown> = {};
  if (o.prefix !== undefined && o.prefix !== null) out.prefix = StringCtor(o.prefix);
  if (o.limit !== undefined && o.limit !== null) {
    const limit = Number(o.limit);
    if (limit > listLimitMax) throw new Error(`KV GET failed: 400 Invalid key_count_limit of ${StringCtor(o.limit)}. Please specify an integer less than ${listLimitMax}.`);
    if (limit > 0) out.limit = Math.trunc(limit);
  }
  if (o.cursor !== undefined && o.cursor !== null && o.cursor !== "") out.cursor = StringCtor(o.cursor);
  return out;
}

/** A value read as a ReadableStream (type "stream"). */
export function streamOf(bytes: Uint8Array): unknown {
  return new Response(bytes as never).body;
}
