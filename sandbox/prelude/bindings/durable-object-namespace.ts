// The Durable Object namespace binding: ids and stubs. Ids come from the host synchronously
// (hashing a name, or the world's seeded randomness for unique ids), as `idFromName` returns at
// once on the real platform. A stub's fetch, and each RPC call on it, is one call the world routes to the object's owner.
import { callHost } from "../runtime/calls.ts";
import { hostSync } from "../runtime/host.ts";
import { Request, requestToWireSync, responseFromWire } from "../web/index.ts";
import { MapCtor, MapPrototypeGet, MapPrototypeSet } from "../runtime/primordials.ts";
import { rpcStub } from "./rpc-stub.ts";

const objectIdPattern = /^[0-9a-f]{64}$/;

/** Names whose ids one namespace binding keeps (a worker naming objects without end stops adding). */
const namedIdsKeptMax = 1024;

class DurableObjectId {
  readonly #hex: string;
  readonly name: string | undefined;
  constructor(hex: string, name: string | undefined) {
    this.#hex = hex;
    this.name = name;
  }
  toString(): string {
    return this.#hex;
  }
  equals(other: unknown): boolean {
    return other instanceof DurableObjectId && other.#hex === this.#hex;
  }
}

export function createObjectNamespace(binding: string, className: string): object {
  const stubFor = (id: unknown, locationHint: string | null) => {
    if (!(id instanceof DurableObjectId)) throw new TypeError(`${binding}.get: expected a DurableObjectId from idFromName, idFromString or newUniqueId`);
    const objectId = id.toString();
    const objectName = id.name ?? null;
    const target = { type: "object", binding, className, objectId, objectName, locationHint } as const;
    const fetch = async (input: unknown, init?: unknown) => {
      const request = new Request(input as never, init as never);
      const reply = await callHost(target, "fetch", [requestToWireSync(request)]);
      return responseFromWire(reply.value as never, true);
    };
    // Any other property is a remote method or property of the object (RPC).
    return rpcStub(target, "DurableObject", {
      name: { __proto__: null, value: id.name, enumerable: true } as PropertyDescriptor,
      id: { __proto__: null, value: id, enumerable: true } as PropertyDescriptor,
      fetch: { __proto__: null, value: fetch } as PropertyDescriptor,
    });
  };
  // An id from a name is a pure function of the namespace and the name (the world hashes the
  // two), so the answers are kept: a worker that names its object in every request, as most do,
  // asks the host once per name instead of once per request.
  const idsByName = new MapCtor<string, string>();
  let namedIdsKept = 0;
  const idFromName = (name: unknown) => {
    const text = String(name);
    let hex = MapPrototypeGet(idsByName, text);
    if (hex === undefined) {
      hex = hostSync({ type: "object_id_from_name", binding, name: text }) as string;
      if (namedIdsKept < namedIdsKeptMax) {
        MapPrototypeSet(idsByName, text, hex);
        namedIdsKept++;
      }
    }
    return new DurableObjectId(hex, text);
  };
  return Object.freeze({
    idFromName,
    idFromString(hex: unknown) {
      if (typeof hex !== "string" || !objectIdPattern.test(hex)) throw new TypeError(`${binding}.idFromString: an id is 64 lower-case hex digits`);
      return new DurableObjectId(hex, undefined);
    },
    newUniqueId(options?: { jurisdiction?: string; locationHint?: string }) {
      const hint = options?.locationHint ?? null;
      return new DurableObjectId(hostSync({ type: "object_id_unique", binding, locationHint: hint }) as string, undefined);
    },
    get(id: unknown, options?: { locationHint?: unknown }) {
      return stubFor(id, options?.locationHint === undefined ? null : String(options.locationHint));
    },
    getByName(name: unknown, options?: { locationHint?: unknown }) {
      return stubFor(idFromName(name), options?.locationHint === undefined ? null : String(options.locationHint));
    },
  });
}
