// Entry point of the "forms" lazy chunk: Blob, File and FormData, the multipart/form-data
// encoding a FormData body is sent with, and the parsers behind `body.formData()` (multipart
// and urlencoded). Evaluated on first use by forms-lazy.ts. Follows the File API and the XHR
// standard's FormData, with the serialization workerd uses.

export interface FormsDeps {
  utf8Encode(text: string): Uint8Array;
  utf8Decode(bytes: Uint8Array): string;
  /** Parses application/x-www-form-urlencoded text into pairs (URLSearchParams). */
  parseUrlencoded(text: string): [string, string][];
  /** A ReadableStream yielding the bytes (the "streams" chunk). */
  streamOf(bytes: Uint8Array): unknown;
  /** Random hex for multipart boundaries, from the runtime's seeded source. */
  randomHex(bytes: number): string;
  /** The virtual clock, for File's default lastModified. */
  nowMs(): number;
}

export interface FormsApi {
  globals: Record<string, unknown>;
  /** A Blob's or FormData's bytes and implied Content-Type, or null for anything else. */
  extract(value: unknown): { bytes: Uint8Array; contentType: string | null } | null;
  parseForm(bytes: Uint8Array, contentType: string | null): unknown;
  blobOf(bytes: Uint8Array, type: string): unknown;
}

