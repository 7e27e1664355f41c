// The Cache API's storage policy: whether a response put into a cache is kept, for how long,
// and with which headers. Pure: the caller passes the virtual time. The rules are those a
// shared HTTP cache applies (RFC 9111), as Miniflare's cache (the reference workerd is tested
// against) applies them with http-cache-semantics in shared mode:
//
// - kept only for a status the cache understands (200, 203, 204, 300, 301, 302, 303, 307, 308,
//   404, 405, 410, 414, 501), and not with `no-store` or `private`, nor with `Set-Cookie` (unless
//   `Cache-Control: private=Set-Cookie`, which drops the cookie and keeps the rest);
// - a request with `Authorization` is kept only with `public`, `s-maxage` or `must-revalidate`;
// - the lifetime is `s-maxage`, else `max-age`, else `Expires` minus `Date`, else 10% of the
//   time since `Last-Modified`, else zero (kept, but expired at once); `no-cache` and
//   `proxy-revalidate` make it zero; `stale-while-revalidate` / `stale-if-error` extend it;
// - the stored headers lose hop-by-hop fields and gain `Age` and `Date` (the put's time).
//
// What the Cache API refuses outright (non-GET, 206, `Vary: *`, a used body) is refused in the
// isolate, as workerd does, before anything reaches the world.

import { limits } from "../core/limits.ts";

export type HeaderPairs = readonly (readonly [string, string])[];

export interface CachePolicy {
  storable: boolean;
  /** Why it is not kept (or null when it is). */
  reason: string | null;
  /** How long it stays fresh; zero means it is expired as soon as it is stored. */
  ttlMs: number;
  /** The headers the stored response is answered with. */
  headers: [string, string][];
}

const understoodStatuses = new Set([200, 203, 204, 300, 301, 302, 303, 307, 308, 404, 405, 410, 414, 501]);
const cacheableByDefault = new Set([200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501]);
const hopByHop = new Set(["date", "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade"]);
const immutableMinTtlS = 24 * 3600;
const lastModifiedFraction = 0.1;

/** `Cache-Control` directives, lower-case names; a directive without a value is `true`. */
export function parseCacheControl(header: string | undefined): Record<string, string | true> {
  const directives: Record<string, string | true> = {};
  if (!header) return directives;
  for (const part of header.trim().split(",")) {
    const eq = part.indexOf("=");
    const name = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    if (name === "") continue;
    directives[name] = eq < 0 ? true : part.slice(eq + 1).trim().replace(/^"|"$/g, "");
  }
  return directives;
}

function seconds(value: string | true | undefined): number {
  const n = typeof value === "string" ? parseInt(value, 10) : NaN;
  return Number.isFinite(n) ? n : 0;
}

/** Header pairs as a record of lower-case names (the last value of a repeated name wins). */
function headerRecord(pairs: HeaderPairs): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of pairs) out[name.toLowerCase()] = value;
  return out;
}

/** The policy for `response` put under `requestHeaders` at `nowMs` (virtual time). */
export function cachePolicy(requestHeaders: HeaderPairs, status: number, responseHeaders: HeaderPairs, nowMs: number, bodyBytes: number): CachePolicy {
  const req = headerRecord(requestHeaders);
  const res = headerRecord(responseHeaders);
  let pairs = responseHeaders.map(([n, v]) => [n.toLowerCase(), v] as [string, string]);
  if (res["cache-control"]?.toLowerCase().includes("private=set-cookie")) {
    res["cache-control"] = res["cache-control"].toLowerCase().replace(/private=set-cookie;?/i, "");
    delete res["set-cookie"];
    pairs = pairs.filter(([n]) => n !== "set-cookie").map(([n, v]) => (n === "cache-control" ? [n, res["cache-control"]!] : [n, v]));
  }
  const cc = parseCacheControl(res["cache-control"]);
  if (res["cache-control"] === undefined && /no-cache/.test(res.pragma ?? "")) cc["no-cache"] = true;
  const reason = unstorableReason(req, res, cc, status, bodyBytes);
  const ageS = seconds(res.age);
  const headers: [string, string][] = pairs.filter(([n]) => !hopByHop.has(n) && n !== "age");
  headers.push(["age", `${Math.round(ageS)}`], ["date", httpDate(nowMs)]);
  if (reason !== null) return { storable: false, reason, ttlMs: 0, headers };
  const maxAgeS = maxAgeSeconds(res, cc, nowMs);
  const freshS = maxAgeS - ageS;
  const ttlS = Math.max(0, freshS, freshS + seconds(cc["stale-if-error"]), freshS + seconds(cc["stale-while-revalidate"]));
  return { storable: true, reason: null, ttlMs: Math.round(ttlS * 1000), headers };
}

