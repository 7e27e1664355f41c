// Secret-key operations for the isolate's crypto.subtle, computed with node:crypto: HMAC and
// AES-GCM. The isolate validates algorithms, usages and lengths first (with workerd's
// messages); this checks the shapes again, since a host function must not trust its caller.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, pbkdf2Sync } from "node:crypto";
import type { SyncResult } from "../server/sim/isolate-port.ts";

const hmacHashes: Record<string, string> = { "SHA-1": "sha1", "SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512" };
const aesCiphers: Record<number, "aes-128-gcm" | "aes-192-gcm" | "aes-256-gcm"> = { 16: "aes-128-gcm", 24: "aes-192-gcm", 32: "aes-256-gcm" };
const decryptFailed = "Decryption failed. This could be due to a ciphertext authentication failure, bad padding, incorrect CryptoKey, or another algorithm-specific reason.";

function failure(name: string, message: string): SyncResult {
  return { ok: false, error: { name, message } };
}

const isBytes = (value: unknown): value is Uint8Array => value instanceof Uint8Array;

export function subtleOp(payload: unknown): SyncResult {
  const p = (payload ?? {}) as Record<string, unknown>;
  if (!isBytes(p.key) || !isBytes(p.data)) return failure("TypeError", "crypto: key and data must be bytes");
  if (p.op === "hmac") {
    const hash = typeof p.hash === "string" ? hmacHashes[p.hash] : undefined;
    if (hash === undefined) return failure("NotSupportedError", `Unrecognized hash algorithm "${String(p.hash)}" requested.`);
    return { ok: true, value: new Uint8Array(createHmac(hash, p.key).update(p.data).digest()) };
  }
  if (p.op === "pbkdf2" || p.op === "hkdf") return derive(p);
  if (p.op !== "aes-gcm-encrypt" && p.op !== "aes-gcm-decrypt") return failure("TypeError", `unknown crypto operation ${String(p.op)}`);
  const cipher = aesCiphers[p.key.byteLength];
  const tagLength = Number(p.tagLength);
  if (cipher === undefined || !isBytes(p.iv) || !isBytes(p.additionalData) || !(tagLength >= 4 && tagLength <= 16)) {
    return failure("OperationError", "AES-GCM: bad key, iv, additionalData or tag length");
  }
  if (p.op === "aes-gcm-encrypt") {
    const encryptor = createCipheriv(cipher, p.key, p.iv, { authTagLength: tagLength });
    encryptor.setAAD(p.additionalData);
    const body = Buffer.concat([encryptor.update(p.data), encryptor.final(), encryptor.getAuthTag()]);
    return { ok: true, value: new Uint8Array(body) };
  }
  if (p.data.byteLength < tagLength) return failure("OperationError", `${decryptFailed} The ciphertext is shorter than its tag.`);
  try {
    const decryptor = createDecipheriv(cipher, p.key, p.iv, { authTagLength: tagLength });
    decryptor.setAAD(p.additionalData);
    decryptor.setAuthTag(p.data.subarray(p.data.byteLength - tagLength));
    const plain = Buffer.concat([decryptor.update(p.data.subarray(0, p.data.byteLength - tagLength)), decryptor.final()]);
    return { ok: true, value: new Uint8Array(plain) };
  } catch {
    const length = p.data.byteLength - tagLength;
    return failure("OperationError", `${decryptFailed} Input length was ${length}, output length expected to be ${length} for AES-GCM`);
  }
}

/** The isolate checks iterations (at most 100,000, as workerd) and lengths; checked again here. */
const deriveBytesMax = 1024;
const pbkdf2IterationsMax = 100_000;

function derive(p: Record<string, unknown>): SyncResult {
  const hash = typeof p.hash === "string" ? hmacHashes[p.hash] : undefined;
  const length = Number(p.length);
  if (hash === undefined || !isBytes(p.key) || !isBytes(p.data) || !(length >= 1 && length <= deriveBytesMax)) return failure("OperationError", "key derivation: bad hash, key, salt or length");
  if (p.op === "hkdf") {
    if (!isBytes(p.info)) return failure("OperationError", "HKDF: info must be bytes");
    return { ok: true, value: new Uint8Array(hkdfSync(hash, p.key, p.data, p.info, length)) };
  }
  const iterations = Number(p.iterations);
  if (!(iterations >= 1 && iterations <= pbkdf2IterationsMax)) return failure("NotSupportedError", `PBKDF2: iterations must be 1 to ${pbkdf2IterationsMax}`);
  return { ok: true, value: new Uint8Array(pbkdf2Sync(p.key, p.data, iterations, length, hash)) };
}
