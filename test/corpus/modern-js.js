/*corpus
{ "requests": [
  { "path": "/", "status": 200, "json": {
    "grouped": { "fruit": ["apple", "pear"], "veg": ["leek"] }, "byLength": [[5, ["apple", "pear?"]]],
    "sorted": [1, 2, 3], "original": [3, 1, 2], "last": 2, "union": [1, 2, 3, 4], "intersection": [2, 3], "subset": true,
    "resolved": "done", "fromAsync": [1, 2, 3], "iterator": [20, 40], "hex": "68656c6c6f", "b64": "aGVsbG8=", "fromHex": "hello", "tried": "ok" } }
] }
*/
const items = [
  { name: "apple", kind: "fruit" },
  { name: "leek", kind: "veg" },
  { name: "pear", kind: "fruit" },
];

async function* numbers() {
  yield 1;
  yield 2;
  yield 3;
}

export default {
  async fetch() {
    const grouped = Object.fromEntries(Object.entries(Object.groupBy(items, (i) => i.kind)).map(([k, v]) => [k, v.map((i) => i.name)]));
    const byLength = [...Map.groupBy(["apple", "pear?"], (s) => s.length)];
    const original = [3, 1, 2];
    const a = new Set([1, 2, 3]);
    const b = new Set([2, 3, 4]);
    const { promise, resolve } = Promise.withResolvers();
    setTimeout(() => resolve("done"), 10);
    const bytes = new TextEncoder().encode("hello");
    return Response.json({
      grouped,
      byLength,
      sorted: original.toSorted(),
      original,
      last: original.at(-1),
      union: [...a.union(b)],
      intersection: [...a.intersection(b)],
      subset: new Set([2]).isSubsetOf(a),
      resolved: await promise,
      fromAsync: await Array.fromAsync(numbers()),
      iterator: [1, 2, 3, 4].values().filter((n) => n % 2 === 0).map((n) => n * 10).toArray(),
      hex: bytes.toHex(),
      b64: bytes.toBase64(),
      fromHex: new TextDecoder().decode(Uint8Array.fromHex("68656c6c6f")),
      tried: await Promise.try(() => "ok"),
    });
  },
};
