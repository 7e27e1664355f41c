// The Cache API's storage policy, rule by rule: what is kept, for how long, with which headers.
// Each case puts one response at a fixed virtual time and reads the verdict.
import assert from "node:assert/strict";
import { test } from "node:test";
import { cachePolicy, httpDate, notModified, parseCacheControl } from "./policy.ts";

const nowMs = Date.UTC(2026, 0, 1);
const policy = (status: number, headers: [string, string][], request: [string, string][] = []) => cachePolicy(request, status, headers, nowMs, 10);

test("max-age, s-maxage (which wins) and Expires set the lifetime", () => {
  assert.equal(policy(200, [["cache-control", "max-age=60"]]).ttlMs, 60_000);
  assert.equal(policy(200, [["cache-control", "s-maxage=10, max-age=0"]]).ttlMs, 10_000);
  assert.equal(policy(200, [["date", new Date(nowMs).toUTCString()], ["expires", new Date(nowMs + 30_000).toUTCString()]]).ttlMs, 30_000);
  assert.equal(policy(200, [["expires", "not a date"]]).ttlMs, 0);
  assert.equal(policy(200, [["cache-control", "max-age=60"], ["age", "20"]]).ttlMs, 40_000, "an Age already spent counts against it");
  assert.equal(policy(200, [["cache-control", "max-age=60, stale-while-revalidate=30"]]).ttlMs, 90_000);
});

test("no explicit lifetime: kept for a status cacheable by default, but expired at once", () => {
  const plain = policy(200, []);
  assert.deepEqual([plain.storable, plain.ttlMs], [true, 0]);
  assert.equal(policy(302, []).storable, false, "302 needs an explicit lifetime");
  assert.equal(policy(302, [["cache-control", "max-age=5"]]).ttlMs, 5000);
  assert.equal(policy(200, [["last-modified", new Date(nowMs - 100_000).toUTCString()]]).ttlMs, 10_000, "10% of the time since Last-Modified");
});

test("no-store, private, Set-Cookie, Authorization and odd statuses are not kept", () => {
  assert.equal(policy(200, [["cache-control", "no-store, max-age=60"]]).reason, "Cache-Control: no-store");
  assert.equal(policy(200, [["cache-control", "private, max-age=60"]]).reason, "Cache-Control: private");
  assert.equal(policy(200, [["set-cookie", "a=1"], ["cache-control", "max-age=60"]]).reason, "the response has Set-Cookie");
  assert.equal(policy(500, [["cache-control", "max-age=60"]]).storable, false);
  assert.equal(policy(200, [["cache-control", "max-age=60"]], [["authorization", "x"]]).storable, false);
  assert.equal(policy(200, [["cache-control", "public, max-age=60"]], [["authorization", "x"]]).storable, true);
  assert.equal(policy(200, [["cache-control", "no-cache, max-age=100"]]).ttlMs, 0, "no-cache: kept, but stale at once");
});

test("private=Set-Cookie keeps the response without its cookie", () => {
  const kept = policy(200, [["set-cookie", "a=1"], ["cache-control", "private=Set-Cookie, max-age=60"]]);
  assert.equal(kept.storable, true);
  assert.equal(kept.headers.some(([n]) => n === "set-cookie"), false);
  assert.deepEqual(kept.headers.find(([n]) => n === "cache-control"), ["cache-control", ", max-age=60"]);
});

test("stored headers drop hop-by-hop fields and gain Age and the put's Date", () => {
  const { headers } = policy(200, [["connection", "close"], ["x-a", "1"], ["cache-control", "max-age=1"]]);
  assert.deepEqual(headers, [["x-a", "1"], ["cache-control", "max-age=1"], ["age", "0"], ["date", "Thu, 01 Jan 2026 00:00:00 GMT"]]);
});

test("a body over cacheObjectBytesMax is not kept, and the reason names the limit", () => {
  assert.match(cachePolicy([], 200, [["cache-control", "max-age=60"]], nowMs, 600 * 1024 * 1024).reason ?? "", /cacheObjectBytesMax/);
});

test("Cache-Control parses names case-insensitively and unquotes values", () => {
  assert.deepEqual(parseCacheControl('Max-Age="5", no-store'), { "max-age": "5", "no-store": true });
});

test("a conditional match is not modified for a matching ETag or a later If-Modified-Since", () => {
  assert.equal(notModified([["if-none-match", '"a", W/"b"']], [["etag", '"b"']]), true);
  assert.equal(notModified([["if-none-match", '"c"']], [["etag", '"b"']]), false);
  assert.equal(notModified([["if-modified-since", "Thu, 01 Jan 2026 00:00:00 GMT"]], [["last-modified", "Wed, 31 Dec 2025 00:00:00 GMT"]]), true);
});

test("httpDate formats virtual time as the HTTP date Date#toUTCString gives, across leap years and centuries", () => {
  for (let i = 0; i < 5000; i++) {
    const ms = i * 86_400_000 * 11 + i * 7919;
    assert.equal(httpDate(ms), new Date(ms).toUTCString());
  }
});
