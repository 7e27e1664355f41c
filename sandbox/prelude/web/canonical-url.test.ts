// The canonical-URL fast path (canonical-url.ts) lets Request skip the URL chunk only for
// inputs the WHATWG parser would return unchanged. This checks that claim against whatwg-url
// on seeded combinations of tricky URL parts: every input the fast path accepted (observable
// as a Request that succeeds in an isolate without the URL chunk) must serialize to itself.
// The reference is whatwg-url in Node, unpatched: inside the isolate, URL itself now takes a
// fast path built on the same scanner (url-fast-record.ts), so it cannot be the judge.
import assert from "node:assert/strict";
import { test } from "node:test";
import { URL as ReferenceURL } from "whatwg-url";
import { canonicalUrlSamples, knownSlow, seed } from "./canonical-url-samples.ts";
import { createWebIsolate } from "./test-harness.mts";

test(`every URL the fast path accepts serializes to itself (seed=${seed})`, async () => {
  const inputs = canonicalUrlSamples();
  const withoutUrl = await createWebIsolate({ lazyChunks: false });
  try {
    const accepted = await withoutUrl.run<string[]>(`
      const inputs = ${JSON.stringify(inputs)};
      return inputs.filter((input) => { try { return new Request(input).url === input; } catch { return false; } });
    `);
    assert.deepEqual(withoutUrl.chunkRequests, [], "the fast path must not load the URL chunk");
    const hrefs = accepted.map((input) => { try { return new ReferenceURL(input).href; } catch { return null; } });
    const mismatches = accepted.filter((input, index) => hrefs[index] !== input);
    assert.deepEqual(mismatches, [], `reproduce with seed=${seed}`);
    // Guard against a vacuous pass: many inputs must take the fast path, and known
    // non-canonical ones must not.
    assert.ok(accepted.length > 500, `only ${accepted.length} inputs took the fast path`);
    assert.deepEqual(knownSlow.filter((input) => accepted.includes(input)), []);
  } finally {
    withoutUrl.dispose();
  }
});

test("non-canonical URLs are parsed by the real parser, canonical ones are not", async () => {
  // Request must give the parser's answer for inputs the fast path refuses, loading the chunk.
  const web = await createWebIsolate();
  try {
    const fast = await web.run(`return new Request("https://api.example.com/v1/items?id=3#x").url;`);
    assert.equal(fast, "https://api.example.com/v1/items?id=3#x");
    assert.deepEqual(web.chunkRequests, []);
    const slow = await web.run(`return [new Request("https://Example.com").url, new Request("http://1.2.3/").url, new Request("https://a.com/%2e/b").url];`);
    assert.deepEqual(slow, ["https://example.com/", "http://1.2.0.3/", "https://a.com/b"]);
    assert.deepEqual(web.chunkRequests, ["url"]);
  } finally {
    web.dispose();
  }
});
