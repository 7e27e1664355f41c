// crypto.subtle's secret-key operations inside a real isolate, computed by the host's
// node:crypto: HMAC against RFC 4231's test vector, AES-GCM round trips and tampering,
// key import/export/generation rules and timingSafeEqual. (Differential: "/crypto".)
import assert from "node:assert/strict";
import { test } from "node:test";
import { createWebIsolate } from "./test-harness.mts";

test("HMAC-SHA-256 signs RFC 4231 test case 2 and verifies only the right message", async () => {
  const web = await createWebIsolate();
  try {
    const result = await web.run(`
      const enc = new TextEncoder();
      const key = await crypto.subtle.importKey("raw", enc.encode("Jefe"), { name: "HMAC", hash: { name: "SHA-256" } }, false, ["sign", "verify"]);
      const sig = await crypto.subtle.sign("HMAC", key, enc.encode("what do ya want for nothing?"));
      return { hex: [...new Uint8Array(sig)].map((b) => b.toString(16).padStart(2, "0")).join(""),
        ok: await crypto.subtle.verify("HMAC", key, sig, enc.encode("what do ya want for nothing?")),
        wrong: await crypto.subtle.verify("HMAC", key, sig, enc.encode("what do ya want for nothing!")),
        short: await crypto.subtle.verify("HMAC", key, sig.slice(1), enc.encode("what do ya want for nothing?")) };
    `);
    assert.deepEqual(result, { hex: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", ok: true, wrong: false, short: false });
  } finally {
    web.dispose();
  }
});

test("AES-GCM round-trips with additional data; a flipped bit or other data is an OperationError", async () => {
  const web = await createWebIsolate();
  try {
    const result = await web.run(`
      const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
      const iv = crypto.getRandomValues(new Uint8Array(12)); const ad = new Uint8Array([1, 2]);
      const ct = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: ad }, key, new TextEncoder().encode("secret")));
      const back = new TextDecoder().decode(await crypto.subtle.decrypt({ name: "AES-GCM", iv, additionalData: ad }, key, ct));
      const flipped = ct.slice(); flipped[0] ^= 1;
      return { length: ct.length, back, flipped: await errorOf(() => crypto.subtle.decrypt({ name: "AES-GCM", iv, additionalData: ad }, key, flipped)),
        otherAd: await errorOf(() => crypto.subtle.decrypt({ name: "AES-GCM", iv }, key, ct)), wrongUse: await errorOf(() => crypto.subtle.sign("HMAC", key, ct)) };
    `) as Record<string, unknown>;
    assert.equal(result.length, 6 + 16);
    assert.equal(result.back, "secret");
    assert.deepEqual([(result.flipped as { name: string }).name, (result.flipped as { isDOMException: boolean }).isDOMException], ["OperationError", true]);
    assert.equal((result.otherAd as { name: string }).name, "OperationError");
    assert.equal((result.wrongUse as { name: string }).name, "InvalidAccessError");
  } finally {
    web.dispose();
  }
});

test("keys keep their bytes private, export only when extractable, and JWK round-trips", async () => {
  const web = await createWebIsolate();
  try {
    const result = await web.run(`
      const key = await crypto.subtle.importKey("jwk", { kty: "oct", k: "AAECAwQFBgcICQoLDA0ODw" }, "AES-GCM", true, ["encrypt"]);
      const jwk = await crypto.subtle.exportKey("jwk", key);
      const hidden = await crypto.subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["decrypt"]);
      key.algorithm.length = 1;
      return { jwk, raw: [...new Uint8Array(await crypto.subtle.exportKey("raw", key))].slice(0, 3), own: Object.getOwnPropertyNames(key), length: key.algorithm.length,
        hidden: await errorOf(() => crypto.subtle.exportKey("raw", hidden)), illegal: await errorOf(() => new CryptoKey()) };
    `) as Record<string, unknown>;
    assert.deepEqual(result.jwk, { kty: "oct", key_ops: ["encrypt"], alg: "A128GCM", ext: true, k: "AAECAwQFBgcICQoLDA0ODw" });
    assert.deepEqual(result.raw, [0, 1, 2]);
    assert.deepEqual(result.own, []);
    assert.equal(result.length, 128);
    assert.equal((result.hidden as { name: string }).name, "InvalidAccessError");
    assert.equal((result.illegal as { name: string }).name, "TypeError");
  } finally {
    web.dispose();
  }
});

test("timingSafeEqual compares equal-length buffers and views and refuses different lengths", async () => {
  const web = await createWebIsolate();
  try {
    const result = await web.run(`
      const a = new Uint8Array([1, 2, 3]);
      return { same: crypto.subtle.timingSafeEqual(a, new Uint8Array([1, 2, 3]).buffer), differ: crypto.subtle.timingSafeEqual(a, new Uint8Array([1, 2, 4])),
        lengths: await errorOf(() => crypto.subtle.timingSafeEqual(a, new Uint8Array(2))), notBytes: await errorOf(() => crypto.subtle.timingSafeEqual("abc", "abc")) };
    `) as Record<string, unknown>;
    assert.equal(result.same, true);
    assert.equal(result.differ, false);
    assert.equal((result.lengths as { message: string }).message, "Input buffers must have the same byte length.");
    assert.equal((result.notBytes as { name: string }).name, "TypeError");
  } finally {
    web.dispose();
  }
});

test("PBKDF2 and HKDF derive RFC test vectors; the base keys refuse export and too many iterations", async () => {
  const web = await createWebIsolate();
  try {
    const result = await web.run(`
      const enc = new TextEncoder();
      const hex = (b) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, "0")).join("");
      const base = await crypto.subtle.importKey("raw", enc.encode("password"), "PBKDF2", false, ["deriveBits", "deriveKey"]);
      // RFC 6070 test 2 (PBKDF2-HMAC-SHA1, 2 iterations).
      const pbkdf2 = hex(await crypto.subtle.deriveBits({ name: "PBKDF2", salt: enc.encode("salt"), iterations: 2, hash: "SHA-1" }, base, 160));
      // RFC 5869 test case 3 (HKDF-SHA-256, empty salt and info).
      const ikm = new Uint8Array(22).fill(0x0b);
      const hkdfKey = await crypto.subtle.importKey("raw", ikm, "HKDF", false, ["deriveBits"]);
      const hkdf = hex(await crypto.subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt: new Uint8Array(), info: new Uint8Array() }, hkdfKey, 336));
      const errorOf = async (f) => { try { await f(); return "none"; } catch (e) { return e.name + ": " + e.message; } };
      return {
        pbkdf2, hkdf,
        extractable: await errorOf(() => crypto.subtle.importKey("raw", enc.encode("p"), "PBKDF2", true, ["deriveBits"])),
        tooMany: await errorOf(() => crypto.subtle.deriveBits({ name: "PBKDF2", salt: enc.encode("s"), iterations: 100001, hash: "SHA-256" }, base, 256)),
        odd: await errorOf(() => crypto.subtle.deriveBits({ name: "PBKDF2", salt: enc.encode("s"), iterations: 1, hash: "SHA-256" }, base, 12)),
        aes: (await crypto.subtle.deriveKey({ name: "PBKDF2", salt: enc.encode("s"), iterations: 1, hash: "SHA-256" }, base, { name: "AES-GCM", length: 128 }, false, ["encrypt"])).algorithm,
      };
    `);
    assert.deepEqual(result, {
      pbkdf2: "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957",
      hkdf: "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8",
      extractable: "SyntaxError: PBKDF2 key cannot be extractable.",
      tooMany: "NotSupportedError: Pbkdf2 failed: iteration counts above 100000 are not supported (requested 100001).",
      odd: "OperationError: Invalid PBKDF2 length 12: a positive multiple of 8 bits is required.",
      aes: { name: "AES-GCM", length: 128 },
    });
  } finally {
    web.dispose();
  }
});
