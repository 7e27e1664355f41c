// Small helpers for the plain-data requests and responses that cross the isolate boundary.
// ES2022 has no URL, TextEncoder or TextDecoder, so the pure core parses and decodes itself.

import { utf8Encode } from "../core/hash.ts";
import type { WireRequest, WireResponse } from "../isolate-port.ts";

export interface UrlParts {
  host: string;
  path: string;
}

/** Host (lower-case, port dropped) and path (without query or fragment) of an absolute URL. */
export function urlParts(url: string): UrlParts | null {
  const match = /^https?:\/\/([^/:?#]+)(?::\d+)?([^?#]*)/i.exec(url);
  if (!match) return null;
  return { host: match[1]!.toLowerCase(), path: match[2] || "/" };
}

export function textResponse(status: number, body: string, headers: [string, string][] = []): WireResponse {
  return {
    status,
    statusText: statusTextOf(status),
    headers: [["content-type", "text/plain;charset=UTF-8"], ...headers],
    body: utf8Encode(body),
  };
}

export function withHeader(response: WireResponse, name: string, value: string): WireResponse {
  const headers = response.headers.filter(([n]) => n !== name);
  headers.push([name, value]);
  return { ...response, headers };
}

export function makeRequest(method: string, url: string, headers: [string, string][], body: string | null): WireRequest {
  return { method, url, headers, body: body === null ? null : utf8Encode(body) };
}

function statusTextOf(status: number): string {
  const texts: Record<number, string> = {
    200: "OK", 307: "Temporary Redirect", 404: "Not Found", 429: "Too Many Requests", 500: "Internal Server Error",
    502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
  };
  return texts[status] ?? "";
}

/** UTF-8 decoding as `new TextDecoder().decode(bytes)` does it: bad sequences become U+FFFD. */
export function utf8Decode(bytes: Uint8Array | null): string {
  if (bytes === null) return "";
  let out = "";
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xf0 && b < 0xf5 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 && b < 0xe0 ? 1 : -1;
    if (need < 0 || (need > 0 && b >= 0xf5)) {
      out += "\ufffd";
      i++;
      continue;
    }
    let cp = need === 0 ? b : b & (0x3f >> need);
    let j = 1;
    for (; j <= need; j++) {
      const c = bytes[i + j];
      if (c === undefined || (c & 0xc0) !== 0x80) break;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (j <= need) {
      out += "\ufffd";
      i += j;
      continue;
    }
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}
