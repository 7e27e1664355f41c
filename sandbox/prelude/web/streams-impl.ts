// Entry point of the "streams" lazy chunk: the WHATWG streams (web-streams-polyfill, the
// reference implementation packaged for any realm), TextEncoderStream and TextDecoderStream on
// top of them, and the helpers bodies need (a one-chunk stream over bytes, reading a stream to
// its end). Evaluated on first use by streams-lazy.ts.
import {
  ByteLengthQueuingStrategy,
  CountQueuingStrategy,
  ReadableByteStreamController,
  ReadableStream,
  ReadableStreamBYOBReader,
  ReadableStreamBYOBRequest,
  ReadableStreamDefaultController,
  ReadableStreamDefaultReader,
  TransformStream,
  TransformStreamDefaultController,
  WritableStream,
  WritableStreamDefaultController,
  WritableStreamDefaultWriter,
} from "web-streams-polyfill";
// The browser build: no Node workers, no `require`; only the streaming classes are bundled.
import { Deflate, Gunzip, Gzip, Inflate, Unzlib, Zlib } from "fflate/browser";
import type { Transformer } from "web-streams-polyfill";

type BufferSource = ArrayBuffer | ArrayBufferView;

export interface StreamsDeps {
  TextEncoder: new () => { encode(input: string): Uint8Array };
  TextDecoder: new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => {
    decode(input?: Uint8Array, options?: { stream?: boolean }): string;
    readonly encoding: string;
    readonly fatal: boolean;
    readonly ignoreBOM: boolean;
  };
}

export interface StreamsApi {
  globals: Record<string, unknown>;
  isReadableStream(value: unknown): boolean;
  /** Whether any read or cancel ever touched the stream (the spec's [[disturbed]]). */
  isDisturbed(stream: unknown): boolean;
  isLocked(stream: unknown): boolean;
  /** A stream that yields `bytes` as one chunk, then closes. */
  fromBytes(bytes: Uint8Array): unknown;
  /** Reads the stream to its end; every chunk must be bytes. Rejects past `bytesMax`. */
  readAll(stream: unknown, bytesMax: number): Promise<Uint8Array>;
  tee(stream: unknown): [unknown, unknown];
}

const lockedGetter = Object.getOwnPropertyDescriptor(ReadableStream.prototype, "locked")!.get!;

function isReadableStream(value: unknown): boolean {
  // Bytes are the common non-stream body: skip the brand check's throw for them.
  if (typeof value !== "object" || value === null || ArrayBuffer.isView(value)) return false;
  try {
    Reflect.apply(lockedGetter, value, []);
    return true;
  } catch {
    return false;
  }
}

