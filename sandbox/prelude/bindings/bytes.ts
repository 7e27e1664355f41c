// Body and value conversion shared by the bindings: what a worker may pass as a value, turned
// into bytes that can be copied to the host.
import { TextDecoder, TextEncoder } from "../web/index.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function utf8Encode(text: string): Uint8Array {
  return encoder.encode(text);
}

export function utf8Decode(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export function toBytes(value: unknown, what: string): Uint8Array {
  if (typeof value === "string") return utf8Encode(value);
  if (value instanceof ArrayBuffer) return new Uint8Array(value.slice(0));
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
  throw new TypeError(`${what}: the value must be a string, an ArrayBuffer or an ArrayBufferView (streams are not supported in the playground)`);
}
