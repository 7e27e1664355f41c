// Entry point of the "url" lazy chunk: whatwg-url's spec-compliant URL and URLSearchParams.
// The build (build-chunks.mjs) aliases tr46 to idna-shim.ts and whatwg-url's encoding module
// to whatwg-url-encoding-shim.ts. The chunk is evaluated on first use by url-lazy.ts.
import { URL, URLSearchParams, parseURL, serializeURL } from "whatwg-url";
import { is as isURLSearchParamsWrapper } from "whatwg-url/lib/URLSearchParams.js";
import stateMachine from "whatwg-url/lib/url-state-machine.js";
import urlencoded from "whatwg-url/lib/urlencoded.js";
import { setIdnaLoader, type IdnaApi } from "./idna-shim.ts";
import { installFastBasicParse, installFastUrlencoded } from "./url-fast-record.ts";

// Canonical http(s) URLs skip the state machine, and plain queries the byte-wise urlencoded
// parser (url-fast-record.ts). URL-impl.js and URLSearchParams-impl.js read both functions off
// these exports objects at each call, so the replacements reach every parse.
installFastBasicParse(stateMachine);
installFastUrlencoded(urlencoded);

export interface UrlApi {
  URL: unknown;
  URLSearchParams: unknown;
  isURLSearchParams(value: unknown): boolean;
  /** The serialized absolute URL, or null when `input` does not parse without a base. */
  parseHref(input: string): string | null;
}

export function create(host: { loadIdna(): IdnaApi }): UrlApi {
  setIdnaLoader(() => host.loadIdna());
  return {
    URL,
    URLSearchParams,
    isURLSearchParams: isURLSearchParamsWrapper,
    parseHref(input) {
      const record = parseURL(input);
      return record === null ? null : serializeURL(record);
    },
  };
}
