// Seeded combinations of tricky URL parts, for the tests of the canonical-URL fast paths
// (canonical-url.test.ts, url-fast-record.test.ts): about 40% canonical, the rest one or two
// parts away from canonical, which the fast paths must refuse.

export const seed = 20240611;
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
export const knownSlow = ["https://Example.com/", "https://example.com", "https://example.com:443/", "https://example.com/a/../b", "https://1.2.3.4/", "https://a.99/", "https://example.com/a b"];

/** mulberry32: a tiny seeded PRNG, so a failure reproduces with the printed seed. */
function prng(state: number): () => number {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function canonicalUrlSamples(): string[] {
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

