// Headers inside a real isolate: case-insensitivity, joining, Set-Cookie, sorted iteration,
// the three init forms, validation errors and immutability.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createWebIsolate, type WebIsolate } from "./test-harness.mts";

let web: WebIsolate;
before(async () => { web = await createWebIsolate(); });
after(() => web.dispose());

test("append joins repeated names with a comma and names are lower-cased", async () => {
  // Two appends under different cases must land on one lower-case name, joined with ", ".
  const result = await web.run(`
    const h = new Headers();
    h.append("Accept", "text/html");
    h.append("ACCEPT", "application/json");
    return { value: h.get("accept"), has: h.has("AcCePt"), keys: [...h.keys()] };
  `);
  assert.deepEqual(result, { value: "text/html, application/json", has: true, keys: ["accept"] });
});

test("iteration is sorted by name and set-cookie values stay separate", async () => {
  // Insertion order z, Set-Cookie, a, set-cookie must come out as a, set-cookie, set-cookie, z.
  const result = await web.run(`
    const h = new Headers();
    h.append("z-last", "1");
    h.append("Set-Cookie", "a=1; Path=/");
    h.append("a-first", "2");
    h.append("set-cookie", "b=2, c");
    const viaForEach = [];
    h.forEach((value, name) => viaForEach.push(name + "=" + value));
    return { entries: [...h], values: [...h.values()], cookies: h.getSetCookie(), joined: h.get("set-cookie"), viaForEach };
  `);
  assert.deepEqual(result, {
    entries: [["a-first", "2"], ["set-cookie", "a=1; Path=/"], ["set-cookie", "b=2, c"], ["z-last", "1"]],
    values: ["2", "a=1; Path=/", "b=2, c", "1"],
    cookies: ["a=1; Path=/", "b=2, c"],
    joined: "a=1; Path=/, b=2, c",
    viaForEach: ["a-first=2", "set-cookie=a=1; Path=/", "set-cookie=b=2, c", "z-last=1"],
  });
});

test("constructs from a record, an array of pairs and another Headers", async () => {
  // All three HeadersInit forms give the same entries; copying is a snapshot, not a view.
  const result = await web.run(`
    const fromRecord = new Headers({ "X-A": "1", "x-b": " 2\\t" });
    const fromPairs = new Headers([["X-A", "1"], ["x-b", "2"]]);
    const copy = new Headers(fromRecord);
    fromRecord.set("x-a", "changed");
    return { record: [...new Headers({ "X-A": "1", "x-b": " 2\\t" })], pairs: [...fromPairs], copy: [...copy] };
  `);
  const expected = [["x-a", "1"], ["x-b", "2"]];
  assert.deepEqual(result, { record: expected, pairs: expected, copy: expected });
});

test("set replaces, delete removes every value, get of a missing name is null", async () => {
  // set() must drop both earlier values; delete() must remove all Set-Cookie values at once.
  const result = await web.run(`
    const h = new Headers([["a", "1"], ["a", "2"], ["set-cookie", "x"], ["set-cookie", "y"]]);
    h.set("A", "3");
    h.delete("Set-Cookie");
    return { a: h.get("a"), cookies: h.getSetCookie(), missing: h.get("nope"), entries: [...h] };
  `);
  assert.deepEqual(result, { a: "3", cookies: [], missing: null, entries: [["a", "3"]] });
});

test("invalid names, values and pairs throw TypeErrors that say what is wrong", async () => {
  // Each bad input must throw a TypeError whose message names the problem.
  const result = await web.run(`
    return {
      emptyName: await errorOf(() => new Headers().append("", "x")),
      spaceName: await errorOf(() => new Headers({ "bad name": "x" })),
      newline: await errorOf(() => new Headers().set("x", "a\\nb")),
      nonLatin1: await errorOf(() => new Headers().set("x", "✓")),
      badPair: await errorOf(() => new Headers([["only-name"]])),
    };
  `) as Record<string, { type: string; message: string }>;
  assert.equal(result.emptyName!.type, "TypeError");
  assert.match(result.emptyName!.message, /Invalid header name: ""/);
  assert.match(result.spaceName!.message, /Invalid header name: "bad name"/);
  assert.equal(result.newline!.type, "TypeError");
  assert.match(result.newline!.message, /Invalid header value for "x"/);
  assert.match(result.nonLatin1!.message, /Invalid header value/);
  assert.match(result.badPair!.message, /exactly \[name, value\]/);
});

test("headers of a redirect response are immutable", async () => {
  // Response.redirect's headers have the immutable guard, as in the Workers runtime.
  const result = await web.run(`
    const r = Response.redirect("https://example.com/next", 301);
    return [await errorOf(() => r.headers.set("x", "1")), r.headers.get("location")];
  `) as [{ type: string; message: string }, string];
  assert.equal(result[0].type, "TypeError");
  assert.equal(result[0].message, "Can't modify immutable headers.");
  assert.equal(result[1], "https://example.com/next");
});

test("iterating while mutating walks the snapshot taken at the start", async () => {
  // Deleting during for-of must neither skip nor repeat entries.
  const result = await web.run(`
    const h = new Headers({ a: "1", b: "2", c: "3" });
    const seen = [];
    for (const [name] of h) { seen.push(name); h.delete(name); }
    return { seen, left: [...h] };
  `);
  assert.deepEqual(result, { seen: ["a", "b", "c"], left: [] });
});
