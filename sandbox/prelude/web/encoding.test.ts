// TextEncoder/TextDecoder and atob/btoa inside a real isolate: UTF-8 round trips of
// non-ASCII text, replacement vs fatal decoding, BOM handling, streaming, encodeInto, and
// base64 whitespace, padding and InvalidCharacterError.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createWebIsolate, type WebIsolate } from "./test-harness.mts";

let web: WebIsolate;
before(async () => { web = await createWebIsolate(); });
after(() => web.dispose());

test("UTF-8 round-trips non-ASCII text with the same bytes Node produces", async () => {
  // Two-, three- and four-byte sequences and a lone surrogate (encoded as U+FFFD).
  const text = "héllo ✓ 𝄞 日本";
  const result = await web.run<{ bytes: number[]; back: string; lone: number[] }>(`
    const bytes = new TextEncoder().encode(${JSON.stringify(text)});
    return { bytes: [...bytes], back: new TextDecoder().decode(bytes), lone: [...new TextEncoder().encode("a\\uD800b")] };
  `);
  assert.deepEqual(result.bytes, [...Buffer.from(text, "utf8")]);
  assert.equal(result.back, text);
  assert.deepEqual(result.lone, [0x61, 0xef, 0xbf, 0xbd, 0x62]);
});

test("malformed input decodes to U+FFFD, or throws a TypeError when fatal", async () => {
  // Overlong, truncated and invalid bytes follow the WHATWG replacement rules.
  const result = await web.run(`
    const bad = new Uint8Array([0x61, 0xc0, 0xaf, 0xe2, 0x82, 0x62, 0xff]);
    return {
      replaced: new TextDecoder().decode(bad),
      fatal: await errorOf(() => new TextDecoder("utf-8", { fatal: true }).decode(bad)),
      fatalFlag: new TextDecoder("utf8", { fatal: true }).fatal,
      label: await errorOf(() => new TextDecoder("latin1")),
    };
  `) as Record<string, unknown>;
  assert.equal(result.replaced, "a\uFFFD\uFFFD\uFFFDb\uFFFD");
  assert.equal((result.fatal as { type: string }).type, "TypeError");
  assert.equal(result.fatalFlag, true);
  assert.equal((result.label as { type: string }).type, "RangeError");
});

test("the BOM is stripped unless ignoreBOM; stream: true joins split sequences", async () => {
  // A BOM at the start only; a 3-byte character split across two stream calls decodes whole.
  const result = await web.run(`
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69]);
    const d = new TextDecoder();
    const parts = [d.decode(new Uint8Array([0x61, 0xe2, 0x9c]), { stream: true }), d.decode(new Uint8Array([0x93, 0x62]))];
    const truncated = new TextDecoder().decode(new Uint8Array([0xe2, 0x9c]));
    return [new TextDecoder().decode(withBom), new TextDecoder("utf-8", { ignoreBOM: true }).decode(withBom).length, parts, truncated];
  `);
  assert.deepEqual(result, ["hi", 3, ["a", "✓b"], "\uFFFD"]);
});

test("encodeInto writes only whole characters that fit and reports read/written", async () => {
  // "a✓" needs 4 bytes; with room for 3, only "a" fits.
  const result = await web.run(`
    const small = new Uint8Array(3);
    const big = new Uint8Array(8);
    return [new TextEncoder().encodeInto("a✓", small), [...small], new TextEncoder().encodeInto("a✓", big), [...big.subarray(0, 4)]];
  `);
  assert.deepEqual(result, [{ read: 1, written: 1 }, [0x61, 0, 0], { read: 2, written: 4 }, [0x61, 0xe2, 0x9c, 0x93]]);
});

test("btoa/atob match Node's base64 and ignore ASCII whitespace", async () => {
  // Binary strings with every byte value round-trip; whitespace and missing padding are fine.
  const binary = Array.from({ length: 256 }, (_, index) => String.fromCharCode(index)).join("");
  const result = await web.run<[string, boolean, string, string]>(`
    const binary = ${JSON.stringify(binary)};
    const encoded = btoa(binary);
    return [encoded, atob(encoded) === binary, atob(" aGV s\\nbG8 "), atob("aGk")];
  `);
  assert.equal(result[0], Buffer.from(binary, "latin1").toString("base64"));
  assert.equal(result[1], true);
  assert.equal(result[2], "hello");
  assert.equal(result[3], "hi");
});

test("bad base64 input and non-Latin-1 btoa input throw InvalidCharacterError DOMExceptions", async () => {
  // Wrong length, characters outside the alphabet, misplaced padding, and "✓" for btoa.
  const result = await web.run(`
    return [await errorOf(() => atob("abcde")), await errorOf(() => atob("ab!c")), await errorOf(() => atob("a=bc")), await errorOf(() => btoa("✓"))];
  `) as { name: string; code: number; isDOMException: boolean }[];
  for (const error of result) {
    assert.equal(error.name, "InvalidCharacterError");
    assert.equal(error.code, 5);
    assert.equal(error.isDOMException, true);
  }
});
