// The single host function an isolate can call synchronously. It is wrapped in an ivm.Callback
// (arguments and results are copied, never shared) and handed only to the prelude's setup, which
// keeps it out of reach of user code. Pool isolates are made before we know which worker they
// will run, so the sync handler is a slot filled in at load time.
import ivm from "isolated-vm";
import { createHash, createHmac, getHashes } from "node:crypto";
import { subtleOp } from "./host-crypto.ts";
import { compileChunk } from "./prelude-script.ts";
import { lazyChunkNames, type LazyChunkName } from "./prelude/web/lazy-chunks.ts";
import type { SyncCall, SyncHandler, SyncResult } from "../server/sim/isolate-port.ts";
import type { PreludeRefs } from "./isolate-pool.ts";

const digestAlgorithms: Record<string, string> = { MD5: "md5", "SHA-1": "sha1", "SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512" };

export interface HostSlot {
  sync: SyncHandler | null;
  /** The runtime's own work inside the isolate (lazy chunks), kept off the requests' CPU. */
  runtimeWork: RuntimeWork;
  /** Set once the prelude is set up: where `lazy_load` runs a chunk and hands over its export. */
  chunks: { isolate: ivm.Isolate; context: ivm.Context; prelude: PreludeRefs } | null;
}

/**
 * CPU the prelude spends on its own cold costs while a request runs: evaluating a lazily loaded
 * chunk (whatwg-url, the IDNA table) on first use of URL. It is measured on the isolate's CPU
 * clock from the hand-out of the source to the prelude's "loaded" call, and the delivery
 * subtracts it, so the first request to touch URL in a fresh isolate is not charged for it.
 */
export class RuntimeWork {
  #cpuTime: () => bigint;
  #depth = 0;
  #startedNs = 0n;
  #spentNs = 0n;

  constructor(cpuTime: () => bigint) {
    this.#cpuTime = cpuTime;
  }

  begin(): void {
    if (this.#depth++ === 0) this.#startedNs = this.#cpuTime();
  }

  end(): void {
    if (this.#depth === 0) return;
    if (--this.#depth === 0) this.#spentNs += this.#cpuTime() - this.#startedNs;
  }

  /** CPU spent on runtime work since the last call; an unfinished span counts up to now. */
  take(): bigint {
    if (this.#depth > 0) {
      const now = this.#cpuTime();
      this.#spentNs += now - this.#startedNs;
      this.#startedNs = now;
    }
    const spent = this.#spentNs;
    this.#spentNs = 0n;
    return spent;
  }
}

function failure(name: string, message: string): SyncResult {
  return { ok: false, error: { name, message } };
}

function digest(payload: unknown): SyncResult {
  const { algorithm, data } = (payload ?? {}) as { algorithm?: unknown; data?: unknown };
  const nodeName = typeof algorithm === "string" ? digestAlgorithms[algorithm] : undefined;
  if (nodeName === undefined) return failure("NotSupportedError", `Unrecognized digest algorithm: ${String(algorithm)}`);
  if (!(data instanceof Uint8Array)) return failure("TypeError", "digest: data must be bytes");
  return { ok: true, value: new Uint8Array(createHash(nodeName).update(data).digest()) };
}

/**
 * Runs a lazy chunk in the calling isolate (a nested call: the isolate waits in its sync call)
 * and passes the chunk's `create` export to the prelude's registerChunk.
 */
function lazyLoad(slot: HostSlot, name: unknown): SyncResult {
  if (!(lazyChunkNames as readonly unknown[]).includes(name)) return failure("TypeError", `unknown chunk ${String(name)}`);
  if (slot.chunks === null) return failure("Error", "lazy chunks are not available before the prelude is set up");
  const { isolate, context, prelude } = slot.chunks;
  // Runtime work from here to the prelude's lazy_loaded call (which follows instantiation).
  slot.runtimeWork.begin();
  const create = compileChunk(isolate, name as LazyChunkName).runSync(context, { reference: true }) as ivm.Reference<unknown>;
  try {
    prelude.call("registerChunk", [name as string, create.derefInto()]);
  } finally {
    create.release();
  }
  return { ok: true, value: null };
}

const nodeHashes = new Set(getHashes());

/** node:crypto's createHash / createHmac for the isolate's node:crypto: algorithm names as Node takes them. */
function nodeHash(payload: unknown): SyncResult {
  const { algorithm, key, data } = (payload ?? {}) as { algorithm?: unknown; key?: unknown; data?: unknown };
  const name = typeof algorithm === "string" ? algorithm.toLowerCase() : "";
  if (!nodeHashes.has(name)) return failure("Error", "Digest method not supported");
  if (!(data instanceof Uint8Array) || !(key === null || key instanceof Uint8Array)) return failure("TypeError", "node_hash: data and key must be bytes");
  const hash = key === null ? createHash(name) : createHmac(name, key);
  return { ok: true, value: new Uint8Array(hash.update(data).digest()) };
}

export function createHostCallback(slot: HostSlot): ivm.Callback {
  return new ivm.Callback((kind: unknown, payload: unknown): SyncResult => {
    try {
      if (kind === "digest") return digest(payload);
      if (kind === "subtle") return subtleOp(payload);
      if (kind === "node_hash") return nodeHash(payload);
      if (kind === "lazy_load") return lazyLoad(slot, payload);
      if (kind === "lazy_loaded") {
        slot.runtimeWork.end();
        return { ok: true, value: null };
      }
      if (kind === "sync") {
        if (slot.sync === null) return failure("Error", "No synchronous host calls are available here");
        return slot.sync(payload as SyncCall);
      }
      return failure("TypeError", `unknown host call ${String(kind)}`);
    } catch (error) {
      // A bug on the host side must not unwind through V8 into user code as a host object.
      return failure("Error", error instanceof Error ? error.message : String(error));
    }
  });
}
