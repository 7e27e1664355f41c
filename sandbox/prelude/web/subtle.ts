// crypto.subtle's secret-key operations, with workerd's error names and messages: importKey /
// exportKey ("raw", "jwk") and generateKey for HMAC and AES-GCM, sign / verify with HMAC,
// encrypt / decrypt with AES-GCM, and workerd's timingSafeEqual. Key material stays in the
// isolate; the computation runs on the host (node:crypto), as digest does.

import { atob, btoa } from "./base64.ts";
import { createKey, keyState, type CryptoKey, type KeyAlgorithm } from "./crypto-key.ts";
import { DOMException } from "./dom-exception.ts";
import {
  ArrayBufferIsView,
  SafeString,
  SafeTypeError,
  SafeUint8Array,
  StringFromCharCode,
  StringPrototypeCharCodeAt,
  StringPrototypeToUpperCase,
  copyBytes,
  isArrayBuffer,
} from "./primordials.ts";

/** A secret-key operation computed by the host. */
export type SubtleHostOp =
  | { op: "hmac"; hash: string; key: Uint8Array; data: Uint8Array }
  | { op: "aes-gcm-encrypt" | "aes-gcm-decrypt"; key: Uint8Array; iv: Uint8Array; additionalData: Uint8Array; tagLength: number; data: Uint8Array }
  /** `data` is the salt; `length` the bytes wanted. */
  | { op: "pbkdf2"; hash: string; key: Uint8Array; data: Uint8Array; iterations: number; length: number }
  | { op: "hkdf"; hash: string; key: Uint8Array; data: Uint8Array; info: Uint8Array; length: number };

export interface SubtleDeps {
  fillRandom(bytes: Uint8Array): void;
  /** Runs the operation on the host; resolves to the output bytes, or throws OperationError. */
  subtle(op: SubtleHostOp): Uint8Array;
}

const hashNames = ["SHA-1", "SHA-256", "SHA-384", "SHA-512"];
const hashBlockBits: Record<string, number> = { "SHA-1": 512, "SHA-256": 512, "SHA-384": 1024, "SHA-512": 1024 };
const usagesByAlgorithm: Record<string, string[]> = { HMAC: ["sign", "verify"], "AES-GCM": ["encrypt", "decrypt", "wrapKey", "unwrapKey"], PBKDF2: ["deriveBits", "deriveKey"], HKDF: ["deriveBits", "deriveKey"] };
/** workerd refuses more PBKDF2 iterations than this (a CPU bound on one call). */
export const pbkdf2IterationsMax = 100_000;
const aesKeyBits = [128, 192, 256];
const aesTagBits = [32, 64, 96, 104, 112, 120, 128];

function bytesOf(data: unknown, what: string): Uint8Array {
  if (isArrayBuffer(data) || ArrayBufferIsView(data)) return copyBytes(data as ArrayBuffer);
  throw new SafeTypeError(`${what} must be an ArrayBuffer or an ArrayBufferView.`);
}

function algorithmName(algorithm: unknown, purpose: string): string {
  const raw = typeof algorithm === "object" && algorithm !== null ? (algorithm as { name?: unknown }).name : algorithm;
  if (typeof raw !== "string") throw new SafeTypeError('Missing field "name" in "algorithm".');
  const upper = StringPrototypeToUpperCase(raw);
  if (upper === "HMAC" || upper === "AES-GCM" || upper === "PBKDF2" || upper === "HKDF") return upper;
  throw new DOMException(`Unrecognized ${purpose} algorithm "${raw}" requested.`, "NotSupportedError");
}

function hashOf(algorithm: unknown): string {
  const hash = typeof algorithm === "object" && algorithm !== null ? (algorithm as { hash?: unknown }).hash : undefined;
  if (hash === undefined) throw new SafeTypeError('Missing field "hash" in "algorithm".');
  const raw = typeof hash === "object" && hash !== null ? (hash as { name?: unknown }).name : hash;
  const upper = StringPrototypeToUpperCase(SafeString(raw));
  if (!hashNames.includes(upper)) throw new DOMException(`Unrecognized hash algorithm "${SafeString(raw)}" requested.`, "NotSupportedError");
  return upper;
}

