import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { Sha256, compareUtf8, hash32, sha256Hex, sha256HexOfString, utf8ByteLength, utf8Encode } from "./hash.ts";

test("sha256 matches the FIPS 180-4 vectors", () => {
  // Checks the published digests of "", "abc" and the two-block 448-bit message.
  assert.equal(sha256HexOfString(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  assert.equal(sha256HexOfString("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  assert.equal(
    sha256HexOfString("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
  );
});

test("sha256 agrees with node:crypto at every length around the block boundaries", () => {
  // Checks lengths 0..200 (padding into one or two extra blocks) and a multi-byte UTF-8 string.
  const bytes = new Uint8Array(200).map((_, i) => (i * 37 + 11) & 0xff);
  for (let n = 0; n <= 200; n++) {
    const part = bytes.subarray(0, n);
    assert.equal(sha256Hex(part), createHash("sha256").update(part).digest("hex"), `length ${n}`);
  }
  const text = "héllo wörld ✓ 𝄞 edge";
  assert.equal(sha256HexOfString(text), createHash("sha256").update(text, "utf8").digest("hex"));
});

test("incremental updates in uneven chunks give the one-shot digest", () => {
  // Checks that splitting the input at arbitrary points (inside and across blocks) changes nothing.
  const bytes = new Uint8Array(1000).map((_, i) => (i * 7) & 0xff);
  const chunked = new Sha256();
  for (let at = 0, size = 1; at < bytes.length; at += size, size = (size * 3 + 1) % 150) {
    chunked.update(bytes.subarray(at, at + size));
  }
  assert.equal(chunked.digestHex(), sha256Hex(bytes));
});

test("utf8Encode matches TextEncoder, including surrogate pairs and lone surrogates", () => {
  // Checks ASCII, 2-, 3- and 4-byte sequences and that a lone surrogate becomes U+FFFD.
  for (const s of ["", "abc", "é", "€", "𝄞", "a\ud800b", "\udc00", "mixed é€𝄞 end"]) {
    assert.deepEqual(utf8Encode(s), new TextEncoder().encode(s), JSON.stringify(s));
    assert.equal(utf8ByteLength(s), new TextEncoder().encode(s).length);
  }
});

test("compareUtf8 orders strings by their UTF-8 bytes", () => {
  // Checks the case plain `<` gets wrong: U+FFFD sorts before U+1D11E in UTF-8.
  const keys = ["𝄞", "\ufffd", "b", "a", "ab", ""];
  const sorted = [...keys].sort(compareUtf8);
  const byBytes = [...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
  assert.deepEqual(sorted, byBytes);
  assert.deepEqual(sorted, ["", "a", "ab", "b", "\ufffd", "𝄞"]);
});

test("hash32 is deterministic, unsigned and spreads neighbouring names", () => {
  // Checks range and that 4096 near-identical strings fill 16 buckets evenly (within ±25%).
  assert.equal(hash32("us-east#1"), hash32("us-east#1"));
  const buckets = new Array<number>(16).fill(0);
  for (let i = 0; i < 4096; i++) {
    const h = hash32(`region#${i}`);
    assert.ok(Number.isInteger(h) && h >= 0 && h < 2 ** 32);
    buckets[h >>> 28]!++;
  }
  for (const count of buckets) assert.ok(count > 192 && count < 320, `bucket ${count}`);
});
