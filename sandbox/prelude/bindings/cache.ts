// The Cache API (`caches.default`, `caches.open(name)`) inside the isolate. It checks what
// workerd refuses with a TypeError (a put for a non-GET request, a 206 response, `Vary: *`, a
// used body, something that is not a Response) and sends the rest to the world, where the cache
// of the PoP that took the request answers and traces the call (server/sim/world/cache.ts).
// Messages are workerd's, so a learner's error handling sees what production shows.
import type { CacheKeyRequest, WireResponse } from "../../../server/sim/isolate-port.ts";
import { callHost } from "../runtime/calls.ts";
import { ErrorCtor, ObjectDefineProperty, ObjectFreeze, PromiseReject, PromiseResolve, StringCtor, StringPrototypeIndexOf, TypeErrorCtor } from "../runtime/primordials.ts";
import { headerPairs } from "../web/headers.ts";
import { getRequestFields, isRequest, Request } from "../web/request.ts";
import { getResponseFields, isResponse } from "../web/response.ts";
import { responseFromWire, responseToWire } from "../web/index.ts";

const constructionKey = {};

function keyOf(input: unknown): CacheKeyRequest {
  const request = isRequest(input) ? input : new Request(input as never);
  const fields = getRequestFields(request);
  return { __proto__: null, method: fields.method, url: fields.url, headers: headerPairs(fields.headers) } as unknown as CacheKeyRequest;
}

function checkQueryOptions(options: unknown): { ignoreMethod: boolean } {
  const given = (options ?? { __proto__: null }) as { ignoreMethod?: unknown; ignoreSearch?: unknown; ignoreVary?: unknown };
  if (given.ignoreSearch) throw new ErrorCtor("The 'ignoreSearch' field on 'CacheQueryOptions' is not implemented.");
  if (given.ignoreVary) throw new ErrorCtor("The 'ignoreVary' field on 'CacheQueryOptions' is not implemented.");
  return { __proto__: null, ignoreMethod: given.ignoreMethod === true } as { ignoreMethod: boolean };
}

function notImplemented(method: string): Promise<never> {
  return PromiseReject(new ErrorCtor(`Failed to execute '${method}' on 'Cache': the method is not implemented.`));
}

export class Cache {
  readonly #name: string | null;

  constructor(key?: unknown, name?: string | null) {
    if (key !== constructionKey) throw new TypeErrorCtor("Illegal constructor");
    this.#name = name ?? null;
  }

  async match(request: unknown, options?: unknown): Promise<unknown> {
    const query = checkQueryOptions(options);
    const reply = await callHost({ type: "cache", name: this.#name }, "match", [keyOf(request), query]);
    return reply.value === null ? undefined : responseFromWire(reply.value as WireResponse, true);
  }

  async put(request: unknown, response: unknown): Promise<undefined> {
    const key = keyOf(request);
    if (!isResponse(response)) throw new TypeErrorCtor("Failed to execute 'put' on 'Cache': parameter 2 is not of type 'Response'.");
    if (key.method !== "GET") throw new TypeErrorCtor("Cannot cache response to non-GET request.");
    const fields = getResponseFields(response);
    if (fields.status === 206) throw new TypeErrorCtor("Cannot cache response to a range request (206 Partial Content).");
    const pairs = headerPairs(fields.headers);
    for (let i = 0; i < pairs.length; i++) {
      // Indexed, not destructured: worker code may have replaced the array iterator.
      const pair = pairs[i]!;
      if (pair[0] === "vary" && StringPrototypeIndexOf(pair[1], "*") >= 0) throw new TypeErrorCtor("Cannot cache response with 'Vary: *' header.");
    }
    const wire = await responseToWire(response);
    await callHost({ type: "cache", name: this.#name }, "put", [key, wire]);
    return undefined;
  }

  async delete(request: unknown, options?: unknown): Promise<boolean> {
    const query = checkQueryOptions(options);
    return (await callHost({ type: "cache", name: this.#name }, "delete", [keyOf(request), query])).value === true;
  }

  add(): Promise<never> {
    return notImplemented("add");
  }

  addAll(): Promise<never> {
    return notImplemented("addAll");
  }

  keys(): Promise<never> {
    return notImplemented("keys");
  }

  matchAll(): Promise<never> {
    return notImplemented("matchAll");
  }
}

export class CacheStorage {
  readonly #default: Cache;

  constructor(key?: unknown) {
    if (key !== constructionKey) throw new TypeErrorCtor("Illegal constructor");
    this.#default = new Cache(constructionKey, null);
  }

  get default(): Cache {
    return this.#default;
  }

  open(name: unknown): Promise<Cache> {
    return PromiseResolve(new Cache(constructionKey, StringCtor(name)));
  }
}

ObjectDefineProperty(Cache.prototype, Symbol.toStringTag, { value: "Cache", configurable: true });
ObjectDefineProperty(CacheStorage.prototype, Symbol.toStringTag, { value: "CacheStorage", configurable: true });

/** Defines `caches`, `Cache` and `CacheStorage` on the isolate's global. */
export function installCaches(global: Record<string, unknown>): void {
  const define = (name: string, value: unknown) => ObjectDefineProperty(global, name, { value, writable: true, configurable: true });
  define("caches", ObjectFreeze(new CacheStorage(constructionKey)));
  define("Cache", Cache);
  define("CacheStorage", CacheStorage);
}
