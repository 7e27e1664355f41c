// `ctx.storage` of a Durable Object. The key-value methods are asynchronous calls the world
// answers from the object's SQLite database; `sql.exec` is synchronous, as on the platform, and
// goes through the host's synchronous channel. The argument forms are storage-args.ts.
import { callHost } from "../runtime/calls.ts";
import { hostSync } from "../runtime/host.ts";
import { arrayAppend, ArrayPrototypeIncludes, ArrayPrototypeSlice, MapCtor, MapPrototypeGet, MapPrototypeHas, MapPrototypeSet } from "../runtime/primordials.ts";
import { ArrayPrototypeSort } from "../web/primordials.ts";
import { createSqlCursor } from "./sql-cursor.ts";
import { alarmTimeOf, entriesOf, inRange, keysOf, listOptionsOf, type Entries, type ListOptions } from "./storage-args.ts";

type Op = { op: "put"; entries: Entries } | { op: "delete"; keys: string[] };

/** A Map of entries, filled with the original Map.prototype.set (never `new Map(iterable)`). */
function toMap(entries: Entries): Map<string, unknown> {
  const map = new MapCtor<string, unknown>();
  for (let i = 0; i < entries.length; i++) MapPrototypeSet(map, entries[i]![0], entries[i]![1]);
  return map;
}

type Call = (method: string, args: unknown[]) => Promise<{ value: unknown }>;

/**
 * A transaction's writes are buffered and applied in one atomic batch when its closure succeeds
 * (a throw or rollback() discards them); its reads see its own buffered writes over the
 * committed state, as on the platform.
 */
function createTransaction(call: Call, base: { get: (k: unknown) => Promise<unknown>; getAlarm: () => Promise<unknown>; setAlarm: (t: unknown) => Promise<void>; deleteAlarm: () => Promise<void> }) {
  const ops: Op[] = [];
  // The transaction's own writes, last one per key; a null value is a delete.
  const pending = new MapCtor<string, { value: unknown } | null>();
  const pendingKeys: string[] = [];
  let rolledBack = false;
  const record = (key: string, write: { value: unknown } | null) => {
    if (!MapPrototypeHas(pending, key)) arrayAppend(pendingKeys, key);
    MapPrototypeSet(pending, key, write);
  };
  // Committed entries with this transaction's writes over them (in the committed order), then
  // the keys it added that `keep` selects.
  const overlay = (entries: Entries, keep: (key: string) => boolean): Entries => {
    const out: Entries = [];
    const seen = new MapCtor<string, boolean>();
    for (let i = 0; i < entries.length; i++) {
      const [key, value] = entries[i]!;
      MapPrototypeSet(seen, key, true);
      const write = MapPrototypeGet(pending, key);
      if (write === undefined) arrayAppend(out, [key, value] as [string, unknown]);
      else if (write !== null) arrayAppend(out, [key, write.value] as [string, unknown]);
    }
    for (let i = 0; i < pendingKeys.length; i++) {
      const key = pendingKeys[i]!;
      const write = MapPrototypeGet(pending, key);
      if (write !== null && write !== undefined && keep(key) && !MapPrototypeHas(seen, key)) arrayAppend(out, [key, write.value] as [string, unknown]);
    }
    return out;
  };
  const txn = {
    async get(keyOrKeys: unknown) {
      const { keys, many } = keysOf("get", keyOrKeys);
      const found = overlay((await call("get", [keys])).value as Entries, (key) => ArrayPrototypeIncludes(keys, key));
      if (!many) return found.length > 0 ? found[0]![1] : undefined;
      return toMap(found);
    },
    async list(options?: unknown) {
      const o: ListOptions = listOptionsOf(options);
      const { limit, ...range } = o;
      const merged = overlay((await call("list", [range])).value as Entries, (key) => inRange(key, o));
      ArrayPrototypeSort(merged, (a: [string, unknown], b: [string, unknown]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0) * (o.reverse === true ? -1 : 1));
      return toMap(limit === undefined ? merged : ArrayPrototypeSlice(merged, 0, limit));
    },
    async put(keyOrEntries: unknown, value?: unknown) {
      const entries = entriesOf(keyOrEntries, value);
      for (let i = 0; i < entries.length; i++) record(entries[i]![0], { value: entries[i]![1] });
      arrayAppend<Op>(ops, { op: "put", entries });
    },
    async delete(keyOrKeys: unknown) {
      const { keys, many } = keysOf("delete", keyOrKeys);
      const existing = (await txn.get(keys)) as Map<string, unknown>;
      for (let i = 0; i < keys.length; i++) record(keys[i]!, null);
      arrayAppend<Op>(ops, { op: "delete", keys });
      return many ? existing.size : existing.size > 0;
    },
    rollback: () => void (rolledBack = true),
    getAlarm: base.getAlarm,
    setAlarm: base.setAlarm,
    deleteAlarm: base.deleteAlarm,
  };
  const commit = async () => {
    if (!rolledBack && ops.length > 0) await call("transaction", [ops]);
  };
  return { txn: Object.freeze(txn), commit };
}

export function createObjectStorage(objectId: string, hasAlarmHandler: () => boolean = () => true): object {
  const target = { type: "storage", objectId } as const;
  // Replies stay in their null-prototype box until taken apart here (see callHost).
  const call: Call = (method, args) => callHost(target, method, args);

  async function get(keyOrKeys: unknown) {
    const { keys, many } = keysOf("get", keyOrKeys);
    const found = ((await call("get", [keys])).value) as Entries;
    if (!many) return found.length > 0 ? found[0]![1] : undefined;
    return toMap(found);
  }
  async function list(options?: unknown) {
    return toMap((await call("list", [listOptionsOf(options)])).value as Entries);
  }
  async function getAlarm() {
    return ((await call("getAlarm", [])).value) as number | null;
  }
  async function setAlarm(time: unknown) {
    const ms = alarmTimeOf(time);
    if (!hasAlarmHandler()) throw new TypeError("Your Durable Object class must have an alarm() handler in order to call setAlarm()");
    await call("setAlarm", [ms]);
  }
  async function deleteAlarm() {
    await call("deleteAlarm", []);
  }
  async function transaction(closure: (txn: object) => unknown) {
    const { txn, commit } = createTransaction(call, { get, getAlarm, setAlarm, deleteAlarm });
    const result = await closure(txn);
    await commit();
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
      const { keys, many } = keysOf("delete", keyOrKeys);
      const deleted = ((await call("delete", [keys])).value) as number;
      return many ? deleted : deleted > 0;
    },
    async deleteAll() {
      await call("deleteAll", []);
    },
    getAlarm,
    setAlarm,
    deleteAlarm,
    /** Writes are durable once their call is answered, so there is nothing left to flush. */
    async sync() {},
  });
}
