// TextEncoder and TextDecoder for UTF-8, the only encoding the Workers runtime guarantees, plus
// the utf8Encode/utf8Decode helpers the rest of this layer uses for bodies. The codec is written
// out (no builtin does it in a bare V8 context) and follows the WHATWG Encoding Standard's
// UTF-8 decoder state machine, so malformed input maps to U+FFFD exactly as in browsers.

import {
  ReflectApply,
  SafeRangeError,
  SafeString,
  SafeTypeError,
  SafeUint8Array,
  SafeUint16Array,
  StringFromCharCode,
  StringPrototypeCharCodeAt,
  StringPrototypeSlice,
  StringPrototypeToLowerCase,
  arrayBufferSlice,
  isArrayBuffer,
  viewWindow,
  ArrayBufferIsView,
  typedArrayBuffer,
  typedArrayLength,
  typedArraySubarray,
} from "./primordials.ts";

const replacementCharacter = 0xfffd;
/** Code units turned into a string per String.fromCharCode call; bounded by the argument limit. */
const decodeChunkCodeUnitsMax = 8192;
const utf8Labels = ["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"];

/** Encodes a string as UTF-8; lone surrogates become U+FFFD (the USVString conversion). */
export function utf8Encode(input: string): Uint8Array {
  const out = new SafeUint8Array(input.length * 3);
  const { written } = encodeIntoBytes(input, out);
  return new SafeUint8Array(arrayBufferSlice(typedArrayBuffer(out), 0, written));
}

/** Writes as many whole characters of `input` as fit into `out`. */
function encodeIntoBytes(input: string, out: Uint8Array): { read: number; written: number } {
  const capacity = typedArrayLength(out);
  let read = 0;
  let written = 0;
  while (read < input.length) {
    let codePoint = StringPrototypeCharCodeAt(input, read);
    let units = 1;
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) {
      const next = read + 1 < input.length ? StringPrototypeCharCodeAt(input, read + 1) : 0;
      if (codePoint <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        codePoint = 0x10000 + ((codePoint - 0xd800) << 10) + (next - 0xdc00);
        units = 2;
      } else {
        codePoint = replacementCharacter;
      }
    }
    const size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    if (written + size > capacity) break;
    if (size === 1) {
      out[written] = codePoint;
    } else if (size === 2) {
      out[written] = 0xc0 | (codePoint >> 6);
      out[written + 1] = 0x80 | (codePoint & 0x3f);
    } else if (size === 3) {
      out[written] = 0xe0 | (codePoint >> 12);
      out[written + 1] = 0x80 | ((codePoint >> 6) & 0x3f);
      out[written + 2] = 0x80 | (codePoint & 0x3f);
    } else {
      out[written] = 0xf0 | (codePoint >> 18);
      out[written + 1] = 0x80 | ((codePoint >> 12) & 0x3f);
      out[written + 2] = 0x80 | ((codePoint >> 6) & 0x3f);
      out[written + 3] = 0x80 | (codePoint & 0x3f);
    }
    written += size;
    read += units;
  }
  return { read, written };
}

/** Decoder state carried between `decode(..., { stream: true })` calls. */
interface Utf8DecoderState {
  codePoint: number;
  bytesSeen: number;
  bytesNeeded: number;
  lowerBoundary: number;
  upperBoundary: number;
}

function freshState(): Utf8DecoderState {
  return { codePoint: 0, bytesSeen: 0, bytesNeeded: 0, lowerBoundary: 0x80, upperBoundary: 0xbf };
}

class CodeUnitSink {
  #chunk = new SafeUint16Array(decodeChunkCodeUnitsMax);
  #length = 0;
  #text = "";

  push(codePoint: number): void {
    if (this.#length + 2 > decodeChunkCodeUnitsMax) this.#flush();
    if (codePoint >= 0x10000) {
      codePoint -= 0x10000;
      this.#chunk[this.#length++] = 0xd800 + (codePoint >> 10);
      this.#chunk[this.#length++] = 0xdc00 + (codePoint & 0x3ff);
    } else {
      this.#chunk[this.#length++] = codePoint;
    }
  }

  #flush(): void {
    this.#text += ReflectApply(StringFromCharCode, undefined, typedArraySubarray(this.#chunk, 0, this.#length) as unknown as number[]);
    this.#length = 0;
  }

  text(): string {
    this.#flush();
    return this.#text;
  }
}

