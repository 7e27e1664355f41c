// `ctx.storage` of a Durable Object. The key-value methods are asynchronous calls the world
// answers from the object's SQLite database; `sql.exec` is synchronous, as on the platform, and
// goes through the host's synchronous channel.
import { callHost } from "../runtime/calls.ts";
import { hostSync } from "../runtime/host.ts";
import { arrayAppend, ArrayIsArray, MapCtor, MapPrototypeSet, ObjectKeys } from "../runtime/primordials.ts";
import { structuredClone } from "../web/index.ts";
import { createSqlCursor } from "./sql-cursor.ts";

type Entries = [string, unknown][];
type Op = { op: "put"; entries: Entries } | { op: "delete"; keys: string[] };

function entriesOf(keyOrEntries: unknown, value: unknown): Entries {
  if (typeof keyOrEntries === "string") return [[keyOrEntries, structuredClone(value)]];
  if (keyOrEntries === null || typeof keyOrEntries !== "object") throw new TypeError("storage.put: expected a key and a value, or an object of entries");
  const object = keyOrEntries as Record<string, unknown>;
  const keys = ObjectKeys(object);
  const entries: Entries = [];
  for (let i = 0; i < keys.length; i++) arrayAppend(entries, [keys[i]!, structuredClone(object[keys[i]!])] as [string, unknown]);
  return entries;
}

function keysOf(method: string, keyOrKeys: unknown): string[] {
  const keys = ArrayIsArray(keyOrKeys) ? keyOrKeys : [keyOrKeys];
  for (let i = 0; i < keys.length; i++) if (typeof keys[i] !== "string") throw new TypeError(`storage.${method}: keys must be strings`);
  return keys as string[];
}

/** A Map of entries, filled with the original Map.prototype.set (never `new Map(iterable)`). */
function toMap(entries: Entries): Map<string, unknown> {
  const map = new MapCtor<string, unknown>();
  for (let i = 0; i < entries.length; i++) MapPrototypeSet(map, entries[i]![0], entries[i]![1]);
  return map;
}

function listOptions(options: unknown): Record<string, unknown> {
  const source = (options ?? {}) as Record<string, unknown>;
  const picked: Record<string, unknown> = {};
  const names = ["start", "startAfter", "end", "prefix", "reverse", "limit"];
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (source[name] !== undefined) picked[name] = source[name];
  }
  return picked;
}

export function createObjectStorage(objectId: string): object {
  const target = { type: "storage", objectId } as const;
  // Replies stay in their null-prototype box until taken apart here (see callHost).
  const call = (method: string, args: unknown[]) => callHost(target, method, args);

  async function get(keyOrKeys: unknown) {
    const keys = keysOf("get", keyOrKeys);
    const found = ((await call("get", [keys])).value) as Entries;
    if (!ArrayIsArray(keyOrKeys)) return found.length > 0 ? found[0]![1] : undefined;
    return toMap(found);
  }
  async function list(options?: unknown) {
    return toMap((await call("list", [listOptions(options)])).value as Entries);
  }
  async function transaction(closure: (txn: object) => unknown) {
    const ops: Op[] = [];
    let rolledBack = false;
    const txn = {
      get,
      list,
      put: async (keyOrEntries: unknown, value?: unknown) => void arrayAppend<Op>(ops, { op: "put", entries: entriesOf(keyOrEntries, value) }),
      delete: async (keyOrKeys: unknown) => void arrayAppend<Op>(ops, { op: "delete", keys: keysOf("delete", keyOrKeys) }),
      rollback: () => void (rolledBack = true),
    };
    // Writes are buffered and applied in one atomic batch when the closure succeeds; a throw or
    // rollback() discards them. Reads inside see committed state only (documented limitation).
    const result = await closure(Object.freeze(txn));
    if (!rolledBack && ops.length > 0) await call("transaction", [ops]);
    return result;
  }
  const sql = Object.freeze({
    exec(query: unknown, ...params: unknown[]) {
      if (typeof query !== "string") throw new TypeError("sql.exec: the query must be a string");
      return createSqlCursor(hostSync({ type: "sql", objectId, query, params }) as never);
    },
    get databaseSize() {
      return 0;
    },
  });
  return Object.freeze({
    get,
    list,
    transaction,
    sql,
    async put(keyOrEntries: unknown, value?: unknown) {
      await call("put", [entriesOf(keyOrEntries, value)]);
    },
    async delete(keyOrKeys: unknown) {
      const deleted = ((await call("delete", [keysOf("delete", keyOrKeys)])).value) as number;
      return ArrayIsArray(keyOrKeys) ? deleted : deleted > 0;
    },
    async deleteAll() {
      await call("deleteAll", []);
    },
    async getAlarm() {
      return ((await call("getAlarm", [])).value) as number | null;
    },
    async setAlarm(time: unknown) {
      const ms = time instanceof Date ? time.getTime() : Number(time);
      if (!Number.isFinite(ms)) throw new TypeError("storage.setAlarm: expected a Date or milliseconds since the epoch");
      await call("setAlarm", [ms]);
    },
    async deleteAlarm() {
      await call("deleteAlarm", []);
    },
  });
}
