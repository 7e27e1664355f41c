// The one seeded PRNG of the world: sfc32, integer-only (Math.imul and 32-bit shifts), so every
// platform produces the same stream. Each subsystem derives its own stream from the world seed
// and its name, so adding a region does not reshuffle KV's or the network's choices.

import { hash32 } from "./hash.ts";
import { assert } from "./result.ts";

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    assert(Number.isInteger(seed), "Prng seed must be an integer");
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    // Warm-up rounds spread a small seed over the whole state.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** An integer in [0, bound). Rejection sampling avoids modulo bias. */
  nextInt(bound: number): number {
    assert(Number.isInteger(bound) && bound > 0 && bound <= 0x100000000, "nextInt bound out of range");
    const limit = 0x100000000 - (0x100000000 % bound);
    for (let tries = 0; tries < 64; tries++) {
      const x = this.nextUint32();
      if (x < limit) return x % bound;
    }
    return this.nextUint32() % bound;
  }
}

/** The stream of one subsystem ("net", "kv", "isolates:us-west"...). */
export function deriveStream(seed: number, subsystem: string): Prng {
  return new Prng((hash32(`${seed >>> 0}:${subsystem}`) ^ seed) | 0);
}

/** A seed for one isolate, stable across runs with the same world seed. */
export function deriveSeed(seed: number, name: string): number {
  return hash32(`${seed >>> 0}:seed:${name}`) >>> 0;
}
