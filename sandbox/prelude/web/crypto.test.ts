// crypto inside a real isolate: getRandomValues (types, limit, same array, seeded source),
// randomUUID's v4 format, and subtle.digest against known SHA vectors.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createWebIsolate, type WebIsolate } from "./test-harness.mts";

let web: WebIsolate;
before(async () => { web = await createWebIsolate(); });
after(() => web.dispose());

test("getRandomValues fills integer arrays in place and returns the same array", async () => {
  // Uint32Array and a view with an offset are filled; the bytes around the view stay zero.
  const result = await web.run(`
    const words = new Uint32Array(4);
    const same = crypto.getRandomValues(words) === words;
    const buffer = new Uint8Array(8);
    crypto.getRandomValues(new Uint8Array(buffer.buffer, 2, 4));
    return { same, nonZero: words.some((w) => w !== 0), edges: [buffer[0], buffer[1], buffer[6], buffer[7]], middle: buffer.subarray(2, 6).some((b) => b !== 0) };
  `);
  assert.deepEqual(result, { same: true, nonZero: true, edges: [0, 0, 0, 0], middle: true });
});

test("getRandomValues rejects float arrays and anything over 65536 bytes", async () => {
  // 65536 bytes is allowed; 65537 is a QuotaExceededError; Float64Array a TypeMismatchError.
  const result = await web.run(`
    return {
      atLimit: crypto.getRandomValues(new Uint8Array(65536)).length,
      overLimit: await errorOf(() => crypto.getRandomValues(new Uint8Array(65537))),
      overLimitWords: await errorOf(() => crypto.getRandomValues(new Uint32Array(16385))),
      float: await errorOf(() => crypto.getRandomValues(new Float64Array(2))),
    };
  `) as Record<string, { name: string; code: number; message: string } | number>;
  assert.equal(result.atLimit, 65536);
  const over = result.overLimit as { name: string; code: number; message: string };
  assert.equal(over.name, "QuotaExceededError");
  assert.equal(over.code, 22);
  assert.match(over.message, /65536 bytes/);
  assert.equal((result.overLimitWords as { name: string }).name, "QuotaExceededError");
  assert.equal((result.float as { name: string }).name, "TypeMismatchError");
});

test("random values come from the injected source: same seed, same bytes", async () => {
  // Two isolates with the same seed agree; a different seed differs. Nothing else feeds it.
  const draw = `return [crypto.randomUUID(), [...crypto.getRandomValues(new Uint8Array(8))]];`;
  const a = await createWebIsolate({ seed: 7 });
  const b = await createWebIsolate({ seed: 7 });
  const c = await createWebIsolate({ seed: 8 });
  try {
    const [ra, rb, rc] = await Promise.all([a.run(draw), b.run(draw), c.run(draw)]);
    assert.deepEqual(ra, rb);
    assert.notDeepEqual(ra, rc);
  } finally {
    a.dispose();
    b.dispose();
    c.dispose();
  }
});

test("randomUUID returns distinct version 4 UUIDs", async () => {
  // Format xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx, lower-case, no repeats in 100.
  const uuids = await web.run<string[]>(`return Array.from({ length: 100 }, () => crypto.randomUUID());`);
  for (const uuid of uuids) assert.match(uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(new Set(uuids).size, 100);
});

test("subtle.digest gives the known SHA-1/256/384/512 digests of \"abc\"", async () => {
  // Algorithm names are case-insensitive and may be objects; the result is an ArrayBuffer.
  const result = await web.run<Record<string, string | boolean>>(`
    const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
    const data = new TextEncoder().encode("abc");
    const sha256 = await crypto.subtle.digest("SHA-256", data);
    return {
      isBuffer: sha256 instanceof ArrayBuffer,
      sha1: hex(await crypto.subtle.digest({ name: "sha-1" }, data)),
      sha256: hex(sha256),
      sha384: hex(await crypto.subtle.digest("Sha-384", data.buffer)),
      sha512: hex(await crypto.subtle.digest({ name: "SHA-512" }, new DataView(data.buffer))),
    };
  `);
  assert.deepEqual(result, {
    isBuffer: true,
    sha1: "a9993e364706816aba3e25717850c26c9cd0d89d",
    sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    sha384: "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
    sha512: "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
  });
});

test("unknown digest algorithms reject with NotSupportedError", async () => {
  // MD4 is neither Web Crypto nor one of workerd's extras (MD5 is); the promise rejects (it does not throw synchronously).
  const result = await web.run(`
    let threw = false; let promise;
    try { promise = crypto.subtle.digest("MD4", new Uint8Array(1)); } catch { threw = true; }
    return [threw, await errorOf(() => promise)];
  `) as [boolean, { name: string; code: number }];
  assert.equal(result[0], false);
  assert.equal(result[1].name, "NotSupportedError");
  assert.equal(result[1].code, 9);
});
