// Buffer.from of a value that is no string, buffer, ArrayBuffer or array-like object throws, as in Node,
// a TypeError with code ERR_INVALID_ARG_TYPE and Node's message naming what was received
// (workerd's words); unenv's Buffer (the `buffer` package) throws its own older wording, which
// programs that print the error (e.message in a 400 or 500 answer) would show.

type BufferClass = { from(...args: unknown[]): unknown };

const expected = "The first argument must be of type string or an instance of Buffer, TypedArray, ArrayBuffer, SharedArrayBuffer, or Array or an Array-like Object.";
/** The buffer package's message for an object it cannot read (one with no length, like {}). */
const packageMessage = /^The first argument must be one of type string/;

/** Node's "Received …": null and undefined by name, named functions by name, objects by their class, other values by type and text. */
function received(value: unknown): string {
  if (value === null || value === undefined) return `Received ${value}`;
  if (typeof value === "function" && value.name) return `Received function ${value.name}`;
  if (typeof value === "object") {
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return `Received an instance of ${typeof name === "string" && name !== "" ? name : "Object"}`;
  }
  const text = typeof value === "function" ? "[Function (anonymous)]" : typeof value === "bigint" ? `${value}n` : String(value);
  return `Received type ${typeof value} (${text})`;
}

const invalidArgument = (value: unknown) => Object.assign(new TypeError(`${expected} ${received(value)}`), { code: "ERR_INVALID_ARG_TYPE" });

export function addNodeArgumentErrors(Buffer: BufferClass): void {
  const from = Buffer.from;
  Buffer.from = function (this: unknown, ...args: unknown[]) {
    const value = args[0];
    // As Node: only strings and objects are read; the package would read a function's length or loop on a symbol.
    if (typeof value !== "string" && (typeof value !== "object" || value === null)) throw invalidArgument(value);
    try {
      return from.apply(this, args);
    } catch (error) {
      if (!(error instanceof TypeError) || !packageMessage.test(error.message)) throw error;
      throw invalidArgument(value);
    }
  };
}
