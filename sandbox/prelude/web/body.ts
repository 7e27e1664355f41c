// The Body mixin shared by Request and Response: extracting a body from what the constructor
// was given, and reading it once with text(), json(), arrayBuffer() or bytes(). A body is held
// as one immutable byte array (see body-stream.ts for why there is no streaming), so clone()
// shares the bytes and every read hands out a fresh copy.

import { BodyStream, bodyStreamSource, createBodyStream, isBodyStream, type BodySource } from "./body-stream.ts";
import { utf8Decode, utf8Encode } from "./encoding.ts";
import { isUrlApiLoaded, loadUrlApi } from "./url-lazy.ts";
import {
  ArrayBufferIsView,
  JSONParse,
  PromiseReject,
  PromiseResolve,
  SafeString,
  SafeTypeError,
  SafeUint8Array,
  copyBytes,
  isArrayBuffer,
  viewWindow,
} from "./primordials.ts";

export type BodyInit = string | ArrayBuffer | ArrayBufferView | BodyStream | { toString(): string } | null;

/** What extracting a body gives: its bytes and the Content-Type it implies, if any. */
export interface ExtractedBody {
  source: BodySource | null;
  contentType: string | null;
}

export function newBodySource(bytes: Uint8Array): BodySource {
  return { bytes, disturbed: false, locked: false };
}

/**
 * The Fetch Standard's "extract a body": strings are UTF-8 text/plain, buffers and views are
 * copied, URLSearchParams become a form, a body stream is taken over (and marked disturbed on
 * its old owner), and any other object is converted to a string, as WebIDL's union does.
 */
export function extractBody(init: unknown): ExtractedBody {
  if (init === null || init === undefined) return { source: null, contentType: null };
  if (typeof init === "string") return { source: newBodySource(utf8Encode(init)), contentType: "text/plain;charset=UTF-8" };
  if (isArrayBuffer(init) || ArrayBufferIsView(init)) return { source: newBodySource(copyBytes(init)), contentType: null };
  if (isBodyStream(init)) {
    const previous = bodyStreamSource(init);
    if (previous.disturbed || previous.locked) throw new SafeTypeError("This ReadableStream is disturbed or locked: its body has already been read or is being read.");
    previous.disturbed = true;
    return { source: newBodySource(previous.bytes), contentType: null };
  }
  if (isUrlApiLoaded() && loadUrlApi().isURLSearchParams(init)) {
    return { source: newBodySource(utf8Encode(SafeString(init))), contentType: "application/x-www-form-urlencoded;charset=UTF-8" };
  }
  return { source: newBodySource(utf8Encode(SafeString(init))), contentType: "text/plain;charset=UTF-8" };
}

const bodyUsedMessage = "Body has already been used. It can only be used once. Use tee() first if you need to read it twice.";

// Module-private accessors, assigned in the static block below.
let getSource: (owner: BodyMixin) => BodySource | null;
let setSource: (owner: BodyMixin, source: BodySource | null) => void;

/** Base class of Request and Response holding the body; not exposed as a global. */
export class BodyMixin {
  #source: BodySource | null = null;
  #stream: BodyStream | null = null;

  static {
    getSource = (owner) => owner.#source;
    setSource = (owner, source) => {
      owner.#source = source;
      owner.#stream = null;
    };
  }

  /** A ReadableStream-like view of the body, or null for a null body. */
  get body(): BodyStream | null {
    if (this.#source === null) return null;
    if (this.#stream === null) this.#stream = createBodyStream(this.#source);
    return this.#stream;
  }

  get bodyUsed(): boolean {
    return this.#source !== null && this.#source.disturbed;
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return consume(this, (bytes) => bytes.buffer as ArrayBuffer);
  }

  bytes(): Promise<Uint8Array> {
    return consume(this, (bytes) => bytes);
  }

  text(): Promise<string> {
    return consume(this, utf8Decode);
  }

  json(): Promise<unknown> {
    return consume(this, (bytes) => JSONParse(utf8Decode(bytes)));
  }

  formData(): Promise<never> {
    return PromiseReject(new SafeTypeError("formData() is not supported in Edge Playground; read the body with text() and parse it with URLSearchParams."));
  }

  blob(): Promise<never> {
    return PromiseReject(new SafeTypeError("blob() is not supported in Edge Playground; use arrayBuffer() or bytes()."));
  }
}

/** Marks the body used and resolves with `convert(copy of the bytes)`; rejects if used or locked. */
function consume<T>(owner: BodyMixin, convert: (bytes: Uint8Array) => T): Promise<T> {
  try {
    return PromiseResolve(convert(takeBytes(owner)));
  } catch (error) {
    return PromiseReject(error);
  }
}

/**
 * The body's bytes (a fresh copy; empty for a null body), marking it used. Throws the
 * Workers runtime's TypeError when the body was already read or is locked to a reader.
 */
export function takeBytes(owner: BodyMixin, copy = true): Uint8Array {
  const source = getSource(owner);
  if (source === null) return new SafeUint8Array(0);
  if (source.disturbed) throw new SafeTypeError(bodyUsedMessage);
  if (source.locked) throw new SafeTypeError("The body is locked to a reader; release the reader before reading the body.");
  source.disturbed = true;
  return copy ? copyBytes(source.bytes) : source.bytes;
}

/**
 * For the wire: the body's bytes themselves (no copy), or null for a null body, marking it used.
 * The bytes behind a source are never handed to user code (every read above hands out a copy)
 * and never written, and the host copies what crosses the boundary, so the wire can share them:
 * a body is copied once on its way out, not once more here.
 */
export function takeBytesOrNull(owner: BodyMixin): Uint8Array | null {
  const source = getSource(owner);
  if (source === null) return null;
  takeBytes(owner, false);
  return source.bytes;
}

/** The size of the body in bytes (0 for a null body), without reading or copying it. */
export function bodyByteLength(owner: BodyMixin): number {
  const source = getSource(owner);
  return source === null ? 0 : viewWindow(source.bytes).byteLength;
}

export function bodySource(owner: BodyMixin): BodySource | null {
  return getSource(owner);
}

export function setBodySource(owner: BodyMixin, source: BodySource | null): void {
  setSource(owner, source);
}

/** A second, unread source over the same bytes, for clone(). */
export function cloneBodySource(owner: BodyMixin, what: string): BodySource | null {
  const source = getSource(owner);
  if (source === null) return null;
  if (source.disturbed || source.locked) throw new SafeTypeError(`${what}.clone: the body has already been used or is locked.`);
  return newBodySource(source.bytes);
}
