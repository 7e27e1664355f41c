// The one function the host gives the isolate. It is captured here, in a module-level binding no
// user code can name, and always called directly (never through .call/.apply, which user code
// could replace), so the learner's code cannot get hold of it.
import type { SyncCall, SyncResult } from "../../../server/sim/isolate-port.ts";
import { DOMException } from "../web/dom-exception.ts";
import { fromHostError } from "./errors.ts";

export type HostFunction = (kind: string, payload: unknown) => SyncResult;

let host: HostFunction | null = null;

export function bindHost(fn: HostFunction): void {
  if (host !== null) throw new Error("the host function is bound once");
  host = fn;
}

function callSync(kind: string, payload: unknown): unknown {
  const fn = host;
  if (fn === null) throw new Error("the runtime is not set up");
  const result = fn(kind, payload);
  if (!result.ok) throw fromHostError(result.error);
  return result.value;
}

/** A synchronous call answered by the simulated world (SQL, object ids). */
export function hostSync(call: SyncCall): unknown {
  return callSync("sync", call);
}

/** A digest computed by the host's crypto library; the bytes are copies both ways. */
export function hostDigest(algorithm: string, data: Uint8Array): Uint8Array {
  return callSync("digest", { algorithm, data }) as Uint8Array;
}


/** Has the host evaluate a lazy chunk in this context; it registers the chunk's export. */
export function hostLoadChunk(name: string): void {
  callSync("lazy_load", name);
}

/** Tells the host a lazily loaded chunk has been evaluated (its CPU is the runtime's, not the request's). */
export function hostLazyLoaded(name: string): void {
  callSync("lazy_loaded", name);
}

/**
 * An HMAC or AES-GCM operation computed by the host's crypto library; bytes are copies both ways.
 * Failures are DOMExceptions (OperationError...) as Web Crypto specifies, TypeErrors stay TypeErrors.
 */
export function hostSubtle(op: unknown): Uint8Array {
  const fn = host;
  if (fn === null) throw new Error("the runtime is not set up");
  const result = fn("subtle", op);
  if (result.ok) return result.value as Uint8Array;
  if (result.error.name === "TypeError") throw new TypeError(result.error.message);
  throw new DOMException(result.error.message, result.error.name);
}

/** A node:crypto digest (key null) or HMAC computed by the host; throws for an unknown algorithm. */
export function hostNodeHash(algorithm: string, key: Uint8Array | null, data: Uint8Array): Uint8Array {
  return callSync("node_hash", { algorithm, key, data }) as Uint8Array;
}
