// whatwg-url's state machine walks the input code point by code point (about 30 µs a URL, a
// measured third of a small request's time in an isolate). Almost every URL a worker parses
// is `request.url` or one it built, already canonical; for those the URL record can be read
// straight off the string. `installFastBasicParse` puts this in front of whatwg-url's
// basicURLParse for plain parses (no state override, no base), so URL objects, their setters
// and searchParams stay whatwg-url's own. url-fast-record.test.ts compares the records.
import { canonicalHttpLayout } from "./canonical-url-scan.ts";
import { StringPrototypeCharCodeAt, StringPrototypeIndexOf, StringPrototypeSlice } from "./primordials.ts";

/** whatwg-url's URL record (url-state-machine.js), for a special, non-opaque URL. */
export interface UrlRecord {
  scheme: string;
  username: string;
  password: string;
  host: string | null;
  port: number | null;
  path: string[];
  query: string | null;
  fragment: string | null;
}

/** The record whatwg-url's parser would produce for `input`, when `input` is canonical; otherwise null. */
export function canonicalUrlRecord(input: string): UrlRecord | null {
  const layout = canonicalHttpLayout(input);
  if (layout === null) return null;
  const { scheme, hostStart, hostEnd, portEnd } = layout;
  const hashAt = StringPrototypeIndexOf(input, "#", portEnd);
  const end = hashAt < 0 ? input.length : hashAt;
  const questionAt = StringPrototypeIndexOf(input, "?", portEnd);
  const queryAt = questionAt >= 0 && questionAt < end ? questionAt : -1;
  const pathEnd = queryAt < 0 ? end : queryAt;
  return {
    scheme,
    username: "",
    password: "",
    host: StringPrototypeSlice(input, hostStart, hostEnd),
    port: portEnd > hostEnd ? portOf(input, hostEnd + 1, portEnd) : null,
    // The path starts with "/" (the layout requires it): its segments are what follows.
    path: segmentsOf(input, portEnd + 1, pathEnd),
    query: queryAt < 0 ? null : StringPrototypeSlice(input, queryAt + 1, end),
    fragment: hashAt < 0 ? null : StringPrototypeSlice(input, hashAt + 1),
  };
}

/** The "/"-separated segments of input[start, end) (written out: String.prototype.split consults Symbol.split, which worker code can patch). */
function segmentsOf(input: string, start: number, end: number): string[] {
  const segments: string[] = [];
  let from = start;
  for (;;) {
    const slash = StringPrototypeIndexOf(input, "/", from);
    if (slash < 0 || slash >= end) {
      segments[segments.length] = StringPrototypeSlice(input, from, end);
      return segments;
    }
    segments[segments.length] = StringPrototypeSlice(input, from, slash);
    from = slash + 1;
  }
}

function portOf(input: string, start: number, end: number): number {
  let port = 0;
  for (let index = start; index < end; index++) port = port * 10 + (StringPrototypeCharCodeAt(input, index) - 0x30);
  return port;
}

type BasicUrlParse = (input: unknown, options?: { baseURL?: unknown; url?: unknown; stateOverride?: unknown; encodingOverride?: unknown }) => unknown;

/** Replaces `stateMachine.basicURLParse` (whatwg-url's module exports) with the fast path in front of it. */
export function installFastBasicParse(stateMachine: { basicURLParse: BasicUrlParse }): void {
  const slowParse = stateMachine.basicURLParse;
  stateMachine.basicURLParse = (input, options) => {
    if (typeof input === "string" && (options === undefined || (options.url === undefined && options.stateOverride === undefined && (options.baseURL === undefined || options.baseURL === null)))) {
      const record = canonicalUrlRecord(input);
      if (record !== null) return record;
    }
    return slowParse(input, options);
  };
}

/**
 * The urlencoded parser's result for a query of plain ASCII with no "%" or "+" (nothing to
 * decode), split directly; otherwise null. whatwg-url's own parser goes through bytes and the
 * UTF-8 codec for every pair, several times slower in an isolate.
 */
export function plainUrlencodedPairs(input: string): [string, string][] | null {
  for (let index = 0; index < input.length; index++) {
    const code = StringPrototypeCharCodeAt(input, index);
    if (code >= 0x80 || code === 0x25 || code === 0x2b) return null;
  }
  const pairs: [string, string][] = [];
  let from = 0;
  while (from <= input.length) {
    const amp = StringPrototypeIndexOf(input, "&", from);
    const end = amp < 0 ? input.length : amp;
    if (end > from) {
      const equals = StringPrototypeIndexOf(input, "=", from);
      pairs[pairs.length] = equals >= 0 && equals < end ? [StringPrototypeSlice(input, from, equals), StringPrototypeSlice(input, equals + 1, end)] : [StringPrototypeSlice(input, from, end), ""];
    }
    from = end + 1;
  }
  return pairs;
}

/** Replaces `urlencoded.parseUrlencodedString` (whatwg-url's module exports) with the plain-ASCII path in front of it. */
export function installFastUrlencoded(urlencoded: { parseUrlencodedString: (input: string) => [string, string][] }): void {
  const slowParse = urlencoded.parseUrlencodedString;
  urlencoded.parseUrlencodedString = (input) => (typeof input === "string" ? plainUrlencodedPairs(input) : null) ?? slowParse(input);
}
