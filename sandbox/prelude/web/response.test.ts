// Response inside a real isolate: body kinds and their content types, single-use bodies,
// clone, status validation, Response.json, Response.redirect and Response.error.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createWebIsolate, type WebIsolate } from "./test-harness.mts";

let web: WebIsolate;
before(async () => { web = await createWebIsolate(); });
after(() => web.dispose());

test("string, buffer, view and null bodies read back with the right content type", async () => {
  // Strings default to text/plain;charset=UTF-8; bytes get no content type; null reads as "".
  const result = await web.run(`
    const bytes = new Uint8Array([104, 105, 33]);
    const fromString = new Response("héllo ✓");
    const fromBuffer = new Response(bytes.buffer);
    const fromView = new Response(new DataView(bytes.buffer, 1, 2));
    const empty = new Response(null);
    return {
      stringType: fromString.headers.get("content-type"),
      text: await fromString.text(),
      bufferType: fromBuffer.headers.get("content-type"),
      bufferBytes: [...await fromBuffer.bytes()],
      viewText: await fromView.text(),
      emptyText: await empty.text(),
      emptyBody: empty.body,
      emptyUsed: empty.bodyUsed,
    };
  `);
  assert.deepEqual(result, {
    stringType: "text/plain;charset=UTF-8",
    text: "héllo ✓",
    bufferType: null,
    bufferBytes: [104, 105, 33],
    viewText: "i!",
    emptyText: "",
    emptyBody: null,
    emptyUsed: false,
  });
});

test("the body is copied at construction, so later writes to the buffer do not leak in", async () => {
  // Mutating the source array after new Response(array) must not change the body.
  const result = await web.run(`
    const bytes = new Uint8Array([1, 2, 3]);
    const r = new Response(bytes);
    bytes[0] = 99;
    const read = await r.arrayBuffer();
    return { isBuffer: read instanceof ArrayBuffer, bytes: [...new Uint8Array(read)] };
  `);
  assert.deepEqual(result, { isBuffer: true, bytes: [1, 2, 3] });
});

test("a body can be read once: bodyUsed flips and a second read rejects with TypeError", async () => {
  // json() then text() must reject; clone() after use must throw.
  const result = await web.run(`
    const r = new Response('{"a":[1,2]}');
    const before = r.bodyUsed;
    const value = await r.json();
    return { before, after: r.bodyUsed, value, second: await errorOf(() => r.text()), clone: await errorOf(() => r.clone()) };
  `) as { before: boolean; after: boolean; value: unknown; second: { type: string; message: string }; clone: { type: string } };
  assert.equal(result.before, false);
  assert.equal(result.after, true);
  assert.deepEqual(result.value, { a: [1, 2] });
  assert.equal(result.second.type, "TypeError");
  assert.match(result.second.message, /Body has already been used/);
  assert.equal(result.clone.type, "TypeError");
});

test("clone gives two independently readable bodies and copies the headers", async () => {
  // Reading the clone must leave the original readable; header edits must not cross over.
  const result = await web.run(`
    const original = new Response("twice", { status: 201, statusText: "Created", headers: { "x-a": "1" } });
    const copy = original.clone();
    copy.headers.set("x-a", "2");
    return { copy: await copy.text(), original: await original.text(), status: copy.status, statusText: copy.statusText, headers: [original.headers.get("x-a"), copy.headers.get("x-a")] };
  `);
  assert.deepEqual(result, { copy: "twice", original: "twice", status: 201, statusText: "Created", headers: ["1", "2"] });
});

test("status outside 200..599 is a RangeError; ok follows 2xx; null-body statuses refuse bodies", async () => {
  // 199 and 600 throw RangeError, 404 is not ok, 204 with a body throws TypeError.
  const result = await web.run(`
    return {
      low: await errorOf(() => new Response("x", { status: 199 })),
      high: await errorOf(() => new Response("x", { status: 600 })),
      notFound: new Response("x", { status: 404 }).ok,
      created: new Response("x", { status: 201 }).ok,
      noContent: await errorOf(() => new Response("x", { status: 204 })),
      noContentEmpty: new Response(null, { status: 204 }).status,
      badText: await errorOf(() => new Response("x", { statusText: "a\\r\\nb" })),
    };
  `) as Record<string, { type: string; message: string } | boolean | number>;
  assert.equal((result.low as { type: string }).type, "RangeError");
  assert.match((result.high as { message: string }).message, /200 to 599/);
  assert.equal(result.notFound, false);
  assert.equal(result.created, true);
  assert.equal((result.noContent as { type: string }).type, "TypeError");
  assert.equal(result.noContentEmpty, 204);
  assert.equal((result.badText as { type: string }).type, "TypeError");
});

