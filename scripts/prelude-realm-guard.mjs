// Build-time guard of the prelude against the learner's realm. Worker code shares the isolate's
// globals and may replace them (`globalThis.Array = ...`) or their statics (`Object.freeze =
// ...`, `JSON.stringify = ...`). Two measures, applied to the prelude bundle and to its lazy
// chunks, keep the runtime on the builtins as they were when the prelude was evaluated:
// - a prologue binds every builtin global name to a local constant, so bare references in the
//   bundle (`new TypeError`, `Uint8Array`) never read the global object again;
// - esbuild's `define` rewrites every static member read (`Object.freeze`, `Symbol.iterator`)
//   to a property of one null-prototype record the prologue fills at load.
// Prototype methods (`array.push`) are not covered here: the prelude calls those through
// sandbox/prelude/web/primordials.ts.

const globalNames = [
  "Object", "Function", "Array", "Number", "String", "Boolean", "Symbol", "BigInt", "Promise",
  "Map", "Set", "WeakMap", "WeakSet", "WeakRef", "ArrayBuffer", "SharedArrayBuffer", "DataView",
  "Uint8Array", "Int8Array", "Uint8ClampedArray", "Uint16Array", "Int16Array", "Uint32Array",
  "Int32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array", "Error",
  "TypeError", "RangeError", "SyntaxError", "ReferenceError", "EvalError", "URIError",
  "AggregateError", "Date", "RegExp", "JSON", "Math", "Reflect", "Proxy", "Atomics",
  "encodeURIComponent", "decodeURIComponent", "encodeURI", "decodeURI", "isNaN", "isFinite",
  "parseInt", "parseFloat",
];

const identifier = /^[A-Za-z_$][\w$]*$/;
const skippedKeys = new Set(["length", "name", "caller", "arguments"]);

/** [global, key] for every static property of the guarded globals, as this V8 has them. */
function staticMembers() {
  const members = [];
  for (const name of globalNames) {
    const value = globalThis[name];
    if ((typeof value !== "object" && typeof value !== "function") || value === null) continue;
    for (const key of Object.getOwnPropertyNames(value)) {
      if (identifier.test(key) && !skippedKeys.has(key)) members.push([name, key]);
    }
  }
  return members;
}

const recordName = "__edgePlaygroundRealm";

/** esbuild `define` entries: `Object.freeze` → `__edgePlaygroundRealm.Object_freeze`. */
export function realmDefines() {
  const define = {};
  for (const [name, key] of staticMembers()) define[`${name}.${key}`] = `${recordName}.${name}_${key}`;
  return define;
}

/**
 * Source that runs before the bundle, inside the same function scope: captures the guarded
 * globals and every static member that `bundles` (the bundle and the lazy chunks it may load
 * later) use, then binds the global names to the captured values.
 */
export function realmPrologue(bundles) {
  const lines = [`const ${recordName} = { __proto__: null };`];
  for (const name of globalNames) if (name in globalThis) lines.push(`${recordName}.${name} = globalThis.${name};`);
  for (const [name, key] of staticMembers()) {
    const member = `${recordName}.${name}_${key}`;
    if (bundles.some((text) => text.includes(member))) lines.push(`${member} = globalThis.${name}.${key};`);
  }
  lines.push(chunkPrologue());
  return lines.join("\n");
}

/**
 * A lazy chunk runs long after the learner's code could have replaced globals, so it captures
 * nothing itself: it is a function of the prelude's record, and binds the names from there.
 */
export function chunkPrologue() {
  return `const { ${globalNames.filter((name) => name in globalThis).join(", ")} } = ${recordName};`;
}

export const realmRecordName = recordName;
