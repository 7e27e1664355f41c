// The Body mixin shared by Request and Response: extracting a body from what the constructor
// was given, and reading it once with text(), json(), arrayBuffer(), bytes(), blob() or
// formData(). A body is held in one of two modes:
// - bytes: one immutable byte array (what arrives from the world, strings, buffers, forms).
//   Reads stay synchronous and use only captured builtins, so the runtime's own paths (the
//   wire) never touch lazily loaded code.
// - stream: a ReadableStream from the "streams" chunk, when the body was given as a stream or
//   `body` was read. Reads go through the stream's reader, chunk by chunk, as on Workers.
// clone() shares the bytes, or tees the stream.

import { utf8Decode, utf8Encode } from "./encoding.ts";
import { loadedFormsApi, loadFormsApi } from "./forms-lazy.ts";
import { loadedStreamsApi, loadStreamsApi } from "./streams-lazy.ts";
import { isUrlApiLoaded, loadUrlApi } from "./url-lazy.ts";
import { sandboxLimits } from "../../limits.ts";
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

/** This layer has no DOM typings: streams, blobs and forms come from lazy chunks. */
type ReadableStream = object;
type Blob = object;
type FormData = object;

export type BodyInit = string | ArrayBuffer | ArrayBufferView | ReadableStream | Blob | FormData | { toString(): string } | null;

/** The bytes or the stream behind a body, shared by the Request/Response that owns it. */
export interface BodySource {
  bytes: Uint8Array | null;
  stream: unknown;
  /** Set once any read started (text(), transfer into another body). */
  disturbed: boolean;
}

/** What extracting a body gives: its source and the Content-Type it implies, if any. */
export interface ExtractedBody {
  source: BodySource | null;
  contentType: string | null;
}

export function newBodySource(bytes: Uint8Array): BodySource {
  return { bytes, stream: null, disturbed: false };
}

function streamBodySource(stream: unknown): BodySource {
  return { bytes: null, stream, disturbed: false };
}

/** Used: read, cancelled or handed over; a stream body also counts its own reads. */
export function sourceUsed(source: BodySource): boolean {
  if (source.disturbed) return true;
  return source.stream !== null && loadStreamsApi().isDisturbed(source.stream);
}

export function sourceLocked(source: BodySource): boolean {
  return source.stream !== null && loadStreamsApi().isLocked(source.stream);
}

/** Hands the body over to a new owner: the old owner reads as used from now on. */
export function transferSource(source: BodySource): BodySource {
  source.disturbed = true;
  return { bytes: source.bytes, stream: source.stream, disturbed: false };
}

/**
 * The Fetch Standard's "extract a body": strings are UTF-8 text/plain, buffers and views are
 * copied, URLSearchParams become a urlencoded form, FormData a multipart one, a Blob gives its
 * bytes and type, a ReadableStream becomes the body itself, and any other object is converted
 * to a string, as WebIDL's union does.
 */
export function extractBody(init: unknown): ExtractedBody {
  if (init === null || init === undefined) return { source: null, contentType: null };
  if (typeof init === "string") return { source: newBodySource(utf8Encode(init)), contentType: "text/plain;charset=UTF-8" };
  if (isArrayBuffer(init) || ArrayBufferIsView(init)) return { source: newBodySource(copyBytes(init)), contentType: null };
  const streams = loadedStreamsApi();
  if (streams !== undefined && streams.isReadableStream(init)) {
    if (streams.isDisturbed(init) || streams.isLocked(init)) {
      throw new SafeTypeError("This ReadableStream is disturbed or locked: its body has already been read or is being read.");
    }
    return { source: streamBodySource(init), contentType: null };
  }
  const forms = loadedFormsApi();
  const form = forms === undefined ? null : forms.extract(init);
  if (form !== null) return { source: newBodySource(form.bytes), contentType: form.contentType };
  if (isUrlApiLoaded() && loadUrlApi().isURLSearchParams(init)) {
    return { source: newBodySource(utf8Encode(SafeString(init))), contentType: "application/x-www-form-urlencoded;charset=UTF-8" };
  }
  return { source: newBodySource(utf8Encode(SafeString(init))), contentType: "text/plain;charset=UTF-8" };
}

const bodyUsedMessage = "Body has already been used. It can only be used once. Use tee() first if you need to read it twice.";
const bodyLockedMessage = "The body is locked to a reader; release the reader before reading the body.";

// Module-private accessors, assigned in the static block below.
let getSource: (owner: BodyMixin) => BodySource | null;
let setSource: (owner: BodyMixin, source: BodySource | null) => void;

/** Base class of Request and Response holding the body; not exposed as a global. */
export class BodyMixin {
  #source: BodySource | null = null;

  static {
    getSource = (owner) => owner.#source;
    setSource = (owner, source) => {
      owner.#source = source;
    };
  }

