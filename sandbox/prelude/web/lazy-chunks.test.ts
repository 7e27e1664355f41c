// The lazy-chunk mechanism and URLPattern (the "urlpattern" chunk) inside a real isolate.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createWebIsolate } from "./test-harness.mts";

test("a lazy global loads its chunk on first read, once; assigning it first just stores the value", async () => {
  const web = await createWebIsolate();
  try {
    await web.run(`globalThis.Blob = "mine"; return null;`);
    assert.equal(await web.run(`return Blob;`), "mine");
    assert.deepEqual(web.chunkRequests, []);
    await web.run(`return [typeof File, typeof FormData, typeof File];`);
    assert.deepEqual(web.chunkRequests, ["forms"]);
    const descriptor = await web.run(`const d = Object.getOwnPropertyDescriptor(globalThis, "File"); return [typeof d.value, d.enumerable, d.writable];`);
    assert.deepEqual(descriptor, ["function", false, true]);
  } finally {
    web.dispose();
  }
});

test("without the runtime's chunks a lazy global throws a TypeError naming the chunk", async () => {
  const web = await createWebIsolate({ lazyChunks: false });
  try {
    const error = await web.run(`return errorOf(() => new ReadableStream());`) as { name: string; message: string };
    assert.equal(error.name, "TypeError");
    assert.match(error.message, /"streams" chunk/);
  } finally {
    web.dispose();
  }
});

test("URLPattern matches named groups, regexp groups and wildcards; an unmatched optional group is empty", async () => {
  const web = await createWebIsolate();
  try {
    const result = await web.run(`
      const users = new URLPattern({ pathname: "/users/:id/posts/:post?" });
      const books = new URLPattern("https://*.example.com/books/:id(\\\\d+)");
      return {
        groups: users.exec("https://e.com/users/42/posts").pathname.groups,
        books: [books.test("https://a.example.com/books/12"), books.test("https://a.example.com/books/x")],
        wild: new URLPattern({ pathname: "/f/*" }).exec("https://e.com/f/a/b").pathname.groups,
        bad: await errorOf(() => new URLPattern({ pathname: "/(" })),
      };
    `) as Record<string, unknown>;
    assert.deepEqual(result.groups, { id: "42", post: "" });
    assert.deepEqual(result.books, [true, false]);
    assert.deepEqual(result.wild, { 0: "a/b" });
    assert.equal((result.bad as { name: string }).name, "TypeError");
  } finally {
    web.dispose();
  }
});
