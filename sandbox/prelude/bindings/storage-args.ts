// The argument forms `ctx.storage` accepts, as workerd reads them (measured against Miniflare):
// keys are strings after JavaScript's string conversion (`put(1, v)` stores key "1"), an object
// first argument is a set of entries, `undefined` is refused, list options are converted and
// checked, an alarm time is a Date or a number. The messages are workerd's.
import { arrayAppend, ArrayIsArray, ObjectKeys, StringCtor, StringPrototypeSlice } from "../runtime/primordials.ts";
import { structuredClone } from "../web/index.ts";

export type Entries = [string, unknown][];

const notStringOrArray = (method: string) => new TypeError(`Failed to execute '${method}' on 'DurableObjectStorage': parameter 1 is not of type 'string or Array'.`);

function keyOf(method: string, key: unknown): string {
  if (key === undefined || typeof key === "symbol") throw notStringOrArray(method);
  return StringCtor(key);
}

/** `get(key)` / `get([keys])`, `delete(key)` / `delete([keys])`: the keys and whether an array was given. */
export function keysOf(method: string, keyOrKeys: unknown): { keys: string[]; many: boolean } {
  if (!ArrayIsArray(keyOrKeys)) return { keys: [keyOf(method, keyOrKeys)], many: false };
  const keys: string[] = [];
  for (let i = 0; i < keyOrKeys.length; i++) arrayAppend(keys, keyOf(method, keyOrKeys[i]));
  return { keys, many: true };
}

const putForms = "put() may only be called with a single key-value pair and optional options as put(key, value, options) or with multiple key-value pairs and optional options as put(entries, options)";

/** `put(key, value, options?)` or `put(entries, options?)`; values are structured clones. */
export function entriesOf(keyOrEntries: unknown, value: unknown): Entries {
  if (keyOrEntries !== null && typeof keyOrEntries === "object") {
    if (value !== undefined && (value === null || typeof value !== "object")) throw new TypeError(putForms);
    const object = keyOrEntries as Record<string, unknown>;
    const keys = ObjectKeys(object);
    const entries: Entries = [];
    for (let i = 0; i < keys.length; i++) {
      // workerd stores an entry whose value is undefined (only put(key, undefined) is refused).
      arrayAppend(entries, [keys[i]!, structuredClone(object[keys[i]!])] as [string, unknown]);
    }
    return entries;
  }
  const key = keyOf("put", keyOrEntries);
  if (value === undefined) throw new TypeError("put() called with undefined value.");
  return [[key, structuredClone(value)]];
}

export interface ListOptions {
  start?: string;
  startAfter?: string;
  end?: string;
  prefix?: string;
  reverse?: boolean;
  limit?: number;
}

/** list()'s options, converted as workerd converts them (strings, a boolean, a positive limit). */
export function listOptionsOf(options: unknown): ListOptions {
  const source = (options ?? { __proto__: null }) as Record<string, unknown>;
  const picked: ListOptions = {};
  const strings = ["start", "startAfter", "end", "prefix"] as const;
  for (let i = 0; i < strings.length; i++) {
    const value = source[strings[i]!];
    if (value !== undefined) picked[strings[i]!] = StringCtor(value);
  }
  if (picked.start !== undefined && picked.startAfter !== undefined) throw new TypeError("list() cannot be called with both start and startAfter values.");
  if (source.reverse !== undefined) picked.reverse = Boolean(source.reverse);
  if (source.limit !== undefined) {
    const limit = Number(source.limit);
    if (!(limit > 0)) throw new TypeError("List limit must be positive.");
    picked.limit = Math.trunc(limit);
  }
  return picked;
}

/** setAlarm's time: a Date or milliseconds since the epoch. */
export function alarmTimeOf(time: unknown): number {
  if (time instanceof Date) return time.getTime();
  if (typeof time === "number" && Number.isFinite(time)) return time;
  throw new TypeError("Failed to execute 'setAlarm' on 'DurableObjectStorage': parameter 1 is not of type 'date'.");
}

/** Whether `key` falls within list()'s range and prefix. */
export function inRange(key: string, o: ListOptions): boolean {
  if (o.prefix !== undefined && StringPrototypeSlice(key, 0, o.prefix.length) !== o.prefix) return false;
  if (o.start !== undefined && key < o.start) return false;
  if (o.startAfter !== undefined && key <= o.startAfter) return false;
  if (o.end !== undefined && key >= o.end) return false;
  return true;
}
