// Turns list() options into a SQL range over _cf_KV. SQLite compares TEXT keys bytewise on their
// UTF-8 (the BINARY collation), which is the platform's key order, so every bound is an indexed
// comparison; a prefix becomes [prefix, prefixUpperBound(prefix)).

import type { StorageListOptions } from "../sim/durable-objects/storage-port.ts";

export interface ListQuery {
  sql: string;
  params: (string | number)[];
  /** Identifies the statement's text, for caching prepared statements. */
  shape: string;
}

export function listQuery(options: StorageListOptions): ListQuery {
  const conditions: string[] = [];
  const params: (string | number)[] = [];
  const bound = (condition: string, value: string) => {
    conditions.push(condition);
    params.push(value);
  };
  if (options.start !== undefined) bound("key >= ?", options.start);
  if (options.startAfter !== undefined) bound("key > ?", options.startAfter);
  if (options.end !== undefined) bound("key < ?", options.end);
  if (options.prefix !== undefined && options.prefix !== "") {
    bound("key >= ?", options.prefix);
    const upper = prefixUpperBound(options.prefix);
    if (upper !== null) bound("key < ?", upper);
  }
  let sql = "SELECT key, value FROM _cf_KV";
  if (conditions.length > 0) sql += ` WHERE ${conditions.join(" AND ")}`;
  sql += options.reverse === true ? " ORDER BY key DESC" : " ORDER BY key";
  if (options.limit !== undefined) {
    sql += " LIMIT ?";
    params.push(options.limit);
  }
  return { sql, params, shape: sql };
}

/**
 * The smallest string greater than every string that starts with `prefix`, in code point
 * order: the prefix with its last code point incremented (skipping the surrogate range), or
 * with trailing U+10FFFF dropped first. Null when no such string exists.
 */
export function prefixUpperBound(prefix: string): string | null {
  const codePoints = Array.from(prefix, (ch) => ch.codePointAt(0)!);
  while (codePoints.length > 0) {
    const last = codePoints.pop()!;
    if (last < 0x10ffff) {
      const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
      return String.fromCodePoint(...codePoints, next);
    }
  }
  return null;
}
