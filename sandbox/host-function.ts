// The single host function an isolate can call synchronously. It is wrapped in an ivm.Callback
// (arguments and results are copied, never shared) and handed only to the prelude's setup, which
// keeps it out of reach of user code. Pool isolates are made before we know which worker they
// will run, so the sync handler is a slot filled in at load time.
import ivm from "isolated-vm";
import { createHash } from "node:crypto";
import { preludeChunk } from "./prelude-script.ts";
import type { SyncCall, SyncHandler, SyncResult } from "../server/sim/isolate-port.ts";

const digestAlgorithms: Record<string, string> = { "SHA-1": "sha1", "SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512" };

export interface HostSlot {
  sync: SyncHandler | null;
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

function lazyChunk(name: unknown): SyncResult {
  if (name !== "url" && name !== "idna") return failure("TypeError", `unknown chunk ${String(name)}`);
  return { ok: true, value: preludeChunk(name) };
}

export function createHostCallback(slot: HostSlot): ivm.Callback {
  return new ivm.Callback((kind: unknown, payload: unknown): SyncResult => {
    try {
      if (kind === "digest") return digest(payload);
      if (kind === "lazy_source") return lazyChunk(payload);
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
