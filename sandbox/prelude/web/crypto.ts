// crypto.getRandomValues, crypto.randomUUID and crypto.subtle (digest here; the secret-key
// operations in subtle.ts). Randomness comes from the runtime's seeded PRNG and digests, HMAC and
// AES-GCM from the host, all injected, so runs stay deterministic and this layer never touches
// Math.random or a clock. The deps are called directly (never via
// .call/.apply) so a patched Function.prototype cannot intercept them.

import { DOMException } from "./dom-exception.ts";
import * as secret from "./subtle.ts";
import {
  PromiseReject,
  PromiseResolve,
  bytesSet,
  SafeString,
  SafeTypeError,
  SafeUint8Array,
  StringPrototypeToUpperCase,
  copyBytes,
  isArrayBuffer,
  typedArrayKind,
  viewWindow,
  ArrayBufferIsView,
} from "./primordials.ts";

/** The Web Crypto limit on one getRandomValues call. */
export const getRandomValuesBytesMax = 65536;

export interface CryptoDeps {
  fillRandom(bytes: Uint8Array): void;
  digest(algorithm: string, data: Uint8Array): Uint8Array;
  /** HMAC and AES-GCM on the host; without it those operations reject with NotSupportedError. */
  subtle?(op: secret.SubtleHostOp): Uint8Array;
}

/** Runs `operation` now and settles a promise with its result, as every subtle method must. */
function settle<T>(operation: () => T): Promise<T> {
  try {
    return PromiseResolve(operation());
  } catch (error) {
    return PromiseReject(error);
  }
}

function subtleDeps(): secret.SubtleDeps {
  const deps = requireDeps();
  const subtle = deps.subtle;
  return {
    fillRandom: deps.fillRandom,
    subtle(op) {
      if (subtle === undefined) throw new DOMException("HMAC and AES-GCM are not available: the runtime provides no host crypto here.", "NotSupportedError");
      return subtle(op);
    },
  };
}

const integerArrayKinds = [
  "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array",
  "Int32Array", "Uint32Array", "BigInt64Array", "BigUint64Array",
];
const hexDigits = "0123456789abcdef";
// MD5 is workerd's non-standard extra (old code computes ETags with it).
const digestAlgorithms = ["SHA-1", "SHA-256", "SHA-384", "SHA-512", "MD5"];

let cryptoDeps: CryptoDeps | undefined;
const constructionKey = {};

function requireDeps(): CryptoDeps {
  if (cryptoDeps === undefined) throw new SafeTypeError("crypto is not available before the runtime installs it.");
  return cryptoDeps;
}

export class SubtleCrypto {
  constructor(key?: unknown) {
    if (key !== constructionKey) throw new SafeTypeError("Illegal constructor");
  }

  /** Resolves to the digest as an ArrayBuffer; unknown algorithms reject with NotSupportedError. */
  digest(algorithm: unknown, data: unknown): Promise<unknown> {
    try {
      const name = digestName(algorithm);
      if (!isArrayBuffer(data) && !ArrayBufferIsView(data)) {
        throw new SafeTypeError("crypto.subtle.digest: data must be an ArrayBuffer or an ArrayBufferView.");
      }
      const digest = requireDeps().digest;
      const result = digest(name, copyBytes(data));
      return PromiseResolve(copyBytes(result).buffer as ArrayBuffer);
    } catch (error) {
      return PromiseReject(error);
    }
  }

  importKey(format: unknown, keyData: unknown, algorithm: unknown, extractable: unknown, usages: unknown): Promise<unknown> {
    return settle(() => secret.importKey(format, keyData, algorithm, extractable, usages));
  }

  exportKey(format: unknown, key: unknown): Promise<unknown> {
    return settle(() => secret.exportKey(format, key));
  }

  generateKey(algorithm: unknown, extractable: unknown, usages: unknown): Promise<unknown> {
    return settle(() => secret.generateKey(subtleDeps(), algorithm, extractable, usages));
  }

  sign(algorithm: unknown, key: unknown, data: unknown): Promise<unknown> {
    return settle(() => secret.sign(subtleDeps(), algorithm, key, data));
  }

  verify(algorithm: unknown, key: unknown, signature: unknown, data: unknown): Promise<boolean> {
    return settle(() => secret.verify(subtleDeps(), algorithm, key, signature, data));
  }

