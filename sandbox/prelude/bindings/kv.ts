// The Workers KV binding inside the isolate. It only shapes arguments and results: every
// method is one call to the host (a bulk get one per key), where the simulated world decides
// what the read sees (which replica, which cached version, how stale) and when the answer
// arrives. The argument forms are kv-args.ts.
import { callHost } from "../runtime/calls.ts";
import { arrayAppend, ArrayIsArray, JSONParse, MapCtor, MapPrototypeSet } from "../runtime/primordials.ts";
import { utf8Decode } from "./bytes.ts";
import { bulkKeysMax, checkFoundType, isStream, listOptions, putOptions, readOptions, streamBytes, streamOf, valueBytes, type ValueType } from "./kv-args.ts";
import { checkKvKey, checkKvMetadata, checkKvValue } from "./kv-limits.ts";

interface KvReadReply { value: Uint8Array | null; metadata: unknown }

function convert(bytes: Uint8Array | null, type: ValueType): unknown {
  if (bytes === null) return null;
  checkFoundType(type);
  if (type === "json") return JSONParse(utf8Decode(bytes));
  if (type === "arrayBuffer") return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  if (type === "stream") return streamOf(bytes);
  return utf8Decode(bytes);
}

export function createKvNamespace(binding: string): object {
  const target = { type: "kv", binding } as const;
  const readOne = async (key: unknown, type: ValueType, cacheTtl: number | undefined): Promise<{ value: unknown; metadata: unknown; found: boolean }> => {
    const reply = (await callHost(target, "get", [checkKvKey("GET", key), cacheTtl === undefined ? {} : { cacheTtl }])).value as KvReadReply;
    // A null-prototype record: returning it from this async function reads no `then`.
    return { __proto__: null, value: convert(reply.value, type), metadata: reply.metadata ?? null, found: reply.value !== null } as never;
  };
  /** A bulk read: one call per key, all issued at once, answered as a Map in the keys' order. */
  const readMany = async (keys: unknown[], typeOrOptions: unknown, withMetadata: boolean): Promise<Map<string, unknown>> => {
    const { type, cacheTtl } = readOptions(typeOrOptions, true);
    if (keys.length > bulkKeysMax) throw new Error(`KV GET_BULK failed: 400 You can request a maximum of ${bulkKeysMax} keys`);
    const reads: Promise<{ value: unknown; metadata: unknown; found: boolean }>[] = [];
    for (let i = 0; i < keys.length; i++) arrayAppend(reads, readOne(keys[i], type, cacheTtl));
    const map = new MapCtor<string, unknown>();
    for (let i = 0; i < reads.length; i++) {
      const read = await reads[i]!;
      MapPrototypeSet(map, checkKvKey("GET", keys[i]), withMetadata ? (read.found ? { value: read.value, metadata: read.metadata } : null) : read.value);
    }
    return map;
  };
  const namespace = {
    async get(key: unknown, typeOrOptions?: unknown) {
      if (ArrayIsArray(key)) return readMany(key, typeOrOptions, false);
      const { type, cacheTtl } = readOptions(typeOrOptions, false);
      return (await readOne(key, type, cacheTtl)).value;
    },
    async getWithMetadata(key: unknown, typeOrOptions?: unknown) {
      if (ArrayIsArray(key)) return readMany(key, typeOrOptions, true);
      const { type, cacheTtl } = readOptions(typeOrOptions, false);
      const { value, metadata } = await readOne(key, type, cacheTtl);
      return { value, metadata, cacheStatus: null };
    },
    async put(key: unknown, value: unknown, options?: unknown) {
      // Every limit is checked before anything is copied, in workerd's order: key, options, value.
      const name = checkKvKey("PUT", key);
      const opts: Record<string, unknown> = putOptions(options);
      const metadata = (options as { metadata?: unknown } | null | undefined)?.metadata;
      // Metadata must be JSON; a round trip also drops getters and prototypes before it crosses.
      if (metadata !== undefined) opts.metadata = JSONParse(checkKvMetadata(metadata));
      checkKvValue(value);
      // Only a stream costs an extra turn before the call is issued.
      const bytes = isStream(value) ? await streamBytes(value) : valueBytes(value);
      checkKvValue(bytes);
      await callHost(target, "put", [name, bytes, opts]);
    },
    async delete(key: unknown) {
      await callHost(target, "delete", [checkKvKey("DELETE", key)]);
    },
    async list(options?: unknown) {
      // workerd adds cacheStatus (always null outside its edge cache) to list results too.
      const listed = (await callHost(target, "list", [listOptions(options)])).value as Record<string, unknown>;
      return { ...listed, cacheStatus: null };
    },
  };
  return Object.freeze(namespace);
}