  /** The body as a ReadableStream, or null for a null body; turns the body into stream mode. */
  get body(): ReadableStream | null {
    const source = this.#source;
    if (source === null) return null;
    if (source.stream === null) {
      const streams = loadStreamsApi();
      const bytes = source.bytes!;
      source.stream = streams.fromBytes(source.disturbed ? new SafeUint8Array(0) : copyBytes(bytes));
      source.bytes = null;
    }
    return source.stream as ReadableStream;
  }

  get bodyUsed(): boolean {
    return this.#source !== null && sourceUsed(this.#source);
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

  formData(): Promise<FormData> {
    const type = (this as unknown as { headers: { get(name: string): string | null } }).headers.get("content-type");
    return consume(this, (bytes) => loadFormsApi().parseForm(bytes, type) as FormData);
  }

  blob(): Promise<Blob> {
    const type = (this as unknown as { headers: { get(name: string): string | null } }).headers.get("content-type");
    return consume(this, (bytes) => loadFormsApi().blobOf(bytes, type ?? "") as Blob);
  }
}

/** Marks the body used and resolves with `convert(bytes)`; rejects if used or locked. */
function consume<T>(owner: BodyMixin, convert: (bytes: Uint8Array) => T): Promise<T> {
  try {
    const source = getSource(owner);
    if (source === null || source.stream === null) return PromiseResolve(convert(takeBytes(owner)));
    return readStreamSource(source).then(convert);
  } catch (error) {
    return PromiseReject(error);
  }
}

function readStreamSource(source: BodySource): Promise<Uint8Array> {
  if (sourceUsed(source)) throw new SafeTypeError(bodyUsedMessage);
  if (sourceLocked(source)) throw new SafeTypeError(bodyLockedMessage);
  source.disturbed = true;
  return loadStreamsApi().readAll(source.stream, sandboxLimits.responseBodyBytesMax);
}

/**
 * The body's bytes (a fresh copy; empty for a null body), marking it used. Throws the
 * Workers runtime's TypeError when the body was already read. Bytes mode only: a stream
 * body is read with takeBodyAsync.
 */
export function takeBytes(owner: BodyMixin, copy = true): Uint8Array {
  const source = getSource(owner);
  if (source === null) return new SafeUint8Array(0);
  if (source.stream !== null) throw new SafeTypeError("internal: a stream body must be read asynchronously");
  if (source.disturbed) throw new SafeTypeError(bodyUsedMessage);
  source.disturbed = true;
  return copy ? copyBytes(source.bytes!) : source.bytes!;
}

/** Whether the body is a stream (its bytes can only be had asynchronously). */
export function hasStreamBody(owner: BodyMixin): boolean {
  const source = getSource(owner);
  return source !== null && source.stream !== null;
}

/**
 * For the wire: the body's bytes themselves (no copy), or null for a null body, marking it used.
 * The bytes behind a source are never handed to user code (every read above hands out a copy)
 * and never written, and the host copies what crosses the boundary, so the wire can share them:
 * a body is copied once on its way out, not once more here. Bytes mode only.
 */
export function takeBytesOrNull(owner: BodyMixin): Uint8Array | null {
  const source = getSource(owner);
  if (source === null) return null;
  return takeBytes(owner, false);
}

/**
 * The size of the body in bytes (0 for a null body), without reading or copying it. A stream
 * body's size is not known before it is read (0 here): reading it enforces the limit instead.
 */
export function bodyByteLength(owner: BodyMixin): number {
  const source = getSource(owner);
  return source === null || source.bytes === null ? 0 : viewWindow(source.bytes).byteLength;
}

/** The whole body (null for a null body), marking it used; reads a stream body to its end. */
export function takeBodyAsync(owner: BodyMixin): Promise<Uint8Array | null> {
  try {
    const source = getSource(owner);
    if (source === null) return PromiseResolve(null);
    if (source.stream === null) return PromiseResolve(takeBytes(owner, false));
    return readStreamSource(source);
  } catch (error) {
    return PromiseReject(error);
  }
}

export function bodySource(owner: BodyMixin): BodySource | null {
  return getSource(owner);
}

export function setBodySource(owner: BodyMixin, source: BodySource | null): void {
  setSource(owner, source);
}

/** A second, unread source over the same bytes (or one branch of a tee), for clone(). */
export function cloneBodySource(owner: BodyMixin, what: string): BodySource | null {
  const source = getSource(owner);
  if (source === null) return null;
  if (sourceUsed(source) || sourceLocked(source)) throw new SafeTypeError(`${what}.clone: the body has already been used or is locked.`);
  if (source.stream === null) return newBodySource(source.bytes!);
  const [mine, theirs] = loadStreamsApi().tee(source.stream);
  source.stream = mine;
  return streamBodySource(theirs);
}
