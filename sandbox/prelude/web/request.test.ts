// Request inside a real isolate: URL parsing and errors, method normalization, GET/HEAD
// bodies, copying with new Request(request, init), and clone.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createWebIsolate, type WebIsolate } from "./test-harness.mts";

let web: WebIsolate;
before(async () => { web = await createWebIsolate(); });
after(() => web.dispose());

test("the URL is parsed and serialized; a relative URL is a TypeError", async () => {
  // Non-canonical input is normalized by the URL parser; "/path" has no base in a worker.
  const result = await web.run(`
    return {
      normalized: new Request("HTTPS://Example.COM:443/a/./b/../c?q=1 2").url,
      fromUrl: new Request(new URL("https://example.com/x")).url,
      relative: await errorOf(() => new Request("/path")),
    };
  `) as Record<string, unknown>;
  assert.equal(result.normalized, "https://example.com/a/c?q=1%202");
  assert.equal(result.fromUrl, "https://example.com/x");
  assert.deepEqual(
    [(result.relative as { type: string }).type, (result.relative as { message: string }).message],
    ["TypeError", "Invalid URL: /path"],
  );
});

test("methods are upper-cased as in workerd and unknown methods throw", async () => {
  // "post" and "patch" normalize; GET is the default; "MKCALENDAR" and "bad method" throw.
  const result = await web.run(`
    return {
      post: new Request("https://a.com/", { method: "post" }).method,
      patch: new Request("https://a.com/", { method: "patch" }).method,
      defaultMethod: new Request("https://a.com/").method,
      unknown: await errorOf(() => new Request("https://a.com/", { method: "MKCALENDAR" })),
      token: await errorOf(() => new Request("https://a.com/", { method: "bad method" })),
    };
  `) as Record<string, unknown>;
  assert.equal(result.post, "POST");
  assert.equal(result.patch, "PATCH");
  assert.equal(result.defaultMethod, "GET");
  assert.equal((result.unknown as { message: string }).message, "Invalid HTTP method string: MKCALENDAR");
  assert.equal((result.token as { type: string }).type, "TypeError");
});

test("GET and HEAD requests cannot have a body", async () => {
  // A body with GET or HEAD throws; a null body is fine.
  const result = await web.run(`
    return {
      get: await errorOf(() => new Request("https://a.com/", { body: "x" })),
      head: await errorOf(() => new Request("https://a.com/", { method: "HEAD", body: "x" })),
      nullBody: new Request("https://a.com/", { body: null }).body,
    };
  `) as Record<string, unknown>;
  assert.match((result.get as { message: string }).message, /GET or HEAD method cannot have a body/);
  assert.equal((result.head as { type: string }).type, "TypeError");
  assert.equal(result.nullBody, null);
});

test("a POST body sets content-type and reads back; URLSearchParams bodies are forms", async () => {
  // String bodies get text/plain; URLSearchParams get the urlencoded type and a+b encoding.
  const result = await web.run(`
    const text = new Request("https://a.com/", { method: "POST", body: "hi" });
    const form = new Request("https://a.com/", { method: "POST", body: new URLSearchParams({ q: "a b", x: "é" }) });
    return [text.headers.get("content-type"), await text.text(), form.headers.get("content-type"), await form.text()];
  `);
  assert.deepEqual(result, ["text/plain;charset=UTF-8", "hi", "application/x-www-form-urlencoded;charset=UTF-8", "q=a+b&x=%C3%A9"]);
});

test("new Request(request, init) copies fields, overrides from init, and takes over the body", async () => {
  // The copy has the new method and headers; the original's body reads as used afterwards.
  const result = await web.run(`
    const original = new Request("https://a.com/x", { method: "PUT", headers: { "x-a": "1" }, body: "payload" });
    const copy = new Request(original, { headers: { "x-b": "2" } });
    const sameHeaders = new Request(new Request("https://a.com/", { headers: { "x-c": "3" } }));
    return {
      method: copy.method, url: copy.url, headers: [...copy.headers], body: await copy.text(),
      originalUsed: original.bodyUsed, again: await errorOf(() => new Request(original)),
      copiedHeaders: [...sameHeaders.headers],
    };
  `) as Record<string, unknown>;
  assert.equal(result.method, "PUT");
  assert.equal(result.url, "https://a.com/x");
  assert.deepEqual(result.headers, [["x-b", "2"]]);
  assert.equal(result.body, "payload");
  assert.equal(result.originalUsed, true);
  assert.equal((result.again as { type: string }).type, "TypeError");
  assert.deepEqual(result.copiedHeaders, [["x-c", "3"]]);
});

test("clone copies everything and both bodies read independently", async () => {
  // Reading the clone leaves the original unread; redirect mode is carried over.
  const result = await web.run(`
    const r = new Request("https://a.com/", { method: "POST", body: "b", redirect: "manual" });
    const c = r.clone();
    return [await c.text(), r.bodyUsed, await r.text(), c.method, c.redirect, await errorOf(() => new Request("https://a.com/", { redirect: "sideways" }))];
  `) as unknown[];
  assert.deepEqual(result.slice(0, 5), ["b", false, "b", "POST", "manual"]);
  assert.equal((result[5] as { type: string }).type, "TypeError");
});
