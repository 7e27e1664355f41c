// The scanner behind the canonical-URL fast paths: it finds, without allocating, whether an
// http(s) URL is already in the form the WHATWG URL serializer produces, and where its host and
// port end. Request and Response.redirect use it to skip the URL chunk (canonical-url.ts); the
// URL chunk itself uses it to build the URL record without running the state machine
// (url-fast-record.ts). The check is deliberately conservative: anything it refuses goes
// through the real parser. canonical-url.test.ts and url-fast-record.test.ts check it against
// whatwg-url.

import { StringPrototypeCharCodeAt, StringPrototypeSlice } from "./primordials.ts";

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

/** Where a canonical http(s) URL's parts are: the host is [hostStart, hostEnd), an optional ":port" is [hostEnd, portEnd). */
export interface CanonicalHttpLayout {
  scheme: "http" | "https";
  hostStart: number;
  hostEnd: number;
  portEnd: number;
}

/** The layout of `input` when it is an http(s) URL the WHATWG URL serializer would return unchanged; otherwise null. */
export function canonicalHttpLayout(input: string): CanonicalHttpLayout | null {
  let scheme: "http" | "https";
  let defaultPort: number;
  if (StringPrototypeSlice(input, 0, 8) === "https://") {
    scheme = "https";
    defaultPort = 443;
  } else if (StringPrototypeSlice(input, 0, 7) === "http://") {
    scheme = "http";
    defaultPort = 80;
  } else {
    return null;
  }
  const hostStart = scheme === "https" ? 8 : 7;
  const hostEnd = scanHost(input, hostStart);
  if (hostEnd < 0) return null;
  const portEnd = scanPort(input, hostEnd, defaultPort);
  return portEnd >= 0 && tailOk(input, portEnd) ? { scheme, hostStart, hostEnd, portEnd } : null;
}