/** Runs the WHATWG UTF-8 decoder over `bytes`; returns false on the first error when fatal. */
function decodeInto(bytes: Uint8Array, state: Utf8DecoderState, sink: CodeUnitSink, fatal: boolean, flush: boolean): boolean {
  const length = typedArrayLength(bytes);
  for (let index = 0; index < length; index++) {
    const byte = bytes[index]!;
    if (state.bytesNeeded === 0) {
      if (byte <= 0x7f) {
        sink.push(byte);
      } else if (byte >= 0xc2 && byte <= 0xdf) {
        state.bytesNeeded = 1;
        state.codePoint = byte & 0x1f;
      } else if (byte >= 0xe0 && byte <= 0xef) {
        if (byte === 0xe0) state.lowerBoundary = 0xa0;
        if (byte === 0xed) state.upperBoundary = 0x9f;
        state.bytesNeeded = 2;
        state.codePoint = byte & 0xf;
      } else if (byte >= 0xf0 && byte <= 0xf4) {
        if (byte === 0xf0) state.lowerBoundary = 0x90;
        if (byte === 0xf4) state.upperBoundary = 0x8f;
        state.bytesNeeded = 3;
        state.codePoint = byte & 0x7;
      } else {
        if (fatal) return false;
        sink.push(replacementCharacter);
      }
      continue;
    }
    if (byte < state.lowerBoundary || byte > state.upperBoundary) {
      // The spec "prepends" the byte back to the stream: reset and decode it again.
      resetState(state);
      if (fatal) return false;
      sink.push(replacementCharacter);
      index--;
      continue;
    }
    state.lowerBoundary = 0x80;
    state.upperBoundary = 0xbf;
    state.codePoint = (state.codePoint << 6) | (byte & 0x3f);
    state.bytesSeen++;
    if (state.bytesSeen !== state.bytesNeeded) continue;
    sink.push(state.codePoint);
    resetState(state);
  }
  if (flush && state.bytesNeeded !== 0) {
    resetState(state);
    if (fatal) return false;
    sink.push(replacementCharacter);
  }
  return true;
}

function resetState(state: Utf8DecoderState): void {
  state.codePoint = 0;
  state.bytesSeen = 0;
  state.bytesNeeded = 0;
  state.lowerBoundary = 0x80;
  state.upperBoundary = 0xbf;
}

/** Decodes UTF-8 with replacement and strips a leading BOM ("UTF-8 decode" in the spec). */
export function utf8Decode(bytes: Uint8Array): string {
  const text = utf8DecodeWithoutBOM(bytes);
  return StringPrototypeCharCodeAt(text, 0) === 0xfeff ? StringPrototypeSlice(text, 1) : text;
}

/** Decodes UTF-8 with replacement, keeping a leading BOM ("UTF-8 decode without BOM"). */
export function utf8DecodeWithoutBOM(bytes: Uint8Array): string {
  const sink = new CodeUnitSink();
  decodeInto(bytes, freshState(), sink, false, true);
  return sink.text();
}

function bytesOf(input: unknown): Uint8Array {
  if (input === undefined) return new SafeUint8Array(0);
  if (isArrayBuffer(input)) return new SafeUint8Array(input);
  if (ArrayBufferIsView(input)) {
    const { buffer, byteOffset, byteLength } = viewWindow(input);
    return new SafeUint8Array(buffer, byteOffset, byteLength);
  }
  throw new SafeTypeError("TextDecoder.decode: input must be an ArrayBuffer or an ArrayBufferView.");
}

export class TextEncoder {
  get encoding(): string {
    return "utf-8";
  }

  encode(input: unknown = ""): Uint8Array {
    return utf8Encode(SafeString(input));
  }

  encodeInto(source: unknown, destination: Uint8Array): { read: number; written: number } {
    if (!(destination instanceof SafeUint8Array)) {
      throw new SafeTypeError("TextEncoder.encodeInto: destination must be a Uint8Array.");
    }
    return encodeIntoBytes(SafeString(source), destination);
  }
}

export class TextDecoder {
  readonly #fatal: boolean;
  readonly #ignoreBOM: boolean;
  #state = freshState();
  /** Whether the BOM may still appear: true until the first code point of a stream is emitted. */
  #atStreamStart = true;

  constructor(label: unknown = "utf-8", options: { fatal?: boolean; ignoreBOM?: boolean } = {}) {
    const normalized = StringPrototypeToLowerCase(SafeString(label).trim());
    if (!utf8Labels.includes(normalized)) {
      throw new SafeRangeError(`TextDecoder: the "${SafeString(label)}" encoding is not supported; only utf-8 is.`);
    }
    this.#fatal = Boolean(options?.fatal);
    this.#ignoreBOM = Boolean(options?.ignoreBOM);
  }

  get encoding(): string {
    return "utf-8";
  }

  get fatal(): boolean {
    return this.#fatal;
  }

  get ignoreBOM(): boolean {
    return this.#ignoreBOM;
  }

  decode(input?: unknown, options: { stream?: boolean } = {}): string {
    const bytes = bytesOf(input);
    const stream = Boolean(options?.stream);
    const sink = new CodeUnitSink();
    const ok = decodeInto(bytes, this.#state, sink, this.#fatal, !stream);
    if (!ok) {
      this.#state = freshState();
      this.#atStreamStart = true;
      throw new SafeTypeError("TextDecoder.decode: the encoded data is not valid UTF-8.");
    }
    let text = sink.text();
    if (this.#atStreamStart && text.length > 0) {
      if (!this.#ignoreBOM && StringPrototypeCharCodeAt(text, 0) === 0xfeff) text = text.slice(1);
      this.#atStreamStart = false;
    }
    if (!stream) this.#atStreamStart = true;
    return text;
  }
}
