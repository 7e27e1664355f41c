// CryptoKey: a secret key's public face (type, extractable, algorithm, usages). The key bytes
// live in a module-private WeakMap, never on the object, so worker code cannot read them
// except through exportKey on an extractable key, as on Workers.

import { SafeTypeError } from "./primordials.ts";

export type KeyAlgorithm =
  | { name: "HMAC"; hash: { name: string }; length: number }
  | { name: "AES-GCM"; length: number }
  /** Key-derivation base keys: raw secret material that only derives bits or keys. */
  | { name: "PBKDF2" | "HKDF" };

interface KeyState {
  algorithm: KeyAlgorithm;
  extractable: boolean;
  usages: string[];
  bytes: Uint8Array;
}

const constructionKey = {};
const states = new WeakMap<object, KeyState>();

export class CryptoKey {
  constructor(key?: unknown) {
    if (key !== constructionKey) throw new SafeTypeError("Illegal constructor");
  }

  get type(): string {
    stateOf(this);
    return "secret";
  }

  get extractable(): boolean {
    return stateOf(this).extractable;
  }

  /** A fresh copy each time, so worker code cannot change the key's algorithm. */
  get algorithm(): KeyAlgorithm {
    const algorithm = stateOf(this).algorithm;
    if (algorithm.name === "HMAC") return { name: "HMAC", hash: { name: algorithm.hash.name }, length: algorithm.length };
    if (algorithm.name === "AES-GCM") return { name: algorithm.name, length: algorithm.length };
    return { name: algorithm.name };
  }

  get usages(): string[] {
    const usages = stateOf(this).usages;
    const copy: string[] = [];
    for (let index = 0; index < usages.length; index++) copy[index] = usages[index]!;
    return copy;
  }

  get [Symbol.toStringTag](): string {
    return "CryptoKey";
  }
}

function stateOf(key: unknown): KeyState {
  const state = typeof key === "object" && key !== null ? states.get(key) : undefined;
  if (state === undefined) throw new SafeTypeError("Failed to execute on 'SubtleCrypto': parameter is not of type 'CryptoKey'.");
  return state;
}

export function createKey(algorithm: KeyAlgorithm, extractable: boolean, usages: string[], bytes: Uint8Array): CryptoKey {
  const key = new CryptoKey(constructionKey);
  states.set(key, { algorithm, extractable, usages, bytes });
  return key;
}

/** The key's state; throws a TypeError when `key` is not a CryptoKey. */
export function keyState(key: unknown): Readonly<KeyState> {
  return stateOf(key);
}
