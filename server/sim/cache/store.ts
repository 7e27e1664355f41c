// One PoP's Cache API storage: entries by cache name and key (the request URL), each with its
// expiry on the virtual clock. Pure; the world (world/cache.ts) charges latency and traces.
// A PoP keeps at most `cacheEntriesPerPopMax` entries and `cacheBytesPerPopMax` body bytes across
// its caches: a put past either evicts the oldest puts first, as a real cache evicts under pressure.

import { limits } from "../core/limits.ts";
import type { WireResponse } from "../isolate-port.ts";
import { cachePolicy, notModified, type HeaderPairs } from "./policy.ts";

export interface CacheEntry {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: Uint8Array | null;
  storedAtMs: number;
  expiresAtMs: number;
  ageAtPutS: number;
}

export type MatchResult = { outcome: "hit"; response: WireResponse } | { outcome: "miss" | "expired"; response: null };
export type PutResult = { outcome: "stored"; ttlMs: number } | { outcome: "not_stored"; reason: string };

/** Cache name as stored: the default cache cannot collide with `caches.open("default")`. */
function slot(name: string | null): string {
  return name === null ? "\u0000default" : `n:${name}`;
}

export class PopCache {
  /** Keyed `slot + "\u0000" + url`; insertion order is put order (the eviction order). */
  private readonly entries = new Map<string, CacheEntry>();
  private readonly names = new Set<string>();
  private bytes = 0;

  get size(): number {
    return this.entries.size;
  }

  /** Body bytes kept, across this PoP's caches. */
  get bodyBytes(): number {
    return this.bytes;
  }

  private remove(key: string): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    this.bytes -= entry.body?.length ?? 0;
    return this.entries.delete(key);
  }

  /** Whether another named cache may be opened here (the default one always can). */
  admits(name: string | null): boolean {
    return name === null || this.names.has(name) || this.names.size < limits.cacheNamesPerPopMax;
  }

  match(name: string | null, url: string, requestHeaders: HeaderPairs, nowMs: number): MatchResult {
    const key = `${slot(name)}\u0000${url}`;
    const entry = this.entries.get(key);
    if (entry === undefined) return { outcome: "miss", response: null };
    if (entry.expiresAtMs <= nowMs) {
      this.remove(key);
      return { outcome: "expired", response: null };
    }
    return { outcome: "hit", response: answerOf(entry, requestHeaders, nowMs) };
  }

  put(name: string | null, url: string, requestHeaders: HeaderPairs, response: WireResponse, nowMs: number): PutResult {
    const bodyBytes = response.body?.length ?? 0;
    const policy = cachePolicy(requestHeaders, response.status, response.headers, nowMs, bodyBytes);
    if (!policy.storable) return { outcome: "not_stored", reason: policy.reason ?? "not storable" };
    if (bodyBytes > limits.cacheBytesPerPopMax) return { outcome: "not_stored", reason: `the body is ${bodyBytes} bytes, over cacheBytesPerPopMax (${limits.cacheBytesPerPopMax} bytes)` };
    if (name !== null) this.names.add(name);
    const key = `${slot(name)}\u0000${url}`;
    this.remove(key);
    while (this.entries.size > 0 && (this.entries.size >= limits.cacheEntriesPerPopMax || this.bytes + bodyBytes > limits.cacheBytesPerPopMax)) this.remove(this.entries.keys().next().value!);
    const age = policy.headers.find(([n]) => n === "age");
    this.entries.set(key, {
      status: response.status, statusText: response.statusText, headers: policy.headers.filter(([n]) => n !== "age"),
      body: response.body === null ? null : response.body.slice(), storedAtMs: nowMs, expiresAtMs: nowMs + policy.ttlMs, ageAtPutS: Number(age?.[1] ?? 0),
    });
    this.bytes += bodyBytes;
    return { outcome: "stored", ttlMs: policy.ttlMs };
  }

  delete(name: string | null, url: string): boolean {
    return this.remove(`${slot(name)}\u0000${url}`);
  }
}

/**
 * The stored response as a hit answers it: `Age` counts the time it has been stored (on the
 * virtual clock), `CF-Cache-Status: HIT` says where it came from, `Content-Length` is the
 * body's; a conditional request the entry satisfies gets 304 without the body, a single byte
 * range 206 with its slice, an unsatisfiable range 416.
 */
function answerOf(entry: CacheEntry, requestHeaders: HeaderPairs, nowMs: number): WireResponse {
  const ageS = entry.ageAtPutS + Math.floor((nowMs - entry.storedAtMs) / 1000);
  const headers: [string, string][] = entry.headers.filter(([n]) => n !== "content-length" && n !== "cf-cache-status");
  headers.push(["age", `${ageS}`], ["cf-cache-status", "HIT"], ["content-length", `${entry.body?.length ?? 0}`]);
  headers.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const size = entry.body?.length ?? 0;
  const rangeHeader = requestHeaders.find(([n]) => n.toLowerCase() === "range")?.[1];
  const ranges = rangeHeader === undefined ? [] : byteRanges(rangeHeader, size);
  if (ranges === null) return { status: 416, statusText: "Range Not Satisfiable", headers: [["cf-cache-status", "HIT"], ["content-range", `bytes */${size}`]], body: null };
  if (notModified(requestHeaders, entry.headers)) return { status: 304, statusText: "Not Modified", headers, body: null };
  const body = entry.body ?? new Uint8Array(0);
  // One range is a 206 of that slice; several would be multipart/byteranges, which this cache does not build: it answers the whole body.
  if (ranges.length === 1) {
    const { start, end } = ranges[0]!;
    const partial = headers.filter(([n]) => n !== "content-length");
    partial.push(["content-length", `${end - start + 1}`], ["content-range", `bytes ${start}-${end}/${size}`]);
    partial.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return { status: 206, statusText: "Partial Content", headers: partial, body: body.slice(start, end + 1) };
  }
  return { status: entry.status, statusText: entry.statusText, headers, body: entry.body === null ? null : entry.body.slice() };
}

/**
 * The byte ranges a Range header asks of a body of `size` bytes, as workerd's cache reads them:
 * null when it is not a bytes range or cannot be satisfied (416), [] when it asks for the whole.
 */
export function byteRanges(header: string, size: number): { start: number; end: number }[] | null {
  const prefix = /^ *bytes *=/i.exec(header);
  if (prefix === null) return null;
  const rest = header.slice(prefix[0].length);
  if (rest.trimStart() === "") return [];
  const out: { start: number; end: number }[] = [];
  for (const part of rest.split(",")) {
    const match = /^ *(\d+)? *- *(\d+)? *$/.exec(part);
    if (match === null) return null;
    const [, from, to] = match;
    if (from !== undefined && to !== undefined) {
      const start = parseInt(from, 10);
      const end = parseInt(to, 10);
      if (start > end || start >= size) return null;
      out.push({ start, end: Math.min(end, size - 1) });
    } else if (from !== undefined) {
      const start = parseInt(from, 10);
      if (start >= size) return null;
      out.push({ start, end: size - 1 });
    } else if (to !== undefined) {
      const suffix = parseInt(to, 10);
      if (suffix >= size) return [];
      if (suffix > 0) out.push({ start: size - suffix, end: size - 1 });
    } else return null;
  }
  return out;
}
