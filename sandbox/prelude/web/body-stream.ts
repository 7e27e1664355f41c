// A minimal ReadableStream for `request.body` / `response.body`. Bodies here are always whole
// byte arrays (a worker's bodies are bounded and arrive complete from the simulated world), so
// the stream yields the body as a single Uint8Array chunk. It supports what workers commonly
// do with a body stream: getReader().read() / releaseLock() / cancel(), `for await`, `locked`,
// and passing it as the body of a new Request or Response. It is not installed as a global
// ReadableStream and cannot be constructed from an underlying source.

import { PromiseReject, PromiseResolve, SafeTypeError, SafeUint8Array, arrayBufferSlice } from "./primordials.ts";

/** The bytes behind a body, shared by the Request/Response that owns it and its stream. */
export interface BodySource {
  readonly bytes: Uint8Array;
  /** Set once any read started (text(), a reader's read(), transfer into another body). */
  disturbed: boolean;
  locked: boolean;
}

const constructionKey = {};

// Module-private accessors to #source, assigned in BodyStream's static block (declared first:
// the static block runs when the class is defined).
export let bodyStreamSource: (stream: BodyStream) => BodySource;
export let isBodyStream: (value: unknown) => value is BodyStream;

export class BodyStream {
  readonly #source: BodySource;

  constructor(key: unknown, source: BodySource) {
    if (key !== constructionKey) {
      throw new SafeTypeError("ReadableStream construction is not supported in Edge Playground; use a string or bytes as the body.");
    }
    this.#source = source;
  }

  static {
    bodyStreamSource = (stream) => stream.#source;
    isBodyStream = (value) => typeof value === "object" && value !== null && #source in value;
  }

  get locked(): boolean {
    return this.#source.locked;
  }

  getReader(options?: { mode?: string }): BodyStreamReader {
    if (options?.mode !== undefined) throw new SafeTypeError("ReadableStream.getReader: only the default reader is supported.");
    if (this.#source.locked) throw new SafeTypeError("ReadableStream is locked: release the current reader first.");
    this.#source.locked = true;
    return new BodyStreamReader(constructionKey, this.#source);
  }

  cancel(): Promise<void> {
    if (this.#source.locked) return PromiseReject(new SafeTypeError("ReadableStream is locked: it cannot be cancelled."));
    this.#source.disturbed = true;
    return PromiseResolve(undefined);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array, void, undefined> {
    const reader = this.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        yield value!;
      }
    } finally {
      reader.releaseLock();
    }
  }

  get [Symbol.toStringTag](): string {
    return "ReadableStream";
  }
}

export class BodyStreamReader {
  #source: BodySource | null;
  #delivered = false;

  constructor(key: unknown, source: BodySource) {
    if (key !== constructionKey) throw new SafeTypeError("Illegal constructor");
    this.#source = source;
  }

  /** Resolves with the whole body as one chunk, then with `done: true`. */
  read(): Promise<{ value: Uint8Array | undefined; done: boolean }> {
    const source = this.#source;
    if (source === null) return PromiseReject(new SafeTypeError("This reader has been released."));
    if (this.#delivered || source.disturbed) return PromiseResolve({ value: undefined, done: true });
    source.disturbed = true;
    this.#delivered = true;
    const bytes = source.bytes;
    return PromiseResolve({ value: new SafeUint8Array(arrayBufferSlice(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteOffset + bytes.byteLength)), done: false });
  }

  releaseLock(): void {
    if (this.#source !== null) this.#source.locked = false;
    this.#source = null;
  }

  cancel(): Promise<void> {
    if (this.#source !== null) this.#source.disturbed = true;
    return PromiseResolve(undefined);
  }

  get closed(): Promise<void> {
    return PromiseResolve(undefined);
  }
}

export function createBodyStream(source: BodySource): BodyStream {
  return new BodyStream(constructionKey, source);
}
