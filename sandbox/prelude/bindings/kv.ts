// The Workers KV binding inside the isolate. It only shapes arguments and results: every
// method is one call to the host, where the simulated world decides what the read sees (which
// replica, which cached version, how stale) and when the answer arrives.
import { callHost } from "../runtime/calls.ts";
import { JSONParse } from "../runtime/primordials.ts";
import { toBytes, utf8Decode } from "./bytes.ts";
import { checkKvExpirationTtl, checkKvKey, checkKvMetadata, checkKvValue } from "./kv-limits.ts";

type ValueType = "text" | "json" | "arrayBuffer" | "stream";
interface KvReadReply { value: Uint8Array | null; metadata: unknown }

function readType(typeOrOptions: unknown): { type: ValueType; cacheTtl: number | undefined } {
  const options = typeof typeOrOptions === "string" ? { type: typeOrOptions } : ((typeOrOptions ?? {}) as { type?: unknown; cacheTtl?: unknown });
  const type = (options.type ?? "text") as ValueType;
  if (type !== "text" && type !== "json" && type !== "arrayBuffer" && type !== "stream") {
    throw new TypeError(`KV get: unknown type "${String(type)}"; expected "text", "json", "arrayBuffer" or "stream"`);
  }
  if (type === "stream") throw new TypeError('KV get: type "stream" is not supported in the playground; use "arrayBuffer"');
  const cacheTtl = options.cacheTtl === undefined ? undefined : Number(options.cacheTtl);
  return { type, cacheTtl };
}

function convert(bytes: Uint8Array | null, type: ValueType): unknown {
  if (bytes === null) return null;
  if (type === "json") return JSONParse(utf8Decode(bytes));
  if (type === "arrayBuffer") return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return utf8Decode(bytes);
}

export function createKvNamespace(binding: string): object {
  const target = { type: "kv", binding } as const;
  const read = async (key: unknown, typeOrOptions: unknown): Promise<{ value: unknown; metadata: unknown }> => {
    const { type, cacheTtl } = readType(typeOrOptions);
    const reply = (await callHost(target, "get", [checkKvKey("GET", key), cacheTtl === undefined ? {} : { cacheTtl }])).value as KvReadReply;
    // A null-prototype record: returning it from this async function reads no `then`.
    return { __proto__: null, value: convert(reply.value, type), metadata: reply.metadata ?? null } as { value: unknown; metadata: unknown };
  };
  const namespace = {
    async get(key: unknown, typeOrOptions?: unknown) {
      return (await read(key, typeOrOptions)).value;
    },
    async getWithMetadata(key: unknown, typeOrOptions?: unknown) {
      const { value, metadata } = await read(key, typeOrOptions);
      return { value, metadata, cacheStatus: null };
    },
    async put(key: unknown, value: unknown, options?: { expiration?: unknown; expirationTtl?: unknown; metadata?: unknown }) {
      // Every limit is checked before anything is copied, in workerd's order: key, options, value.
      const name = checkKvKey("PUT", key);
      const opts: Record<string, unknown> = {};
      if (options?.expiration !== undefined) opts.expiration = Number(options.expiration);
      if (options?.expirationTtl !== undefined) opts.expirationTtl = checkKvExpirationTtl(Number(options.expirationTtl));
      // Metadata must be JSON; a round trip also drops getters and prototypes before it crosses.
      if (options?.metadata !== undefined) opts.metadata = JSONParse(checkKvMetadata(options.metadata));
      checkKvValue(value);
      await callHost(target, "put", [name, toBytes(value, "KV put"), opts]);
    },
    async delete(key: unknown) {
      await callHost(target, "delete", [checkKvKey("DELETE", key)]);
    },
    async list(options?: { prefix?: unknown; limit?: unknown; cursor?: unknown }) {
      const opts: Record<string, unknown> = {};
      if (options?.prefix !== undefined && options.prefix !== null) opts.prefix = String(options.prefix);
      if (options?.limit !== undefined) opts.limit = Number(options.limit);
      if (options?.cursor !== undefined && options.cursor !== null) opts.cursor = String(options.cursor);
      // workerd adds cacheStatus (always null outside its edge cache) to list results too.
      const listed = (await callHost(target, "list", [opts])).value as Record<string, unknown>;
      return { ...listed, cacheStatus: null };
    },
  };
  return Object.freeze(namespace);
}
