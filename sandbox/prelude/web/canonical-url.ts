// Absolute-URL parsing for Request and Response.redirect without loading the URL chunk when
// the input is already in canonical form (canonical-url-scan.ts). Most URLs a worker builds
// ("https://api.example.com/v1/items?id=3") serialize to themselves; for those the WHATWG
// parser is the identity and can be skipped. The check is deliberately conservative (http/https, lower-case ASCII host, no
// credentials, no dot segments, no characters the parser would percent-encode): anything else
// goes through the real parser. canonical-url.test.ts checks the claim against whatwg-url.

import { canonicalHttpLayout } from "./canonical-url-scan.ts";
import { loadUrlApi } from "./url-lazy.ts";
import { SafeString, SafeTypeError } from "./primordials.ts";

/** True when `input` is an http(s) URL that the WHATWG URL serializer would return unchanged. */
export function isCanonicalHttpUrl(input: string): boolean {
  return canonicalHttpLayout(input) !== null;
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