  encrypt(algorithm: unknown, key: unknown, data: unknown): Promise<unknown> {
    return settle(() => secret.encrypt(subtleDeps(), algorithm, key, data));
  }

  decrypt(algorithm: unknown, key: unknown, data: unknown): Promise<unknown> {
    return settle(() => secret.decrypt(subtleDeps(), algorithm, key, data));
  }

  deriveBits(algorithm: unknown, baseKey: unknown, length: unknown): Promise<unknown> {
    return settle(() => secret.deriveBits(subtleDeps(), algorithm, baseKey, length));
  }

  deriveKey(algorithm: unknown, baseKey: unknown, derivedKeyAlgorithm: unknown, extractable: unknown, usages: unknown): Promise<unknown> {
    return settle(() => secret.deriveKey(subtleDeps(), algorithm, baseKey, derivedKeyAlgorithm, extractable, usages));
  }

  /** workerd's extension: compares two equal-length buffers in constant time. */
  timingSafeEqual(a: unknown, b: unknown): boolean {
    return secret.timingSafeEqual(a, b);
  }
}

function digestName(algorithm: unknown): string {
  const raw = typeof algorithm === "object" && algorithm !== null ? (algorithm as { name?: unknown }).name : algorithm;
  if (typeof raw !== "string") {
    throw new SafeTypeError("crypto.subtle.digest: algorithm must be a string or an object with a string name.");
  }
  const name = StringPrototypeToUpperCase(raw);
  if (!digestAlgorithms.includes(name)) {
    throw new DOMException(`Unrecognized or unimplemented digest algorithm requested: ${SafeString(raw)}. Supported: ${digestAlgorithms.join(", ")}.`, "NotSupportedError");
  }
  return name;
}

export class Crypto {
  readonly #subtle = new SubtleCrypto(constructionKey);

  constructor(key?: unknown) {
    if (key !== constructionKey) throw new SafeTypeError("Illegal constructor");
  }

  get subtle(): SubtleCrypto {
    return this.#subtle;
  }

  /** Fills an integer typed array in place and returns the same array, as the spec requires. */
  getRandomValues<T extends ArrayBufferView>(array: T): T {
    const kind = ArrayBufferIsView(array) ? typedArrayKind(array) : undefined;
    if (kind === undefined || !integerArrayKinds.includes(kind)) {
      throw new DOMException("crypto.getRandomValues: the array must be an integer-typed array (not Float32Array, Float64Array or DataView).", "TypeMismatchError");
    }
    const { buffer, byteOffset, byteLength } = viewWindow(array);
    if (byteLength > getRandomValuesBytesMax) {
      throw new DOMException(`crypto.getRandomValues: the array is ${byteLength} bytes long, over the limit of ${getRandomValuesBytesMax} bytes (getRandomValuesBytesMax).`, "QuotaExceededError");
    }
    const fillRandom = requireDeps().fillRandom;
    // The dep fills an array of ours, never the caller's: the caller's array may be a view on
    // a buffer the dep should not see, and the copy-in goes through the captured set().
    const bytes = new SafeUint8Array(byteLength);
    fillRandom(bytes);
    bytesSet(new SafeUint8Array(buffer, byteOffset, byteLength), bytes, 0);
    return array;
  }

  /** A version 4 UUID drawn from the same seeded source as getRandomValues. */
  randomUUID(): string {
    const bytes = new SafeUint8Array(16);
    const fillRandom = requireDeps().fillRandom;
    fillRandom(bytes);
    bytes[6] = (bytes[6]! & 0x0f) | 0x40;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    let hex = "";
    for (let index = 0; index < 16; index++) {
      hex += hexDigits[bytes[index]! >> 4]! + hexDigits[bytes[index]! & 15]!;
      if (index === 3 || index === 5 || index === 7 || index === 9) hex += "-";
    }
    return hex;
  }
}

/** Creates the `crypto` global; called once by installWebApis with the runtime's deps. */
export function createCrypto(deps: CryptoDeps): Crypto {
  cryptoDeps = { fillRandom: deps.fillRandom, digest: deps.digest, subtle: deps.subtle };
  return new Crypto(constructionKey);
}
