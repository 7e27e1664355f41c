// Absolute-URL parsing for Request and Response.redirect without loading the URL chunk when
// the input is already in canonical form. Most URLs a worker builds ("https://api.example.com/
// v1/items?id=3") serialize to themselves; for those the WHATWG parser is the identity and can
// be skipped. The check is deliberately conservative (http/https, lower-case ASCII host, no
// credentials, no dot segments, no characters the parser would percent-encode): anything else
// goes through the real parser. canonical-url.test.ts checks the claim against whatwg-url.

import { loadUrlApi } from "./url-lazy.ts";
import { SafeString, SafeTypeError, StringPrototypeCharCodeAt, StringPrototypeSlice } from "./primordials.ts";

const portNumberMax = 65535;

function isLowerAlnum(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
}

/** Index just past a canonical host (labels of [a-z0-9-], the last starting with a letter), or -1. */
function scanHost(input: string, start: number): number {
  let index = start;
  let labelStart = start;
  while (index < input.length) {
    const code = StringPrototypeCharCodeAt(input, index);
    if (code === 0x2e) {
      if (!labelOk(input, labelStart, index, false)) return -1;
      labelStart = index + 1;
    } else if (!isLowerAlnum(code) && code !== 0x2d) {
      break;
    }
    index++;
  }
  return labelOk(input, labelStart, index, true) ? index : -1;
}

function labelOk(input: string, start: number, end: number, last: boolean): boolean {
  if (end === start) return false;
  if (StringPrototypeSlice(input, start, start + 4) === "xn--") return false;
  // A last label starting with a letter can never "end in a number", so no IPv4 parsing applies.
  const first = StringPrototypeCharCodeAt(input, start);
  return !last || (first >= 0x61 && first <= 0x7a);
}

/** Index just past an optional canonical ":port" (no leading zero, not the default), or -1. */
function scanPort(input: string, start: number, defaultPort: number): number {
  if (StringPrototypeCharCodeAt(input, start) !== 0x3a) return start;
  let index = start + 1;
  let port = 0;
  while (index < input.length) {
    const code = StringPrototypeCharCodeAt(input, index);
    if (code < 0x30 || code > 0x39) break;
    if (port === 0 && code === 0x30) return -1;
    port = port * 10 + (code - 0x30);
    if (port > portNumberMax) return -1;
    index++;
  }
  return port === 0 || port === defaultPort ? -1 : index;
}

/** Characters the parser would percent-encode or treat specially in each part. */
const pathExcluded = "\"<>\\^`{}";
const queryExcluded = "\"'<>\\";
const fragmentExcluded = "\"<>`";

function excluded(set: string, code: number): boolean {
  for (let index = 0; index < set.length; index++) if (StringPrototypeCharCodeAt(set, index) === code) return true;
  return false;
}

/** True when path, query and fragment from `start` are already canonical. */
function tailOk(input: string, start: number): boolean {
  if (StringPrototypeCharCodeAt(input, start) !== 0x2f) return false;
  let part: "path" | "query" | "fragment" = "path";
  let segmentStart = start + 1;
  for (let index = start; index <= input.length; index++) {
    const code = index < input.length ? StringPrototypeCharCodeAt(input, index) : -1;
    if (part === "path" && (code === 0x2f || code === 0x3f || code === 0x23 || code === -1)) {
      if (index > start && isDotSegment(StringPrototypeSlice(input, segmentStart, index))) return false;
      segmentStart = index + 1;
    }
    if (code === -1) break;
    if (code <= 0x20 || code >= 0x7f) return false;
    if (part !== "fragment" && code === 0x23) part = "fragment";
    else if (part === "path" && code === 0x3f) part = "query";
    else if (excluded(part === "path" ? pathExcluded : part === "query" ? queryExcluded : fragmentExcluded, code)) return false;
    if (part === "path" && code === 0x25 && isEncodedDot(input, index)) return false;
  }
  return true;
}

function isDotSegment(segment: string): boolean {
  return segment === "." || segment === "..";
}

function isEncodedDot(input: string, index: number): boolean {
  const next = StringPrototypeCharCodeAt(input, index + 1);
  const after = StringPrototypeCharCodeAt(input, index + 2);
  return next === 0x32 && (after === 0x65 || after === 0x45);
}

/** True when `input` is an http(s) URL that the WHATWG URL serializer would return unchanged. */
export function isCanonicalHttpUrl(input: string): boolean {
  let hostStart: number;
  let defaultPort: number;
  if (StringPrototypeSlice(input, 0, 8) === "https://") {
    hostStart = 8;
    defaultPort = 443;
  } else if (StringPrototypeSlice(input, 0, 7) === "http://") {
    hostStart = 7;
    defaultPort = 80;
  } else {
    return false;
  }
  const hostEnd = scanHost(input, hostStart);
  if (hostEnd < 0) return false;
  const portEnd = scanPort(input, hostEnd, defaultPort);
  return portEnd >= 0 && tailOk(input, portEnd);
}

/**
 * Parses an absolute URL and returns its serialization. Relative URLs have no base in a
 * worker, so they throw the TypeError the Workers runtime throws.
 */
export function parseAbsoluteUrl(raw: unknown): string {
  const input = SafeString(raw);
  if (isCanonicalHttpUrl(input)) return input;
  const href = loadUrlApi().parseHref(input);
  if (href === null) throw new SafeTypeError(`Invalid URL: ${input}`);
  return href;
}
