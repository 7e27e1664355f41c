// Body and value conversion shared by the bindings: what a worker may pass as a value, turned
// into bytes that can be copied to the host. Calls the codec directly, not TextEncoder.prototype
// (which worker code may replace).
import { utf8Decode as decodeUtf8, utf8Encode as encodeUtf8 } from "../web/encoding.ts";
import { copyBytes, isArrayBuffer } from "../web/primordials.ts";

export function utf8Encode(text: string): Uint8Array {
  return encodeUtf8(text);
}

export function utf8Decode(bytes: Uint8Array): string {
  return decodeUtf8(bytes);
}

export function toBytes(value: unknown, what: string): Uint8Array {
  if (typeof value === "string") return utf8Encode(value);
  if (isArrayBuffer(value) || ArrayBuffer.isView(value)) return copyBytes(value as ArrayBuffer);
  throw new TypeError(`${what}: the value must be a string, an ArrayBuffer or an ArrayBufferView (streams are not supported in the playground)`);
}
