// URL and URLSearchParams (whatwg-url, loaded lazily) inside a real isolate: parsing,
// normalization, relative resolution, punycode hosts, searchParams and the lazy globals.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createWebIsolate } from "./test-harness.mts";

test("URL parses and normalizes as the WHATWG URL Standard says", async () => {
  // Case, default port, dot segments; relative resolution against a base; canParse.
  const web = await createWebIsolate();
  try {
    const result = await web.run(`
      const u = new URL("https://EXAMPLE.com:443/a/../b?x=1#h");
      return {
        href: u.href, port: u.port, host: u.host, pathname: u.pathname, search: u.search, hash: u.hash, origin: u.origin,
        relative: new URL("../c/d?e#f", "https://example.com/a/b/").href,
        canParse: [URL.canParse("https://x"), URL.canParse("nope"), URL.canParse("/p", "https://x.com")],
        invalid: await errorOf(() => new URL("not a url")),
        json: JSON.stringify({ u: new URL("http://a.com") }),
      };
    `) as Record<string, unknown>;
    assert.equal(result.href, "https://example.com/b?x=1#h");
    assert.equal(result.port, "");
    assert.equal(result.host, "example.com");
    assert.equal(result.pathname, "/b");
    assert.equal(result.search, "?x=1");
    assert.equal(result.hash, "#h");
    assert.equal(result.origin, "https://example.com");
    assert.equal(result.relative, "https://example.com/a/c/d?e#f");
    assert.deepEqual(result.canParse, [true, false, true]);
    assert.equal((result.invalid as { type: string }).type, "TypeError");
    assert.equal(result.json, '{"u":"http://a.com/"}');
  } finally {
    web.dispose();
  }
});

test("non-ASCII hosts become punycode, loading the idna chunk only then", async () => {
  // An ASCII host must not load "idna"; bücher.de must, and serialize as xn--bcher-kva.de.
  const web = await createWebIsolate();
  try {
    await web.run(`new URL("https://Plain.Example/"); return null;`);
    assert.deepEqual(web.chunkRequests, ["url"]);
    const result = await web.run(`return [new URL("https://Bücher.de/ü").href, new URL("https://xn--nxasmq6b.com/").host, URL.canParse("https://xn--a.com/")];`);
    assert.deepEqual(result, ["https://xn--bcher-kva.de/%C3%BC", "xn--nxasmq6b.com", false]);
    assert.deepEqual(web.chunkRequests, ["url", "idna"]);
  } finally {
    web.dispose();
  }
});

test("searchParams mutations update href; URLSearchParams sorts, appends and encodes", async () => {
  // set/append/delete on url.searchParams rewrite url.search; spaces encode as "+".
  const web = await createWebIsolate();
  try {
    const result = await web.run(`
      const u = new URL("https://a.com/p?b=2&a=1");
      u.searchParams.append("c d", "e&f");
      u.searchParams.delete("b");
      const p = new URLSearchParams("z=1&a=2&a=1");
      p.sort();
      p.append("sp ace", "a b");
      return { href: u.href, get: u.searchParams.get("c d"), sorted: p.toString(), all: p.getAll("a"), fromRecord: new URLSearchParams({ q: "a b" }).toString(), entries: [...new URLSearchParams("x=1&y=%20")] };
    `);
    assert.deepEqual(result, {
      href: "https://a.com/p?a=1&c+d=e%26f",
      get: "e&f",
      sorted: "a=2&a=1&z=1&sp+ace=a+b",
      all: ["2", "1"],
      fromRecord: "q=a+b",
      entries: [["x", "1"], ["y", " "]],
    });
  } finally {
    web.dispose();
  }
});

test("the lazy globals behave like plain builtins: typeof, instanceof, descriptors, assignment", async () => {
  // Before first use URL is an accessor; reading it loads the chunk once and leaves a
  // non-enumerable writable data property; instanceof works; an early assignment wins.
  const web = await createWebIsolate();
  try {
    const result = await web.run(`
      const before = Object.getOwnPropertyDescriptor(globalThis, "URL");
      const kind = typeof URL;
      const after = Object.getOwnPropertyDescriptor(globalThis, "URLSearchParams");
      return {
        beforeIsAccessor: typeof before.get === "function", kind,
        after: { data: "value" in after, enumerable: after.enumerable, writable: after.writable, configurable: after.configurable },
        isInstance: new URL("https://a.com") instanceof URL,
        paramsInstance: new URL("https://a.com").searchParams instanceof URLSearchParams,
        enumerable: Object.keys(globalThis).includes("URL"),
      };
    `);
    assert.deepEqual(result, {
      beforeIsAccessor: true,
      kind: "function",
      after: { data: true, enumerable: false, writable: true, configurable: true },
      isInstance: true,
      paramsInstance: true,
      enumerable: false,
    });
    assert.deepEqual(web.chunkRequests, ["url"]);
  } finally {
    web.dispose();
  }
  const early = await createWebIsolate();
  try {
    const result = await early.run(`URLSearchParams = 5; return [URLSearchParams, typeof URL];`);
    assert.deepEqual(result, [5, "function"]);
  } finally {
    early.dispose();
  }
});

test("without the lazy chunks, URL says it is unavailable but canonical Requests still work", async () => {
  // A runtime that did not wire lazySource gets a clear TypeError, not a crash, from URL.
  const web = await createWebIsolate({ lazyChunks: false });
  try {
    const result = await web.run(`return [await errorOf(() => new URL("https://a.com")), new Request("https://a.com/x?y=1").url];`) as [{ type: string; message: string }, string];
    assert.equal(result[0].type, "TypeError");
    assert.match(result[0].message, /lazy "url" chunk/);
    assert.equal(result[1], "https://a.com/x?y=1");
  } finally {
    web.dispose();
  }
});
