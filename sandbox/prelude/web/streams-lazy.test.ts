// Streams (the "streams" chunk) inside a real isolate: the globals load on first use, bodies
// given as streams are read chunk by chunk, TextEncoderStream/TextDecoderStream keep
// characters split across chunks whole, and the wire reads a stream body to its end.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createWebIsolate } from "./test-harness.mts";

test("the streams chunk loads only when a stream global or a body stream is first used", async () => {
  const web = await createWebIsolate();
  try {
    await web.run(`return await new Response("plain").text();`);
    assert.deepEqual(web.chunkRequests, []);
    assert.equal(await web.run(`return typeof new Response("x").body.getReader;`), "function");
    assert.deepEqual(web.chunkRequests, ["streams"]);
    assert.equal(await web.run(`return [typeof ReadableStream, typeof TextDecoderStream].join();`), "function,function");
    assert.deepEqual(web.chunkRequests, ["streams"]);
  } finally {
    web.dispose();
  }
});

test("a Response over a ReadableStream reads every chunk; non-byte chunks are refused", async () => {
  const web = await createWebIsolate();
  try {
    const result = await web.run(`
      const chunks = ["ab", "c", "€"].map((s) => new TextEncoder().encode(s));
      const stream = new ReadableStream({ pull(ctl) { const next = chunks.shift(); if (next) ctl.enqueue(next); else ctl.close(); } });
      const response = new Response(stream);
      const text = await response.text();
      const strings = await errorOf(() => new Response(new ReadableStream({ start(c) { c.enqueue("s"); c.close(); } })).text());
      const locked = new ReadableStream(); locked.getReader();
      return { text, used: response.bodyUsed, again: await errorOf(() => response.text()), strings, lockedInit: await errorOf(() => new Response(locked)) };
    `) as Record<string, { name?: string; message?: string } | string | boolean>;
    assert.equal(result.text, "abc€");
    assert.equal(result.used, true);
    assert.equal((result.again as { name: string }).name, "TypeError");
    assert.equal((result.strings as { message: string }).message, "This ReadableStream did not return bytes.");
    assert.match((result.lockedInit as { message: string }).message, /disturbed or locked/);
  } finally {
    web.dispose();
  }
});

test("clone() of a stream body tees it; both branches read the whole body", async () => {
  const web = await createWebIsolate();
  try {
    const result = await web.run(`
      const response = new Response(new ReadableStream({ start(c) { c.enqueue(new Uint8Array([104, 105])); c.close(); } }));
      const copy = response.clone();
      return [await response.text(), await copy.text()];
    `);
    assert.deepEqual(result, ["hi", "hi"]);
  } finally {
    web.dispose();
  }
});

test("TextDecoderStream keeps a character split across chunks whole; TextEncoderStream a split surrogate pair", async () => {
  const web = await createWebIsolate();
  try {
    const result = await web.run(`
      const bytes = new TextEncoder().encode("€");
      const split = new ReadableStream({ start(c) { c.enqueue(bytes.slice(0, 1)); c.enqueue(bytes.slice(1)); c.close(); } });
      const decoded = []; for await (const part of split.pipeThrough(new TextDecoderStream())) decoded.push(part);
      const pair = "𝄞";
      const strings = new ReadableStream({ start(c) { c.enqueue(pair[0]); c.enqueue(pair[1]); c.close(); } });
      const encoded = await new Response(strings.pipeThrough(new TextEncoderStream())).text();
      return { decoded, encoded, same: encoded === pair };
    `);
    assert.deepEqual(result, { decoded: ["€"], encoded: "𝄞", same: true });
  } finally {
    web.dispose();
  }
});

test("responseToWire and requestToWire read a stream body to its end", async () => {
  const web = await createWebIsolate();
  try {
    const result = await web.run(`
      const parts = ["one ", "two"].map((s) => new TextEncoder().encode(s));
      const body = () => new ReadableStream({ pull(c) { const p = parts.length ? parts.shift() : null; if (p) c.enqueue(p); else c.close(); } });
      const wire = await __web.responseToWire(new Response(body(), { status: 201 }));
      parts.push(...["x", "y"].map((s) => new TextEncoder().encode(s)));
      const request = new Request("https://a.com/", { method: "POST", body: body() });
      const hasStream = __web.requestHasStreamBody(request);
      const requestWire = await __web.requestToWire(request);
      return { status: wire.status, body: new TextDecoder().decode(wire.body), hasStream, requestBody: new TextDecoder().decode(requestWire.body), used: request.bodyUsed };
    `);
    assert.deepEqual(result, { status: 201, body: "one two", hasStream: true, requestBody: "xy", used: true });
  } finally {
    web.dispose();
  }
});
