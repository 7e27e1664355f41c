// atob and btoa per the HTML Standard's "forgiving-base64" algorithms: ASCII whitespace in the
// input is ignored, padding is optional, and anything else malformed is an
// InvalidCharacterError DOMException, with the same message the Workers runtime uses.

import { DOMException } from "./dom-exception.ts";
import { SafeString, StringFromCharCode, StringPrototypeCharCodeAt } from "./primordials.ts";

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/** Maps a char code to its 6-bit value, or -1 when it is not in the base64 alphabet. */
const sextetByCharCode = new Int8Array(128).fill(-1);
for (let index = 0; index < alphabet.length; index++) sextetByCharCode[alphabet.charCodeAt(index)] = index;

function isAsciiWhitespace(code: number): boolean {
  return code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d || code === 0x20;
}

export function btoa(data: unknown): string {
  if (arguments.length === 0) throw new TypeError("btoa: 1 argument required, but only 0 present.");
  const input = SafeString(data);
  let output = "";
  for (let index = 0; index < input.length; index += 3) {
    const a = byteAt(input, index);
    const hasB = index + 1 < input.length;
    const hasC = index + 2 < input.length;
    const b = hasB ? byteAt(input, index + 1) : 0;
    const c = hasC ? byteAt(input, index + 2) : 0;
    output += alphabet[a >> 2]! + alphabet[((a & 3) << 4) | (b >> 4)]!;
    output += hasB ? alphabet[((b & 15) << 2) | (c >> 6)]! : "=";
    output += hasC ? alphabet[c & 63]! : "=";
  }
  return output;
}

function byteAt(input: string, index: number): number {
  const code = StringPrototypeCharCodeAt(input, index);
  if (code > 0xff) {
    throw new DOMException("Cannot encode a string with characters outside the Latin1 range.", "InvalidCharacterError");
  }
  return code;
}

export function atob(data: unknown): string {
  if (arguments.length === 0) throw new TypeError("atob: 1 argument required, but only 0 present.");
  const input = SafeString(data);
  const sextets: number[] = [];
  for (let index = 0; index < input.length; index++) {
    const code = StringPrototypeCharCodeAt(input, index);
    if (isAsciiWhitespace(code)) continue;
    sextets[sextets.length] = code < 128 ? sextetByCharCode[code]! : -1;
    if (code === 0x3d) sextets[sextets.length - 1] = -2; // "=": only valid as trailing padding
  }
  if (sextets.length % 4 === 0) {
    if (sextets[sextets.length - 1] === -2) sextets.length--;
    if (sextets[sextets.length - 1] === -2) sextets.length--;
  }
  if (sextets.length % 4 === 1 || sextets.includes(-1) || sextets.includes(-2)) {
    throw new DOMException("The string to be decoded is not correctly encoded.", "InvalidCharacterError");
  }
  let output = "";
  let buffer = 0;
  let bits = 0;
  for (const sextet of sextets) {
    buffer = ((buffer << 6) | sextet) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      output += StringFromCharCode((buffer >> bits) & 0xff);
    }
  }
  return output;
}
