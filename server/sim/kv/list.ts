// list() reads the region's replica, not the central store (so it can miss recent writes), and
// bypasses the PoP cache. Keys come sorted by their UTF-8 bytes. The cursor is opaque to the
// learner: it encodes the last key returned, so paging stays correct when keys change between
// pages (new keys after the cursor appear, deleted ones vanish).

import { compareUtf8 } from "../core/hash.ts";
import type { KvResult } from "./result.ts";
import { kvErr, kvOk } from "./result.ts";
import type { JsonValue, KvNamespaceState, KvRecord, KvSite } from "./store.ts";
import { isLive, replicaOf } from "./store.ts";
import { validateListLimit } from "./validate.ts";

export interface KvListOptions {
  prefix?: string;
  /** 1..1000, default 1000. */
  limit?: number;
  cursor?: string;
}

export interface KvListKey {
  name: string;
  expiration?: number;
  metadata?: JsonValue;
}

export interface KvListResult {
  keys: KvListKey[];
  list_complete: boolean;
  /** Pass back to get the next page; null once the listing is complete. */
  cursor: string | null;
  /** Some key under the prefix differs between this replica and the central store. */
  stale: boolean;
}

const cursorPrefix = "kvc1.";

export function kvList(state: KvNamespaceState, site: KvSite, options: KvListOptions = {}): KvResult<KvListResult> {
  const limit = validateListLimit(options.limit);
  if (!limit.ok) return limit;
  const prefix = options.prefix ?? "";
  const after = options.cursor === undefined || options.cursor === "" ? null : decodeCursor(options.cursor);
  if (after === undefined) return kvErr("LIST", 400, "invalid_cursor", "Invalid cursor: pass back the cursor of a previous list() result.");
  const replica = replicaOf(state, site.region);
  const names: string[] = [];
  for (const [name, record] of replica) {
    if (name.startsWith(prefix) && isLive(record, site.nowMs) && (after === null || compareUtf8(name, after) > 0)) names.push(name);
  }
  names.sort(compareUtf8);
  const page = names.slice(0, limit.value);
  const complete = page.length === names.length;
  return kvOk({
    keys: page.map((name) => listKey(replica.get(name)!)),
    list_complete: complete,
    cursor: complete ? null : encodeCursor(page[page.length - 1]!),
    stale: replicaDiffers(state, replica, prefix),
  });
}

function listKey(record: KvRecord): KvListKey {
  const key: KvListKey = { name: record.key };
  if (record.expirationSec !== null) key.expiration = record.expirationSec;
  if (record.metadata !== null) key.metadata = record.metadata;
  return key;
}

function replicaDiffers(state: KvNamespaceState, replica: Map<string, KvRecord>, prefix: string): boolean {
  for (const [name, record] of state.central) {
    if (name.startsWith(prefix) && replica.get(name)?.version !== record.version) return true;
  }
  return false;
}

function encodeCursor(lastKey: string): string {
  let hex = "";
  for (let i = 0; i < lastKey.length; i++) hex += lastKey.charCodeAt(i).toString(16).padStart(4, "0");
  return cursorPrefix + hex;
}

/** The last key of the previous page, or undefined when the cursor is not one of ours. */
function decodeCursor(cursor: string): string | undefined {
  const hex = cursor.slice(cursorPrefix.length);
  if (!cursor.startsWith(cursorPrefix) || hex.length === 0 || hex.length % 4 !== 0 || !/^[0-9a-f]+$/.test(hex)) return undefined;
  let key = "";
  for (let at = 0; at < hex.length; at += 4) key += String.fromCharCode(parseInt(hex.slice(at, at + 4), 16));
  return key;
}