async function readAll(stream: unknown, bytesMax: number): Promise<Uint8Array> {
  const reader = (stream as ReadableStream<unknown>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    let bytes: Uint8Array;
    if (value instanceof ArrayBuffer) bytes = new Uint8Array(value);
    else if (ArrayBuffer.isView(value)) bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    else {
      await reader.cancel();
      throw new TypeError("This ReadableStream did not return bytes.");
    }
    total += bytes.byteLength;
    if (total > bytesMax) {
      await reader.cancel();
      throw new RangeError(`The body stream is over ${bytesMax} bytes, the limit of a body (responseBodyBytesMax).`);
    }
    chunks[chunks.length] = bytes;
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function createTextStreams(deps: StreamsDeps) {
  class TextEncoderStream {
    readonly #transform: TransformStream<string, Uint8Array>;
    constructor() {
      const encoder = new deps.TextEncoder();
      // A lone high surrogate at a chunk's end waits for the next chunk, as the spec says.
      let pending = "";
      this.#transform = new TransformStream<string, Uint8Array>({
        transform(chunk, controller) {
          let text = pending + String(chunk);
          pending = "";
          const last = text.charCodeAt(text.length - 1);
          if (last >= 0xd800 && last <= 0xdbff) {
            pending = text.slice(-1);
            text = text.slice(0, -1);
          }
          if (text.length > 0) controller.enqueue(encoder.encode(text));
        },
        flush(controller) {
          if (pending !== "") controller.enqueue(encoder.encode(pending));
        },
      });
    }
    get encoding(): string {
      return "utf-8";
    }
    get readable(): ReadableStream<Uint8Array> {
      return this.#transform.readable;
    }
    get writable(): WritableStream<string> {
      return this.#transform.writable;
    }
    get [Symbol.toStringTag](): string {
      return "TextEncoderStream";
    }
  }

  class TextDecoderStream {
    readonly #transform: TransformStream<BufferSource, string>;
    readonly #decoder: InstanceType<StreamsDeps["TextDecoder"]>;
    constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) {
      const decoder = new deps.TextDecoder(label, options);
      this.#decoder = decoder;
      this.#transform = new TransformStream<BufferSource, string>({
        transform(chunk, controller) {
          let bytes: Uint8Array;
          if (chunk instanceof ArrayBuffer) bytes = new Uint8Array(chunk);
          else if (ArrayBuffer.isView(chunk)) bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
          else throw new TypeError("TextDecoderStream: a chunk must be an ArrayBuffer or an ArrayBufferView.");
          const text = decoder.decode(bytes, { stream: true });
          if (text !== "") controller.enqueue(text);
        },
        flush(controller) {
          const text = decoder.decode();
          if (text !== "") controller.enqueue(text);
        },
      });
    }
    get encoding(): string {
      return this.#decoder.encoding;
    }
    get fatal(): boolean {
      return this.#decoder.fatal;
    }
    get ignoreBOM(): boolean {
      return this.#decoder.ignoreBOM;
    }
    get readable(): ReadableStream<string> {
      return this.#transform.readable;
    }
    get writable(): WritableStream<BufferSource> {
      return this.#transform.writable;
    }
    get [Symbol.toStringTag](): string {
      return "TextDecoderStream";
    }
  }
  return { TextEncoderStream, TextDecoderStream };
}

const isBytesChunk = (chunk: unknown) => ArrayBuffer.isView(chunk) || chunk instanceof ArrayBuffer;
const chunkBytes = (chunk: ArrayBuffer | ArrayBufferView) =>
  chunk instanceof ArrayBuffer ? new Uint8Array(chunk.slice(0)) : new Uint8Array(chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength));

/**
 * workerd's byte-only pass-through: bytes written to its writable side come out of its readable
 * side; anything else errors the stream, as there.
 */
class IdentityTransformStream extends TransformStream<ArrayBuffer | ArrayBufferView, Uint8Array> {
  constructor() {
    super({
      transform(chunk, controller) {
        if (!isBytesChunk(chunk)) throw new TypeError("This TransformStream is being used as a byte stream, but received an object of non-ArrayBuffer/ArrayBufferView type on its writable side.");
        controller.enqueue(chunkBytes(chunk));
      },
    });
  }
  get [Symbol.toStringTag](): string {
    return "IdentityTransformStream";
  }
}

/** An IdentityTransformStream of a declared length: more or fewer bytes than that is an error. */
class FixedLengthStream extends TransformStream<ArrayBuffer | ArrayBufferView, Uint8Array> {
  constructor(expectedLength: number | bigint) {
    const expected = Number(expectedLength);
    if (!(expected >= 0) || !Number.isSafeInteger(expected)) throw new TypeError("FixedLengthStream requires a non-negative integer expected length.");
    let seen = 0;
    super({
      transform(chunk, controller) {
        if (!isBytesChunk(chunk)) throw new TypeError("This TransformStream is being used as a byte stream, but received an object of non-ArrayBuffer/ArrayBufferView type on its writable side.");
        const bytes = chunkBytes(chunk);
        seen += bytes.byteLength;
        // As in workerd, the write itself succeeds and the readable side (the body) errors.
        if (seen > expected) controller.error(new TypeError("Attempt to write too many bytes through a FixedLengthStream."));
        else controller.enqueue(bytes);
      },
      flush(controller) {
        // The body errors; here the writer's close() rejects too, where workerd's resolves.
        if (seen < expected) controller.error(new TypeError("FixedLengthStream did not see all expected bytes before close()."));
      },
    });
  }
  get [Symbol.toStringTag](): string {
    return "FixedLengthStream";
  }
}

