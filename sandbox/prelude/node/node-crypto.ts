// node:crypto's common calls for the "node" chunk: hashes and HMACs are computed by the host's
// crypto library (as crypto.subtle's are), randomness comes from the run's seeded generator,
// timingSafeEqual is the host's. The rest of node:crypto is refused by name, not faked.

export interface NodeCryptoDeps {
  /** Digest (key null) or HMAC of `data` with a node:crypto algorithm name; throws for an unknown one. */
  hash(algorithm: string, key: Uint8Array | null, data: Uint8Array): Uint8Array;
  fillRandom(bytes: Uint8Array): void;
  randomUUID(): string;
  timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean;
  webcrypto: unknown;
}

type BufferLike = Uint8Array & { toString(encoding?: string): string };
interface BufferStatics {
  from(value: unknown, encoding?: string): BufferLike;
  concat(list: Uint8Array[]): BufferLike;
  alloc(size: number): BufferLike;
  isBuffer(value: unknown): boolean;
}

function bytesOf(Buffer: BufferStatics, data: unknown, encoding: string | undefined, what: string): Uint8Array {
  if (typeof data === "string") return Buffer.from(data, encoding ?? "utf8");
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  const error = new TypeError(`The "${what}" argument must be of type string or an instance of Buffer, TypedArray, or DataView.`) as TypeError & { code: string };
  error.code = "ERR_INVALID_ARG_TYPE";
  throw error;
}

export function createNodeCrypto(deps: NodeCryptoDeps, Buffer: BufferStatics): Record<string, unknown> {
  class Hash {
    #algorithm: string;
    #key: Uint8Array | null;
    #parts: Uint8Array[] = [];
    #done = false;
    constructor(algorithm: string, key: Uint8Array | null) {
      this.#algorithm = algorithm;
      this.#key = key;
      deps.hash(algorithm, key, new Uint8Array(0)); // an unknown algorithm throws here, as in Node
    }
    update(data: unknown, encoding?: string): this {
      if (this.#done) throw Object.assign(new Error("Digest already called"), { code: "ERR_CRYPTO_HASH_FINALIZED" });
      this.#parts.push(new Uint8Array(bytesOf(Buffer, data, encoding, "data")));
      return this;
    }
    digest(encoding?: string): unknown {
      if (this.#done) throw Object.assign(new Error("Digest already called"), { code: "ERR_CRYPTO_HASH_FINALIZED" });
      this.#done = true;
      const out = Buffer.from(deps.hash(this.#algorithm, this.#key, Buffer.concat(this.#parts)));
      return encoding === undefined || encoding === "buffer" ? out : out.toString(encoding);
    }
    copy(): Hash {
      const copy = new Hash(this.#algorithm, this.#key);
      for (const part of this.#parts) copy.update(part);
      return copy;
    }
  }
  const randomBytes = (size: number, callback?: (error: unknown, bytes: unknown) => void) => {
    if (typeof size !== "number" || !(size >= 0) || size > 2 ** 31 - 1) throw new RangeError(`The value of "size" is out of range. It must be >= 0 && <= 2147483647. Received ${String(size)}`);
    const bytes = Buffer.alloc(size);
    for (let at = 0; at < size; at += 65536) deps.fillRandom(bytes.subarray(at, Math.min(size, at + 65536)));
    if (typeof callback === "function") {
      queueMicrotask(() => callback(null, bytes));
      return undefined;
    }
    return bytes;
  };
  const randomInt = (min: number, max?: number) => {
    if (max === undefined) [min, max] = [0, min];
    const range = max - min;
    const bytes = new Uint8Array(6);
    deps.fillRandom(bytes);
    let value = 0;
    for (const b of bytes) value = value * 256 + b;
    return min + (value % range);
  };
  const notProvided = (name: string) => () => {
    throw Object.assign(new Error(`crypto.${name} is not provided by the playground's node:crypto (hashes, HMACs, random values and timingSafeEqual are)`), { code: "ERR_METHOD_NOT_IMPLEMENTED" });
  };
  const api: Record<string, unknown> = {
    createHash: (algorithm: string) => new Hash(String(algorithm), null),
    createHmac: (algorithm: string, key: unknown) => new Hash(String(algorithm), new Uint8Array(bytesOf(Buffer, key, undefined, "key"))),
    Hash,
    Hmac: Hash,
    randomBytes,
    randomInt,
    randomFillSync: (view: ArrayBufferView) => {
      deps.fillRandom(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
      return view;
    },
    randomUUID: () => deps.randomUUID(),
    getRandomValues: (view: ArrayBufferView) => {
      deps.fillRandom(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
      return view;
    },
    timingSafeEqual: (a: unknown, b: unknown) => {
      const x = bytesOf(Buffer, a, undefined, "buf1");
      const y = bytesOf(Buffer, b, undefined, "buf2");
      if (typeof a === "string" || typeof b === "string") throw new TypeError('The "buf1" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.');
      return deps.timingSafeEqual(x, y); // workerd's: a TypeError for unequal lengths
    },
    getHashes: () => ["md5", "sha1", "sha224", "sha256", "sha384", "sha512"],
    webcrypto: deps.webcrypto,
    subtle: (deps.webcrypto as { subtle?: unknown }).subtle,
    constants: {},
  };
  for (const name of ["createCipheriv", "createDecipheriv", "createSign", "createVerify", "generateKeyPair", "generateKeyPairSync", "pbkdf2", "pbkdf2Sync", "scrypt", "scryptSync", "hkdf", "hkdfSync", "createPublicKey", "createPrivateKey", "createSecretKey", "createECDH", "createDiffieHellman", "sign", "verify", "publicEncrypt", "privateDecrypt"]) {
    api[name] = notProvided(name);
  }
  api.default = { ...api };
  return api;
}