function unstorableReason(req: Record<string, string>, res: Record<string, string>, cc: Record<string, string | true>, status: number, bodyBytes: number): string | null {
  if (bodyBytes > limits.cacheObjectBytesMax) return `the body is ${bodyBytes} bytes, over cacheObjectBytesMax (${limits.cacheObjectBytesMax} bytes)`;
  if (!understoodStatuses.has(status)) return `status ${status} is not cacheable`;
  if (cc["no-store"]) return "Cache-Control: no-store";
  if (cc.private) return "Cache-Control: private";
  if (req.authorization !== undefined && !(cc["must-revalidate"] || cc.public || cc["s-maxage"])) return "the request has Authorization (and the response is not public)";
  if (res["set-cookie"] !== undefined) return "the response has Set-Cookie";
  const explicit = res.expires !== undefined || cc["max-age"] || cc["s-maxage"] || cc.public;
  if (!explicit && !cacheableByDefault.has(status)) return `status ${status} needs an explicit lifetime`;
  return null;
}

function maxAgeSeconds(res: Record<string, string>, cc: Record<string, string | true>, nowMs: number): number {
  if (cc["no-cache"] || res.vary === "*" || cc["proxy-revalidate"]) return 0;
  if (cc["s-maxage"]) return seconds(cc["s-maxage"]);
  if (cc["max-age"]) return seconds(cc["max-age"]);
  const minS = cc.immutable ? immutableMinTtlS : 0;
  const dateMs = Date.parse(res.date ?? "");
  const serverMs = Number.isFinite(dateMs) ? dateMs : nowMs;
  if (res.expires !== undefined) {
    const expiresMs = Date.parse(res.expires);
    return Number.isNaN(expiresMs) || expiresMs < serverMs ? 0 : Math.max(minS, (expiresMs - serverMs) / 1000);
  }
  const lastModifiedMs = Date.parse(res["last-modified"] ?? "");
  if (Number.isFinite(lastModifiedMs) && serverMs > lastModifiedMs) return Math.max(minS, ((serverMs - lastModifiedMs) / 1000) * lastModifiedFraction);
  return minS;
}

/**
 * A conditional match: 304 when the request's If-None-Match names the stored ETag (or is `*`),
 * or its If-Modified-Since is not before the stored Last-Modified.
 */
export function notModified(requestHeaders: HeaderPairs, storedHeaders: HeaderPairs): boolean {
  const req = headerRecord(requestHeaders);
  const res = headerRecord(storedHeaders);
  const etag = parseEtag(res.etag);
  if (req["if-none-match"] !== undefined && etag !== undefined) {
    if (req["if-none-match"].trim() === "*") return true;
    if (req["if-none-match"].split(",").some((candidate) => parseEtag(candidate) === etag)) return true;
  }
  if (req["if-modified-since"] !== undefined && res["last-modified"] !== undefined) {
    const since = httpDateMs(req["if-modified-since"]);
    return httpDateMs(res["last-modified"]) <= since;
  }
  return false;
}

function parseEtag(value: string | undefined): string | undefined {
  return value === undefined ? undefined : /^(W\/)?"(.+)"$/.exec(value.trim())?.[2];
}

function httpDateMs(value: string): number {
  return /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d\d\d\d \d\d:\d\d:\d\d GMT$/.test(value) ? Date.parse(value) : NaN;
}

const weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const two = (n: number) => String(n).padStart(2, "0");

/** An instant of virtual time as an HTTP date (RFC 9110 IMF-fixdate), computed without the host's clock. */
export function httpDate(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  const secondsOfDay = Math.floor((ms - days * 86_400_000) / 1000);
  // Civil date from days since 1970-01-01 (Howard Hinnant's days_from_civil, inverted).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const weekday = weekdays[((days % 7) + 7) % 7]!;
  return `${weekday}, ${two(day)} ${months[month - 1]} ${year} ${two(Math.floor(secondsOfDay / 3600))}:${two(Math.floor(secondsOfDay / 60) % 60)}:${two(secondsOfDay % 60)} GMT`;
}