type CompressionFormat = "gzip" | "deflate" | "deflate-raw";
interface FlateStream {
  ondata: (data: Uint8Array, final: boolean) => void;
  push(chunk: Uint8Array, final?: boolean): void;
}

function compressionFormat(format: unknown): CompressionFormat {
  if (format === "gzip" || format === "deflate" || format === "deflate-raw") return format;
  throw new TypeError("The compression format must be either 'deflate', 'deflate-raw' or 'gzip'.");
}

/** A TransformStream over one of fflate's streaming (de)compressors. */
function flateTransform(make: () => FlateStream, what: string): Transformer<ArrayBuffer | ArrayBufferView, Uint8Array> {
  let flate: FlateStream | null = null;
  let done = false;
  let out: TransformStreamDefaultController<Uint8Array> | null = null;
  const start = (controller: TransformStreamDefaultController<Uint8Array>) => {
    out = controller;
    flate = make();
    flate.ondata = (data, final) => {
      if (data.byteLength > 0) out!.enqueue(data);
      if (final) done = true;
    };
  };
  const push = (bytes: Uint8Array, final: boolean) => {
    try {
      flate!.push(bytes, final);
    } catch (error) {
      throw new TypeError(`${what} failed: ${(error as Error).message}`);
    }
  };
  return {
    start,
    transform(chunk: ArrayBuffer | ArrayBufferView) {
      if (!isBytesChunk(chunk)) throw new TypeError(`${what}: chunks must be an ArrayBuffer or an ArrayBufferView.`);
      push(chunkBytes(chunk), false);
    },
    flush() {
      if (!done) push(new Uint8Array(0), true);
      if (!done) throw new TypeError(`${what} failed: the input ended before the compressed data did.`);
    },
  };
}

/** CompressionStream("gzip" | "deflate" | "deflate-raw"), as in browsers and workerd. */
class CompressionStream extends TransformStream<ArrayBuffer | ArrayBufferView, Uint8Array> {
  constructor(format: unknown) {
    const kind = compressionFormat(format);
    super(flateTransform(() => (kind === "gzip" ? new Gzip() : kind === "deflate" ? new Zlib() : new Deflate()) as unknown as FlateStream, "Compression"));
  }
  get [Symbol.toStringTag](): string {
    return "CompressionStream";
  }
}

class DecompressionStream extends TransformStream<ArrayBuffer | ArrayBufferView, Uint8Array> {
  constructor(format: unknown) {
    const kind = compressionFormat(format);
    super(flateTransform(() => (kind === "gzip" ? new Gunzip() : kind === "deflate" ? new Unzlib() : new Inflate()) as unknown as FlateStream, "Decompression"));
  }
  get [Symbol.toStringTag](): string {
    return "DecompressionStream";
  }
}

export function create(deps: StreamsDeps): StreamsApi {
  const text = createTextStreams(deps);
  return {
    globals: {
      ReadableStream,
      ReadableStreamDefaultReader,
      ReadableStreamBYOBReader,
      ReadableStreamBYOBRequest,
      ReadableStreamDefaultController,
      ReadableByteStreamController,
      WritableStream,
      WritableStreamDefaultWriter,
      WritableStreamDefaultController,
      TransformStream,
      TransformStreamDefaultController,
      ByteLengthQueuingStrategy,
      CountQueuingStrategy,
      TextEncoderStream: text.TextEncoderStream,
      TextDecoderStream: text.TextDecoderStream,
      IdentityTransformStream,
      FixedLengthStream,
      CompressionStream,
      DecompressionStream,
    },
    isReadableStream,
    isDisturbed: (stream) => (stream as { _disturbed?: boolean })._disturbed === true,
    isLocked: (stream) => (stream as ReadableStream).locked,
    fromBytes(bytes) {
      return new ReadableStream<Uint8Array>({
        start(controller) {
          if (bytes.byteLength > 0) controller.enqueue(bytes);
          controller.close();
        },
      });
    },
    readAll,
    tee: (stream) => (stream as ReadableStream).tee() as [unknown, unknown],
  };
}