export function create(deps: FormsDeps): FormsApi {
  const blobBytes = new WeakMap<object, Uint8Array>();

  function normalizeType(type: unknown): string {
    const text = type === undefined ? "" : String(type);
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code < 0x20 || code > 0x7e) return "";
    }
    return text.toLowerCase();
  }

  function partBytes(part: unknown): Uint8Array {
    if (part instanceof ArrayBuffer) return new Uint8Array(part.slice(0));
    if (ArrayBuffer.isView(part)) return new Uint8Array(part.buffer.slice(part.byteOffset, part.byteOffset + part.byteLength) as ArrayBuffer);
    const inner = typeof part === "object" && part !== null ? blobBytes.get(part) : undefined;
    if (inner !== undefined) return inner;
    return deps.utf8Encode(String(part));
  }

  function concat(parts: Uint8Array[]): Uint8Array {
    let total = 0;
    for (const part of parts) total += part.byteLength;
    const out = new Uint8Array(total);
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.byteLength;
    }
    return out;
  }

  class Blob {
    readonly #type: string;
    constructor(parts?: Iterable<unknown>, options?: { type?: string; endings?: string }) {
      if (parts !== undefined && (typeof parts !== "object" || parts === null || typeof (parts as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== "function")) {
        throw new TypeError("Failed to construct 'Blob': The provided value cannot be converted to a sequence.");
      }
      const chunks: Uint8Array[] = [];
      if (parts !== undefined) for (const part of parts) chunks[chunks.length] = partBytes(part);
      blobBytes.set(this, concat(chunks));
      this.#type = normalizeType(options?.type);
    }
    get size(): number {
      return blobBytes.get(this)!.byteLength;
    }
    get type(): string {
      return this.#type;
    }
    slice(start?: number, end?: number, type?: string): Blob {
      const bytes = blobBytes.get(this)!;
      const size = bytes.byteLength;
      const clamp = (value: number | undefined, fallback: number) => {
        if (value === undefined) return fallback;
        const n = Math.trunc(Number(value)) || 0;
        return n < 0 ? Math.max(size + n, 0) : Math.min(n, size);
      };
      const from = clamp(start, 0);
      const to = clamp(end, size);
      const blob = new Blob([], { type });
      blobBytes.set(blob, bytes.slice(from, Math.max(from, to)));
      return blob;
    }
    arrayBuffer(): Promise<ArrayBuffer> {
      return Promise.resolve(blobBytes.get(this)!.slice().buffer as ArrayBuffer);
    }
    bytes(): Promise<Uint8Array> {
      return Promise.resolve(blobBytes.get(this)!.slice());
    }
    text(): Promise<string> {
      return Promise.resolve(deps.utf8Decode(blobBytes.get(this)!));
    }
    stream(): unknown {
      return deps.streamOf(blobBytes.get(this)!.slice());
    }
    get [Symbol.toStringTag](): string {
      return "Blob";
    }
  }

  class File extends Blob {
    readonly #name: string;
    readonly #lastModified: number;
    constructor(parts: Iterable<unknown>, name: string, options?: { type?: string; lastModified?: number }) {
      if (arguments.length < 2) throw new TypeError(`Failed to construct 'File': 2 arguments required, but only ${arguments.length} present.`);
      super(parts, options);
      this.#name = String(name);
      this.#lastModified = options?.lastModified === undefined ? deps.nowMs() : Number(options.lastModified);
    }
    get name(): string {
      return this.#name;
    }
    get lastModified(): number {
      return this.#lastModified;
    }
    override get [Symbol.toStringTag](): string {
      return "File";
    }
  }

  type Entry = [string, string | File];
  const formEntries = new WeakMap<object, Entry[]>();

  function entryValue(value: unknown, filename: unknown, count: number): string | File {
    if (typeof value === "object" && value !== null && blobBytes.has(value)) {
      const blob = value as Blob;
      if (blob instanceof File && filename === undefined) return blob;
      const name = filename !== undefined ? String(filename) : blob instanceof File ? blob.name : "blob";
      const file = new File([], name, { type: blob.type, lastModified: blob instanceof File ? blob.lastModified : undefined });
      blobBytes.set(file, blobBytes.get(blob)!);
      return file;
    }
    if (count === 3) throw new TypeError("Failed to execute 'append' on 'FormData': parameter 2 is not of type 'Blob'.");
    return String(value);
  }

  function entriesOf(form: FormData): Entry[] {
    const entries = formEntries.get(form);
    if (entries === undefined) throw new TypeError("Illegal invocation: not a FormData");
    return entries;
  }

  class FormData {
    constructor(form?: unknown) {
      if (form !== undefined) throw new TypeError("Failed to construct 'FormData': a form element is not available in Workers.");
      formEntries.set(this, []);
    }
    append(name: string, value: unknown, filename?: string): void {
      const entries = entriesOf(this);
      entries[entries.length] = [String(name), entryValue(value, filename, arguments.length)];
    }
    set(name: string, value: unknown, filename?: string): void {
      const entries = entriesOf(this);
      const key = String(name);
      const entry: Entry = [key, entryValue(value, filename, arguments.length)];
      const index = entries.findIndex(([n]) => n === key);
      if (index === -1) {
        entries[entries.length] = entry;
        return;
      }
      entries[index] = entry;
      formEntries.set(this, entries.filter(([n], i) => i <= index || n !== key));
    }
    delete(name: string): void {
      const key = String(name);
      formEntries.set(this, entriesOf(this).filter(([n]) => n !== key));
    }
    get(name: string): string | File | null {
      const key = String(name);
      const found = entriesOf(this).find(([n]) => n === key);
      return found === undefined ? null : found[1];
    }
    getAll(name: string): (string | File)[] {
      const key = String(name);
      return entriesOf(this).filter(([n]) => n === key).map(([, v]) => v);
    }
    has(name: string): boolean {
      const key = String(name);
      return entriesOf(this).some(([n]) => n === key);
    }
    forEach(callback: (value: string | File, key: string, form: FormData) => void, thisArg?: unknown): void {
      for (const [key, value] of entriesOf(this).slice()) callback.call(thisArg, value, key, this);
    }
    *entries(): IterableIterator<Entry> {
      for (const [key, value] of entriesOf(this).slice()) yield [key, value];
    }
    *keys(): IterableIterator<string> {
      for (const [key] of entriesOf(this).slice()) yield key;
    }
    *values(): IterableIterator<string | File> {
      for (const [, value] of entriesOf(this).slice()) yield value;
    }
    [Symbol.iterator](): IterableIterator<Entry> {
      return this.entries();
    }
    get [Symbol.toStringTag](): string {
      return "FormData";
    }
  }

  const escapeName = (name: string) => name.replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/"/g, "%22");

  function encodeMultipart(form: FormData): { bytes: Uint8Array; contentType: string } {
    const boundary = `----formdata-edge-playground-${deps.randomHex(12)}`;
    const parts: Uint8Array[] = [];
    for (const [name, value] of entriesOf(form)) {
      let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(name)}"`;
      if (typeof value === "string") {
        parts.push(deps.utf8Encode(`${head}\r\n\r\n`), deps.utf8Encode(value), deps.utf8Encode("\r\n"));
      } else {
        head += `; filename="${escapeName(value.name)}"\r\nContent-Type: ${value.type || "application/octet-stream"}\r\n\r\n`;
        parts.push(deps.utf8Encode(head), blobBytes.get(value)!, deps.utf8Encode("\r\n"));
      }
    }
    parts.push(deps.utf8Encode(`--${boundary}--\r\n`));
    return { bytes: concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
  }

  function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
    outer: for (let i = from; i <= haystack.length - needle.length; i++) {
      for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
      return i;
    }
    return -1;
  }

  function headerParam(header: string, param: string): string | null {
    const match = new RegExp(`;\\s*${param}\\*?=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, "i").exec(header);
    if (match === null) return null;
    return match[1] !== undefined ? match[1].replace(/\\(.)/g, "$1") : match[2]!;
  }

  const formError = () => new TypeError("Unrecognized Content-Type header value. FormData can only parse the following MIME types: multipart/form-data, application/x-www-form-urlencoded");

  function parseMultipart(bytes: Uint8Array, boundary: string): FormData {
    const form = new FormData();
    const delimiter = deps.utf8Encode(`--${boundary}`);
    let position = indexOf(bytes, delimiter, 0);
    if (position === -1) throw new TypeError("No initial boundary string (or you have a truncated message).");
    for (;;) {
      position += delimiter.length;
      if (bytes[position] === 0x2d && bytes[position + 1] === 0x2d) return form; // "--": the end
      position += 2; // CRLF after the boundary
      const headersEnd = indexOf(bytes, deps.utf8Encode("\r\n\r\n"), position);
      if (headersEnd === -1) throw new TypeError("No header section in a multipart part (or you have a truncated message).");
      const headerText = deps.utf8Decode(bytes.subarray(position, headersEnd));
      const next = indexOf(bytes, deps.utf8Encode(`\r\n--${boundary}`), headersEnd + 4);
      if (next === -1) throw new TypeError("No closing boundary string (or you have a truncated message).");
      const content = bytes.slice(headersEnd + 4, next);
      let disposition = "";
      let type = "";
      for (const line of headerText.split("\r\n")) {
        const colon = line.indexOf(":");
        const key = line.slice(0, colon).trim().toLowerCase();
        if (key === "content-disposition") disposition = line.slice(colon + 1);
        if (key === "content-type") type = line.slice(colon + 1).trim();
      }
      const name = headerParam(disposition, "name");
      if (name === null) throw new TypeError("A multipart part has no name in its Content-Disposition header.");
      const filename = headerParam(disposition, "filename");
      if (filename === null) form.append(name, deps.utf8Decode(content));
      else {
        const file = new File([], filename, { type });
        blobBytes.set(file, content);
        form.append(name, file);
      }
      position = next + 2;
    }
  }

  return {
    globals: { Blob, File, FormData },
    extract(value) {
      if (typeof value !== "object" || value === null) return null;
      if (formEntries.has(value)) return encodeMultipart(value as FormData);
      const bytes = blobBytes.get(value);
      if (bytes === undefined) return null;
      const type = (value as Blob).type;
      return { bytes: bytes.slice(), contentType: type === "" ? null : type };
    },
    parseForm(bytes, contentType) {
      const type = contentType === null ? "" : contentType.split(";")[0]!.trim().toLowerCase();
      if (type === "multipart/form-data") {
        const boundary = headerParam(contentType!, "boundary");
        if (boundary === null || boundary === "") throw new TypeError("Missing boundary parameter in a multipart/form-data Content-Type header.");
        return parseMultipart(bytes, boundary);
      }
      if (type === "application/x-www-form-urlencoded") {
        const form = new FormData();
        for (const [name, value] of deps.parseUrlencoded(deps.utf8Decode(bytes))) form.append(name, value);
        return form;
      }
      throw formError();
    },
    blobOf(bytes, type) {
      const blob = new Blob([], { type });
      blobBytes.set(blob, bytes);
      return blob;
    },
  };
}
