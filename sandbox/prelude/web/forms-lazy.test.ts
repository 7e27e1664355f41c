// Blob, File and FormData (the "forms" chunk) inside a real isolate: construction and slicing,
// FormData bodies in multipart form with a seeded boundary, and formData() parsing of both
// form encodings, including the errors workerd gives.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createWebIsolate } from "./test-harness.mts";

test("Blob concatenates parts, lower-cases an ASCII type and slices with negative indices", async () => {
  const web = await createWebIsolate();
  try {
    const result = await web.run(`
      const source = new Uint8Array([120]);
      const blob = new Blob(["a", source, new Blob(["€"])], { type: "Text/HTML" });
      source[0] = 0;
      return { size: blob.size, type: blob.type, text: await blob.text(), tail: await blob.slice(-3).text(), mid: await blob.slice(1, 2).text(), badType: new Blob([], { type: "é" }).type, notIterable: await errorOf(() => new Blob("abc")) };
    `) as Record<string, unknown>;
    assert.equal(result.size, 5);
    assert.equal(result.type, "text/html");
    assert.equal(result.text, "ax€");
    assert.equal(result.tail, "€");
    assert.equal(result.mid, "x");
    assert.equal(result.badType, "");
    assert.equal((result.notIterable as { name: string }).name, "TypeError");
  } finally {
    web.dispose();
  }
});

test("a FormData body is multipart with a boundary from the seeded source and parses back", async () => {
  const first = await createWebIsolate({ seed: 7 });
  const second = await createWebIsolate({ seed: 7 });
  const program = `
    const form = new FormData(); form.append("name", "Ada \\"L\\""); form.append("q\\"k", "v"); form.append("doc", new File(["<p>"], "a.html", { type: "text/html" }));
    const request = new Request("https://a.com/", { method: "POST", body: form });
    const type = request.headers.get("content-type");
    const raw = await request.clone().text();
    const parsed = await request.formData();
    const doc = parsed.get("doc");
    return { type, raw, name: parsed.get("name"), doc: [doc.name, doc.type, await doc.text()] };
  `;
  try {
    const a = await first.run(program) as { type: string; raw: string; name: string; doc: string[] };
    const b = await second.run(program) as typeof a;
    assert.match(a.type, /^multipart\/form-data; boundary=/);
    assert.equal(a.type, b.type, "the same seed gives the same boundary");
    assert.match(a.raw, /Content-Disposition: form-data; name="name"\r\n\r\nAda "L"\r\n/);
    assert.match(a.raw, /name="q%22k"/, "a quote in a name is escaped as workerd does");
    assert.equal(a.name, 'Ada "L"');
    assert.deepEqual(a.doc, ["a.html", "text/html", "<p>"]);
  } finally {
    first.dispose();
    second.dispose();
  }
});

test("formData() parses urlencoded bodies and refuses other content types with workerd's message", async () => {
  const web = await createWebIsolate();
  try {
    const result = await web.run(`
      const form = await new Response("a=1&b=x+y&a=%C3%A9", { headers: { "content-type": "application/x-www-form-urlencoded;charset=UTF-8" } }).formData();
      return { entries: [...form], plain: await errorOf(() => new Response("a=1").formData()), noBoundary: await errorOf(() => new Response("x", { headers: { "content-type": "multipart/form-data" } }).formData()) };
    `) as Record<string, unknown>;
    assert.deepEqual(result.entries, [["a", "1"], ["b", "x y"], ["a", "é"]]);
    assert.match((result.plain as { message: string }).message, /^Unrecognized Content-Type header value/);
    assert.match((result.noBoundary as { message: string }).message, /boundary/);
  } finally {
    web.dispose();
  }
});

test("FormData set replaces the first entry and drops the rest; a Blob value becomes a File named blob", async () => {
  const web = await createWebIsolate();
  try {
    const result = await web.run(`
      const form = new FormData(); form.append("k", "1"); form.append("j", "2"); form.append("k", "3"); form.set("k", "4");
      form.append("b", new Blob(["x"]));
      const b = form.get("b");
      return { keys: [...form.keys()], k: form.getAll("k"), b: [b instanceof File, b.name], badAppend: await errorOf(() => form.append("x", "y", "name.txt")) };
    `) as Record<string, unknown>;
    assert.deepEqual(result.keys, ["k", "j", "b"]);
    assert.deepEqual(result.k, ["4"]);
    assert.deepEqual(result.b, [true, "blob"]);
    assert.equal((result.badAppend as { name: string }).name, "TypeError");
  } finally {
    web.dispose();
  }
});
