// unenv 1's Buffer (a port of the `buffer` package) predates Node's "base64url" encoding, which
// JWT and signed-cookie code uses. It is added here on top of "base64", for Buffer.from,
// buf.toString, Buffer.byteLength and Buffer.isEncoding.

type BufferClass = ((...args: unknown[]) => unknown) & {
  from(...args: unknown[]): unknown;
  byteLength(...args: unknown[]): number;
  isEncoding(encoding: unknown): boolean;
  prototype: { toString(...args: unknown[]): string };
};

const isBase64Url = (encoding: unknown) => typeof encoding === "string" && encoding.toLowerCase() === "base64url";
const toBase64 = (text: string) => text.replace(/-/g, "+").replace(/_/g, "/");

export function addBase64Url(Buffer: BufferClass): void {
  const from = Buffer.from, byteLength = Buffer.byteLength, isEncoding = Buffer.isEncoding, toString = Buffer.prototype.toString;
  Buffer.from = function (this: unknown, value: unknown, encoding?: unknown, length?: unknown) {
    if (typeof value === "string" && isBase64Url(encoding)) return from.call(this, toBase64(value), "base64");
    return from.call(this, value, encoding, length);
  };
  Buffer.byteLength = function (this: unknown, value: unknown, encoding?: unknown) {
    return byteLength.call(this, typeof value === "string" && isBase64Url(encoding) ? toBase64(value) : value, isBase64Url(encoding) ? "base64" : encoding);
  };
  Buffer.isEncoding = (encoding: unknown) => isBase64Url(encoding) || isEncoding(encoding);
  Buffer.prototype.toString = function (this: unknown, encoding?: unknown, start?: unknown, end?: unknown) {
    if (!isBase64Url(encoding)) return toString.call(this, encoding, start, end);
    return toString.call(this, "base64", start, end).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  };
}