function checkUsages(name: string, usages: unknown): string[] {
  const allowed = usagesByAlgorithm[name]!;
  const out: string[] = [];
  for (const usage of usages as Iterable<unknown>) {
    const text = SafeString(usage);
    if (!allowed.includes(text)) throw new DOMException(`Attempt to import secret ${name} key with invalid usage "${text}".`, "SyntaxError");
    if (!out.includes(text)) out[out.length] = text;
  }
  return out;
}

function aesAlgorithm(bytes: Uint8Array): KeyAlgorithm {
  const bits = bytes.byteLength * 8;
  if (!aesKeyBits.includes(bits)) throw new DOMException(`Imported AES key length must be 128, 192, or 256 bits but provided ${bits}.`, "DataError");
  return { name: "AES-GCM", length: bits };
}

function fromBase64Url(text: string): Uint8Array {
  let base64 = "";
  for (let index = 0; index < text.length; index++) {
    const code = StringPrototypeCharCodeAt(text, index);
    base64 += code === 0x2d ? "+" : code === 0x5f ? "/" : text[index];
  }
  const binary = atob(base64);
  const bytes = new SafeUint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = StringPrototypeCharCodeAt(binary, index);
  return bytes;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (let index = 0; index < bytes.byteLength; index++) binary += StringFromCharCode(bytes[index]!);
  const base64 = btoa(binary);
  let out = "";
  for (let index = 0; index < base64.length; index++) {
    const char = base64[index]!;
    if (char === "=") break;
    out += char === "+" ? "-" : char === "/" ? "_" : char;
  }
  return out;
}

function jwkAlg(algorithm: KeyAlgorithm): string {
  if (algorithm.name === "HMAC") return `HS${algorithm.hash.name.slice(4)}`;
  return algorithm.name === "AES-GCM" ? `A${algorithm.length}GCM` : algorithm.name;
}

export function importKey(format: unknown, keyData: unknown, algorithm: unknown, extractable: unknown, usages: unknown): CryptoKey {
  const name = algorithmName(algorithm, "key import");
  const keyUsages = checkUsages(name, usages);
  if (name === "PBKDF2" || name === "HKDF") {
    if (format !== "raw") throw new DOMException(`${name} keys can only be imported in raw format.`, "NotSupportedError");
    if (extractable) throw new DOMException(`${name} key cannot be extractable.`, "SyntaxError");
    return createKey({ name }, false, keyUsages, bytesOf(keyData, "keyData"));
  }
  let bytes: Uint8Array;
  if (format === "raw") bytes = bytesOf(keyData, "keyData");
  else if (format === "jwk") {
    const jwk = keyData as { kty?: unknown; k?: unknown };
    if (typeof jwk !== "object" || jwk === null || jwk.kty !== "oct" || typeof jwk.k !== "string") {
      throw new DOMException('A secret key in JWK format needs "kty": "oct" and a base64url "k".', "DataError");
    }
    bytes = fromBase64Url(jwk.k);
  } else throw new DOMException(`Unrecognized key import format "${SafeString(format)}"; supported for secret keys: raw, jwk.`, "NotSupportedError");
  const keyAlgorithm: KeyAlgorithm = name === "HMAC" ? { name: "HMAC", hash: { name: hashOf(algorithm) }, length: bytes.byteLength * 8 } : aesAlgorithm(bytes);
  if (keyAlgorithm.name === "HMAC" && bytes.byteLength === 0) throw new DOMException("HMAC key data must not be empty.", "DataError");
  return createKey(keyAlgorithm, Boolean(extractable), keyUsages, bytes);
}

export function generateKey(deps: SubtleDeps, algorithm: unknown, extractable: unknown, usages: unknown): CryptoKey {
  const name = algorithmName(algorithm, "key generation");
  if (name === "PBKDF2" || name === "HKDF") throw new DOMException(`Unrecognized key generation algorithm "${name}" requested.`, "NotSupportedError");
  const keyUsages = checkUsages(name, usages);
  const requested = (algorithm as { length?: unknown }).length;
  let keyAlgorithm: KeyAlgorithm;
  if (name === "HMAC") {
    const hash = hashOf(algorithm);
    keyAlgorithm = { name: "HMAC", hash: { name: hash }, length: requested === undefined ? hashBlockBits[hash]! : Number(requested) };
  } else {
    const bits = Number(requested);
    if (!aesKeyBits.includes(bits)) throw new DOMException(`AES key length must be 128, 192, or 256 bits but provided ${SafeString(requested)}.`, "OperationError");
    keyAlgorithm = { name: "AES-GCM", length: bits };
  }
  const bytes = new SafeUint8Array(keyAlgorithm.length >> 3);
  deps.fillRandom(bytes);
  return createKey(keyAlgorithm, Boolean(extractable), keyUsages, bytes);
}

