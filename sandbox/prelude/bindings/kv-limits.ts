// Workers KV's limits, checked inside the isolate before a value, key or metadata is copied to
// the host: an oversized put costs the learner one rejected promise, not a 25 MiB copy the
// request's CPU pays for. The messages are workerd's own (measured against Miniflare), so a
// worker that catches them sees what it would see on the platform. The world checks the same
// limits again (server/sim/kv/validate.ts), from the same constants.
import { expirationTtlSecMin, keyBytesMax, metadataBytesMax, valueBytesMax } from "../../../server/sim/kv/limits.ts";
import { JSONStringify, StringCtor } from "../runtime/primordials.ts";
import { ArrayBufferIsView, StringPrototypeCharCodeAt, arrayBufferByteLength, isArrayBuffer, viewWindow } from "../web/primordials.ts";

export type KvMethod = "GET" | "PUT" | "DELETE";

/** UTF-8 length of `text`, as TextEncoder would encode it (a lone surrogate becomes U+FFFD). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const code = StringPrototypeCharCodeAt(text, index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      const next = StringPrototypeCharCodeAt(text, index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        index++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** workerd's rejection of a key: empty, "." or ".." are TypeErrors, a long key a 414. */
export function checkKvKey(method: KvMethod, key: unknown): string {
  const text = StringCtor(key);
  if (text === "") throw new TypeError("Key name cannot be empty.");
  if (text === "." || text === "..") throw new TypeError(`"${text}" is not allowed as a key name.`);
  // A UTF-16 unit is at most three UTF-8 bytes, so short keys need no counting.
  if (text.length * 3 > keyBytesMax) {
    const bytes = utf8Length(text);
    if (bytes > keyBytesMax) throw new Error(`KV ${method} failed: 414 UTF-8 encoded length of ${bytes} exceeds key length limit of ${keyBytesMax}.`);
  }
  return text;
}

/** The size a put's value will have once encoded, without encoding or copying it. */
function valueLength(value: unknown): number | null {
  if (typeof value === "string") return value.length * 3 <= valueBytesMax ? value.length : utf8Length(value);
  if (isArrayBuffer(value)) return arrayBufferByteLength(value);
  if (ArrayBufferIsView(value)) return viewWindow(value).byteLength;
  return null;
}

/** Rejects a value over 25 MiB before it is copied; other types are left to the conversion. */
export function checkKvValue(value: unknown): void {
  const length = valueLength(value);
  if (length !== null && length > valueBytesMax) {
    throw new Error(`KV PUT failed: 413 Value length of ${length} exceeds limit of ${valueBytesMax}.`);
  }
}

/** Serializes metadata once (dropping getters and prototypes) and checks its size. */
export function checkKvMetadata(metadata: unknown): string {
  const json = JSONStringify(metadata);
  if (json === undefined) throw new TypeError("KV put: metadata must be serializable to JSON.");
  const bytes = json.length * 3 <= metadataBytesMax ? json.length : utf8Length(json);
  if (bytes > metadataBytesMax) throw new Error(`KV PUT failed: 413 Metadata length of ${bytes} exceeds limit of ${metadataBytesMax}.`);
  return json;
}

export function checkKvExpirationTtl(ttl: number): number {
  if (!(ttl >= expirationTtlSecMin)) {
    throw new Error(`KV PUT failed: 400 Invalid expiration_ttl of ${StringCtor(ttl)}. Expiration TTL must be at least ${expirationTtlSecMin}.`);
  }
  return ttl;
}
