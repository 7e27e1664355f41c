// Seeded randomness inside the isolate. Math.random, crypto.getRandomValues and
// crypto.randomUUID all draw from one sfc32 generator the host seeds, so the same seed and the
// same deliveries give the same values (DESIGN.md rule 1).

let a = 0x9e3779b9;
let b = 0x243f6a88;
let c = 0xb7e15162;
let d = 1;

/** splitmix32 spreads a small integer seed over the 128 bits of sfc32's state. */
function splitmix32(state: number): () => number {
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function seedRandom(seed: number): void {
  const next = splitmix32(seed >>> 0);
  a = next();
  b = next();
  c = next();
  d = next();
  for (let i = 0; i < 12; i++) nextUint32();
}

export function nextUint32(): number {
  const t = (((a + b) | 0) + d) | 0;
  d = (d + 1) | 0;
  a = b ^ (b >>> 9);
  b = (c + (c << 3)) | 0;
  c = (c << 21) | (c >>> 11);
  c = (c + t) | 0;
  return t >>> 0;
}

/** A double in [0, 1) with 53 random bits, like V8's own Math.random. */
export function nextDouble(): number {
  const high = nextUint32() >>> 5;
  const low = nextUint32() >>> 6;
  return (high * 67108864 + low) / 9007199254740992;
}

export function fillRandom(bytes: Uint8Array): void {
  for (let i = 0; i < bytes.length; i += 4) {
    let word = nextUint32();
    for (let j = i; j < i + 4 && j < bytes.length; j++) {
      bytes[j] = word & 0xff;
      word >>>= 8;
    }
  }
}

export function installRandom(): void {
  Object.defineProperty(Math, "random", { value: nextDouble, writable: true, configurable: true });
}