export function exportKey(format: unknown, key: unknown): ArrayBuffer | Record<string, unknown> {
  const state = keyState(key);
  if (!state.extractable) throw new DOMException(`Attempt to export non-extractable ${state.algorithm.name} key.`, "InvalidAccessError");
  if (format === "raw") return copyBytes(state.bytes).buffer as ArrayBuffer;
  if (format === "jwk") {
    const usages: string[] = [];
    for (let index = 0; index < state.usages.length; index++) usages[index] = state.usages[index]!;
    return { kty: "oct", key_ops: usages, alg: jwkAlg(state.algorithm), ext: true, k: toBase64Url(state.bytes) };
  }
  throw new DOMException(`Unrecognized key export format "${SafeString(format)}"; supported for secret keys: raw, jwk.`, "NotSupportedError");
}

/** The key's state after checking it suits `name` and `usage`. */
function usableKey(key: unknown, name: string, usage: string) {
  const state = keyState(key);
  if (state.algorithm.name !== name) throw new DOMException(`Requested algorithm "${name}" does not match this CryptoKey's algorithm "${state.algorithm.name}".`, "InvalidAccessError");
  if (!state.usages.includes(usage)) throw new DOMException(`Requested key usage "${usage}" does not match any usage listed in this CryptoKey.`, "InvalidAccessError");
  return state;
}

export function sign(deps: SubtleDeps, algorithm: unknown, key: unknown, data: unknown): ArrayBuffer {
  const name = algorithmName(algorithm, "signing");
  if (name !== "HMAC") throw new DOMException(`Unrecognized signing algorithm "${name}" requested.`, "NotSupportedError");
  const state = usableKey(key, "HMAC", "sign");
  const hash = (state.algorithm as { hash: { name: string } }).hash.name;
  return deps.subtle({ op: "hmac", hash, key: state.bytes, data: bytesOf(data, "data") }).buffer as ArrayBuffer;
}

export function verify(deps: SubtleDeps, algorithm: unknown, key: unknown, signature: unknown, data: unknown): boolean {
  const name = algorithmName(algorithm, "verification");
  if (name !== "HMAC") throw new DOMException(`Unrecognized verification algorithm "${name}" requested.`, "NotSupportedError");
  const state = usableKey(key, "HMAC", "verify");
  const hash = (state.algorithm as { hash: { name: string } }).hash.name;
  const expected = deps.subtle({ op: "hmac", hash, key: state.bytes, data: bytesOf(data, "data") });
  return equalBytes(expected, bytesOf(signature, "signature"));
}

function aesParameters(algorithm: unknown) {
  const { iv, additionalData, tagLength } = algorithm as { iv?: unknown; additionalData?: unknown; tagLength?: unknown };
  if (iv === undefined) throw new SafeTypeError('Missing field "iv" in "algorithm".');
  const tagBits = tagLength === undefined ? 128 : Number(tagLength);
  if (!aesTagBits.includes(tagBits)) throw new DOMException(`Invalid AES-GCM tag length ${SafeString(tagLength)}.`, "OperationError");
  const ivBytes = bytesOf(iv, "iv");
  if (ivBytes.byteLength === 0) throw new DOMException("AES-GCM IV must not be empty.", "OperationError");
  return { iv: ivBytes, additionalData: additionalData === undefined ? new SafeUint8Array(0) : bytesOf(additionalData, "additionalData"), tagLength: tagBits >> 3 };
}

