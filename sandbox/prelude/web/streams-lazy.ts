// ReadableStream, WritableStream, TransformStream and their companions (TextEncoderStream,
// TextDecoderStream...) as lazy globals: the "streams" chunk (streams-impl.ts) loads on first
// read of any of them, or when a body is first read as a stream (`request.body`).

import { TextDecoder, TextEncoder } from "./encoding.ts";
import { defineLazyGlobals, evaluateChunk } from "./lazy-chunks.ts";
import type { StreamsApi, StreamsDeps } from "./streams-impl.ts";

export const streamGlobalNames = [
  "ReadableStream", "ReadableStreamDefaultReader", "ReadableStreamBYOBReader", "ReadableStreamBYOBRequest",
  "ReadableStreamDefaultController", "ReadableByteStreamController", "WritableStream", "WritableStreamDefaultWriter",
  "WritableStreamDefaultController", "TransformStream", "TransformStreamDefaultController", "ByteLengthQueuingStrategy",
  "CountQueuingStrategy", "TextEncoderStream", "TextDecoderStream", "IdentityTransformStream", "FixedLengthStream",
  "CompressionStream", "DecompressionStream",
] as const;

let streamsApi: StreamsApi | undefined;

export function loadStreamsApi(): StreamsApi {
  if (streamsApi === undefined) {
    streamsApi = evaluateChunk("streams", (create: (deps: StreamsDeps) => StreamsApi) => create({ TextEncoder, TextDecoder } as unknown as StreamsDeps));
  }
  return streamsApi;
}

/** The API if the chunk is loaded; a ReadableStream can only exist after that. */
export function loadedStreamsApi(): StreamsApi | undefined {
  return streamsApi;
}

export function installLazyStreamGlobals(global: Record<string, unknown>): void {
  defineLazyGlobals(global, streamGlobalNames, () => loadStreamsApi().globals);
}
