// The canonical-URL fast path (canonical-url.ts) lets Request skip the URL chunk only for
// inputs the WHATWG parser would return unchanged. This checks that claim against whatwg-url
// on seeded combinations of tricky URL parts: every input the fast path accepted (observable
// as a Request that succeeds in an isolate without the URL chunk) must serialize to itself.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createWebIsolate } from "./test-harness.mts";

const seed = 20240611;
const sampleCount = 3000;
/** Per part, values in canonical form and values the parser would change or reject. */
const parts: Record<string, { good: string[]; bad: string[] }> = {
  scheme: { good: ["http://", "https://"], bad: ["HTTP://", "ftp://", "https:/", "https:\\\\"] },
  host: {
    good: ["example.com", "a.b.c", "localhost", "a-b.x1", "w3.org"],
    bad: ["Example.com", "xn--nxasmq6b.com", "1.2.3.4", "a.0x10", "a.99", "a..b", "a.", "-a.com", "exa_mple.com", "ex ample.com", "ü.com", "user@a.com", "a.com:"],
  },
  port: { good: ["", ":8080", ":65535", ":1"], bad: [":80", ":443", ":08080", ":65536", ":0", ":"] },
  path: {
    good: ["/", "/a/b", "/a%20b", "/a|b", "/~user/", "/a;b=c", "/a%zz", "/a.b/..c", "/.well-known/x"],
    bad: ["", "/a/./b", "/a/../b", "/%2e/", "/a/%2E%2e", "/a b", "/a\"b", "/a<b", "/a^b", "/a`b", "/a{b}", "/.", "/..", "/a\\b", "/é", "/a\tb"],
  },
  query: { good: ["", "?", "?a=1", "?a=%zz", "?a=1&b=/c?d", "?a`b{}"], bad: ["?a b", "?a'b", "?a\"b", "?é"] },
  fragment: { good: ["", "#", "#x", "#a#b", "#a?b", "#a'b"], bad: ["#a b", "#a`b", "#é"] },
};
/** Inputs that must never take the fast path. */
const knownSlow = ["https://Example.com/", "https://example.com", "https://example.com:443/", "https://example.com/a/../b", "https://1.2.3.4/", "https://a.99/", "https://example.com/a b"];

/** mulberry32: a tiny seeded PRNG, so a failure reproduces with the printed seed. */
function prng(state: number): () => number {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function samples(): string[] {
  const next = prng(seed);
  // Each part is canonical with probability 0.85, so about 40% of samples are canonical overall
  // and the rest differ from one in one or two parts: the cases the fast path must refuse.
  const pick = ({ good, bad }: { good: string[]; bad: string[] }) => {
    const list = next() < 0.85 ? good : bad;
    return list[Math.floor(next() * list.length)]!;
  };
  const inputs = new Set<string>(knownSlow);
  while (inputs.size < sampleCount) {
    inputs.add(pick(parts.scheme!) + pick(parts.host!) + pick(parts.port!) + pick(parts.path!) + pick(parts.query!) + pick(parts.fragment!));
  }
  return [...inputs];
}

test(`every URL the fast path accepts serializes to itself (seed=${seed})`, async () => {
  const inputs = samples();
  const withoutUrl = await createWebIsolate({ lazyChunks: false });
  const withUrl = await createWebIsolate();
  try {
    const accepted = await withoutUrl.run<string[]>(`
      const inputs = ${JSON.stringify(inputs)};
      return inputs.filter((input) => { try { return new Request(input).url === input; } catch { return false; } });
    `);
    assert.deepEqual(withoutUrl.chunkRequests, [], "the fast path must not load the URL chunk");
    const hrefs = await withUrl.run<(string | null)[]>(`
      return ${JSON.stringify(accepted)}.map((input) => { try { return new URL(input).href; } catch { return null; } });
    `);
    const mismatches = accepted.filter((input, index) => hrefs[index] !== input);
    assert.deepEqual(mismatches, [], `reproduce with seed=${seed}`);
    // Guard against a vacuous pass: many inputs must take the fast path, and known
    // non-canonical ones must not.
    assert.ok(accepted.length > 500, `only ${accepted.length} inputs took the fast path`);
    assert.deepEqual(knownSlow.filter((input) => accepted.includes(input)), []);
  } finally {
    withoutUrl.dispose();
    withUrl.dispose();
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