test("Response.json serializes the value and sets application/json unless given", async () => {
  // The default content type is application/json; an explicit one wins; init status is kept.
  const result = await web.run(`
    const plain = Response.json({ ok: true, n: [1] }, { status: 202 });
    const custom = Response.json("x", { headers: { "Content-Type": "application/vnd.api+json" } });
    return { type: plain.headers.get("content-type"), status: plain.status, body: await plain.text(), custom: custom.headers.get("content-type"), undefinedValue: await errorOf(() => Response.json(undefined)) };
  `) as Record<string, unknown>;
  assert.equal(result.type, "application/json");
  assert.equal(result.status, 202);
  assert.equal(result.body, '{"ok":true,"n":[1]}');
  assert.equal(result.custom, "application/vnd.api+json");
  assert.equal((result.undefinedValue as { type: string }).type, "TypeError");
});

test("Response.redirect sets status and an absolute Location; bad status is a RangeError", async () => {
  // Default 302, explicit 307, the URL normalized by the parser; 200 and relative URLs throw.
  const result = await web.run(`
    const found = Response.redirect("https://Example.com/a/../b");
    const temporary = Response.redirect("https://example.com/x", 307);
    return {
      found: [found.status, found.headers.get("location"), found.body],
      temporary: [temporary.status, temporary.headers.get("location")],
      badStatus: await errorOf(() => Response.redirect("https://example.com/", 200)),
      relative: await errorOf(() => Response.redirect("/login")),
    };
  `) as Record<string, unknown>;
  assert.deepEqual(result.found, [302, "https://example.com/b", null]);
  assert.deepEqual(result.temporary, [307, "https://example.com/x"]);
  assert.equal((result.badStatus as { type: string }).type, "RangeError");
  assert.equal((result.relative as { type: string }).type, "TypeError");
});

test("Response.error has type error and status 0", async () => {
  // The network-error response is the one Response allowed outside 200..599.
  const result = await web.run(`const r = Response.error(); return [r.type, r.status, r.ok, new Response().type];`);
  assert.deepEqual(result, ["error", 0, false, "default"]);
});

test("body is a ReadableStream: reading it uses the body, and it can feed a new Response", async () => {
  // getReader().read() yields the bytes as one chunk; new Response(other.body) takes the stream over.
  const result = await web.run(`
    const a = new Response("stream me");
    const reader = a.body.getReader();
    const first = await reader.read();
    const second = await reader.read();
    reader.releaseLock();
    const b = new Response("pass through");
    const c = new Response(b.body, { headers: { "x-copied": "1" } });
    const chunks = [];
    for await (const chunk of new Response("iterate").body) chunks.push(new TextDecoder().decode(chunk));
    return {
      first: new TextDecoder().decode(first.value), firstDone: first.done, secondDone: second.done,
      aUsed: a.bodyUsed, aText: await errorOf(() => a.text()),
      bUsedBefore: b.bodyUsed, cText: await c.text(), bUsed: b.bodyUsed, chunks, isStream: a.body instanceof ReadableStream,
      locked: await errorOf(() => { const r = new Response("x"); r.body.getReader(); return r.text(); }),
    };
  `) as Record<string, unknown>;
  assert.equal(result.first, "stream me");
  assert.equal(result.firstDone, false);
  assert.equal(result.secondDone, true);
  assert.equal(result.aUsed, true);
  assert.equal((result.aText as { type: string }).type, "TypeError");
  // As in workerd: handing the stream to c does not use b's body; c reading it does.
  assert.equal(result.bUsedBefore, false);
  assert.equal(result.bUsed, true);
  assert.equal(result.isStream, true);
  assert.equal(result.cText, "pass through");
  assert.deepEqual(result.chunks, ["iterate"]);
  assert.match((result.locked as { message: string }).message, /locked/);
});
