// structuredClone inside a real isolate: Map, Set, Date, RegExp, buffers and views, errors,
// shared references and cycles, and DataCloneError for what cannot be cloned.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createWebIsolate, type WebIsolate } from "./test-harness.mts";

let web: WebIsolate;
before(async () => { web = await createWebIsolate(); });
after(() => web.dispose());

test("Map, Set, Date and RegExp are cloned deeply, not shared", async () => {
  // The copies must have the right types and values and be distinct objects.
  const result = await web.run(`
    const date = new Date(1700000000000);
    const source = { map: new Map([["k", { v: 1 }]]), set: new Set([1, "two"]), date, re: /a+b/gi, big: 10n, boxed: new String("s") };
    const copy = structuredClone(source);
    source.map.get("k").v = 2;
    return {
      mapValue: copy.map.get("k").v, isMap: copy.map instanceof Map, set: [...copy.set],
      date: copy.date instanceof Date && copy.date.getTime(), dateDistinct: copy.date !== date,
      re: [copy.re instanceof RegExp, copy.re.source, copy.re.flags], big: typeof copy.big, boxed: typeof copy.boxed + ":" + copy.boxed,
    };
  `);
  assert.deepEqual(result, {
    mapValue: 1, isMap: true, set: [1, "two"], date: 1700000000000, dateDistinct: true,
    re: [true, "a+b", "gi"], big: "bigint", boxed: "object:s",
  });
});

test("cycles and shared references keep their shape", async () => {
  // A self-cycle stays a cycle; two paths to one object stay one object; __proto__ keys stay keys.
  const result = await web.run(`
    const shared = { n: 1 };
    const a = { shared, again: shared, list: [shared] };
    a.self = a;
    const copy = structuredClone(a);
    const proto = structuredClone(JSON.parse('{"__proto__": {"x": 1}}'));
    return [copy.self === copy, copy.shared === copy.again, copy.list[0] === copy.shared, copy.shared !== shared, Object.keys(proto), Object.getPrototypeOf(proto) === Object.prototype];
  `);
  assert.deepEqual(result, [true, true, true, true, ["__proto__"], true]);
});

test("buffers and views are copied, and views over one buffer still share the copy", async () => {
  // Two views of one ArrayBuffer must come back as views of one new ArrayBuffer.
  const result = await web.run(`
    const buffer = new ArrayBuffer(8);
    const bytes = new Uint8Array(buffer);
    const words = new Uint16Array(buffer, 2, 2);
    bytes[2] = 7;
    const copy = structuredClone({ bytes, words, dv: new DataView(buffer, 4) });
    copy.bytes[3] = 1;
    return [copy.bytes.buffer === copy.words.buffer, copy.words[0], bytes[3], copy.words.byteOffset, copy.words.length, copy.dv instanceof DataView, copy.dv.byteOffset];
  `);
  assert.deepEqual(result, [true, 7 + 256, 0, 2, 2, true, 4]);
});

test("errors keep their type and message", async () => {
  // A RangeError comes back as a RangeError with the same message.
  const result = await web.run(`const e = structuredClone(new RangeError("too far")); return [e instanceof RangeError, e.name, e.message];`);
  assert.deepEqual(result, [true, "RangeError", "too far"]);
});

test("functions, symbols and promises throw DataCloneError", async () => {
  // Each uncloneable value throws a DOMException named DataCloneError with code 25.
  const result = await web.run(`
    return [await errorOf(() => structuredClone({ f() {} })), await errorOf(() => structuredClone(Symbol("s"))), await errorOf(() => structuredClone(Promise.resolve())), await errorOf(() => structuredClone())];
  `) as { name: string; code: number; isDOMException: boolean; type: string }[];
  for (const error of result.slice(0, 3)) {
    assert.equal(error.name, "DataCloneError");
    assert.equal(error.code, 25);
    assert.equal(error.isDOMException, true);
  }
  assert.equal(result[3]!.type, "TypeError");
});