export function encrypt(deps: SubtleDeps, algorithm: unknown, key: unknown, data: unknown): ArrayBuffer {
  if (algorithmName(algorithm, "encryption") !== "AES-GCM") throw new DOMException("Unrecognized encryption algorithm requested; supported: AES-GCM.", "NotSupportedError");
  const state = usableKey(key, "AES-GCM", "encrypt");
  return deps.subtle({ op: "aes-gcm-encrypt", key: state.bytes, ...aesParameters(algorithm), data: bytesOf(data, "data") }).buffer as ArrayBuffer;
}

export function decrypt(deps: SubtleDeps, algorithm: unknown, key: unknown, data: unknown): ArrayBuffer {
  if (algorithmName(algorithm, "decryption") !== "AES-GCM") throw new DOMException("Unrecognized decryption algorithm requested; supported: AES-GCM.", "NotSupportedError");
  const state = usableKey(key, "AES-GCM", "decrypt");
  return deps.subtle({ op: "aes-gcm-decrypt", key: state.bytes, ...aesParameters(algorithm), data: bytesOf(data, "data") }).buffer as ArrayBuffer;
}

/** PBKDF2 or HKDF bits from a base key: `length` bits, a multiple of 8. */
export function deriveBits(deps: SubtleDeps, algorithm: unknown, baseKey: unknown, length: unknown, usage = "deriveBits"): ArrayBuffer {
  const name = algorithmName(algorithm, "key derivation");
  if (name !== "PBKDF2" && name !== "HKDF") throw new DOMException(`Unrecognized key derivation algorithm "${name}" requested.`, "NotSupportedError");
  const state = usableKey(baseKey, name, usage);
  const bits = Number(length);
  if (length === null || !(bits > 0) || bits % 8 !== 0) throw new DOMException(`Invalid ${name} length ${SafeString(length)}: a positive multiple of 8 bits is required.`, "OperationError");
  const hash = hashOf(algorithm);
  const params = algorithm as { salt?: unknown; iterations?: unknown; info?: unknown };
  if (params.salt === undefined) throw new SafeTypeError('Missing field "salt" in "algorithm".');
  const salt = bytesOf(params.salt, "salt");
  if (name === "HKDF") {
    if (params.info === undefined) throw new SafeTypeError('Missing field "info" in "algorithm".');
    return deps.subtle({ op: "hkdf", hash, key: state.bytes, data: salt, info: bytesOf(params.info, "info"), length: bits >> 3 }).buffer as ArrayBuffer;
  }
  const iterations = Number(params.iterations);
  if (!(iterations >= 1)) throw new DOMException("PBKDF2 requires a positive iteration count.", "OperationError");
  if (iterations > pbkdf2IterationsMax) throw new DOMException(`Pbkdf2 failed: iteration counts above ${pbkdf2IterationsMax} are not supported (requested ${iterations}).`, "NotSupportedError");
  return deps.subtle({ op: "pbkdf2", hash, key: state.bytes, data: salt, iterations, length: bits >> 3 }).buffer as ArrayBuffer;
}

/** deriveBits for the length the derived key's algorithm needs, imported as that key. */
export function deriveKey(deps: SubtleDeps, algorithm: unknown, baseKey: unknown, derived: unknown, extractable: unknown, usages: unknown): CryptoKey {
  const derivedName = algorithmName(derived, "derived key");
  const requested = (derived as { length?: unknown }).length;
  const bits = derivedName === "HMAC" && requested === undefined ? hashBlockBits[hashOf(derived)]! : Number(requested);
  const raw = deriveBits(deps, algorithm, baseKey, bits, "deriveKey");
  return importKey("raw", raw, derived, extractable, usages);
}

/** Compares every byte whatever the first difference, so the time taken does not tell where it is. */
function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  let difference = 0;
  for (let index = 0; index < a.byteLength; index++) difference |= a[index]! ^ b[index]!;
  return difference === 0;
}

/** workerd's crypto.subtle.timingSafeEqual: equal-length buffers or views, compared in constant time. */
export function timingSafeEqual(a: unknown, b: unknown): boolean {
  const left = bytesOf(a, "timingSafeEqual: the first argument");
  const right = bytesOf(b, "timingSafeEqual: the second argument");
  if (left.byteLength !== right.byteLength) throw new SafeTypeError("Input buffers must have the same byte length.");
  return equalBytes(left, right);
}
