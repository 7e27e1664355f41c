// Headers as in the Fetch Standard and the Workers runtime: names are lower-cased, `append`
// joins repeated values with ", " except Set-Cookie (kept separate, read with getSetCookie),
// iteration is in sorted name order, and headers of incoming requests and fetched responses
// are immutable. Storage is a null-prototype record behind a #private field, and every
// internal operation uses captured builtins, so worker code that patches Array.prototype or
// Object.prototype cannot break or observe what the runtime reads through headerPairs().

import {
  ReflectApply,
  ArrayPrototypeJoin,
  ArrayPrototypeSort,
  ObjectCreate,
  ObjectKeys,
  SafeString,
  SafeSymbolIterator,
  SafeSymbolToStringTag,
  SafeTypeError,
  StringPrototypeCharCodeAt,
  StringPrototypeSlice,
  StringPrototypeToLowerCase,
  arrayAppend,
  listAppend,
  runtimeList,
  type RuntimeList,
} from "./primordials.ts";

export type HeadersGuard = "none" | "immutable";
export type HeadersInit = Headers | Iterable<Iterable<string>> | Record<string, string>;
type HeaderPair = [string, string];

const setCookieName = "set-cookie";
/** Characters allowed in a header name besides ASCII letters and digits (RFC 9110 tchar). */
const tokenPunctuation = "!#$%&'*+-.^_`|~";

function isTokenCode(code: number): boolean {
  if ((code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) return true;
  for (let index = 0; index < tokenPunctuation.length; index++) {
    if (StringPrototypeCharCodeAt(tokenPunctuation, index) === code) return true;
  }
  return false;
}

/** True when `text` is a non-empty RFC 9110 token (header names, HTTP methods). */
export function isToken(text: string): boolean {
  if (text.length === 0) return false;
  for (let index = 0; index < text.length; index++) {
    if (!isTokenCode(StringPrototypeCharCodeAt(text, index))) return false;
  }
  return true;
}

function isHttpWhitespace(code: number): boolean {
  return code === 0x09 || code === 0x0a || code === 0x0d || code === 0x20;
}

/** Validates and lower-cases a header name. */
export function normalizeHeaderName(raw: unknown): string {
  const name = SafeString(raw);
  if (!isToken(name)) throw new SafeTypeError(`Invalid header name: "${name}". A header name must be a non-empty HTTP token.`);
  return StringPrototypeToLowerCase(name);
}

/** Strips leading/trailing HTTP whitespace and rejects NUL, CR, LF and non-Latin-1 characters. */
export function normalizeHeaderValue(raw: unknown, name: string): string {
  const text = SafeString(raw);
  let start = 0;
  let end = text.length;
  while (start < end && isHttpWhitespace(StringPrototypeCharCodeAt(text, start))) start++;
  while (end > start && isHttpWhitespace(StringPrototypeCharCodeAt(text, end - 1))) end--;
  const value = StringPrototypeSlice(text, start, end);
  for (let index = 0; index < value.length; index++) {
    const code = StringPrototypeCharCodeAt(value, index);
    if (code === 0x00 || code === 0x0a || code === 0x0d || code > 0xff) {
      throw new SafeTypeError(`Invalid header value for "${name}": values may not contain NUL, CR, LF or characters above U+00FF.`);
    }
  }
  return value;
}

// Module-private accessors to the #private state, assigned in the class's static block.
let headersState: (headers: Headers) => { values: Record<string, string>; setCookies: string[]; guard: HeadersGuard };
let guardSetter: (headers: Headers, guard: HeadersGuard) => void;
let headersBrand: (value: unknown) => boolean;

export class Headers {
  /** Combined value per lower-case name, Set-Cookie excepted. Null prototype: no inherited keys. */
  #values = ObjectCreate(null) as Record<string, string>;
  #setCookies: string[] = [];
  #guard: HeadersGuard = "none";

  static {
    headersState = (headers) => ({ values: headers.#values, setCookies: headers.#setCookies, guard: headers.#guard });
    guardSetter = (headers, guard) => {
      headers.#guard = guard;
    };
    headersBrand = (value) => typeof value === "object" && value !== null && #values in value;
  }

  constructor(init?: HeadersInit) {
    if (init === undefined) return;
    if (typeof init !== "object" || init === null) {
      throw new SafeTypeError("Headers: init must be a Headers object, an array of [name, value] pairs or a record of names to values.");
    }
    if (isHeaders(init)) {
      copyHeaders(init, this);
    } else if (typeof (init as { [Symbol.iterator]?: unknown })[SafeSymbolIterator] === "function") {
      for (const pair of init as Iterable<Iterable<string>>) {
        const items = typeof pair === "object" && pair !== null ? [...pair] : [];
        if (items.length !== 2) throw new SafeTypeError("Headers: each header pair must be an array of exactly [name, value].");
        this.append(items[0], items[1]);
      }
    } else {
      const record = init as Record<string, unknown>;
      const keys = ObjectKeys(record);
      for (let index = 0; index < keys.length; index++) this.append(keys[index], record[keys[index]!]);
    }
  }

  append(name: unknown, value: unknown): void {
    const key = normalizeHeaderName(name);
    appendNormalized(this, key, normalizeHeaderValue(value, key));
  }

  set(name: unknown, value: unknown): void {
    const key = normalizeHeaderName(name);
    const normalized = normalizeHeaderValue(value, key);
    assertMutable(this);
    removeName(this, key);
    appendNormalized(this, key, normalized);
  }

  delete(name: unknown): void {
    const key = normalizeHeaderName(name);
    assertMutable(this);
    removeName(this, key);
  }

  get(name: unknown): string | null {
    const key = normalizeHeaderName(name);
    if (key === setCookieName) return this.#setCookies.length === 0 ? null : ArrayPrototypeJoin(this.#setCookies, ", ");
    return this.#values[key] ?? null;
  }

  has(name: unknown): boolean {
    const key = normalizeHeaderName(name);
    return key === setCookieName ? this.#setCookies.length > 0 : this.#values[key] !== undefined;
  }

  /** Each Set-Cookie value on its own, since cookies cannot be joined with commas safely. */
  getSetCookie(): string[] {
    const copy: string[] = [];
    for (let index = 0; index < this.#setCookies.length; index++) arrayAppend(copy, this.#setCookies[index]!);
    return copy;
  }

  forEach(callback: (value: string, name: string, headers: Headers) => void, thisArg?: unknown): void {
    if (typeof callback !== "function") throw new SafeTypeError("Headers.forEach: callback must be a function.");
    const pairs = headerPairs(this);
    for (let index = 0; index < pairs.length; index++) {
      const pair = pairs[index]!;
      ReflectApply(callback, thisArg, [pair[1], pair[0], this]);
    }
  }

  entries(): HeadersIterator<HeaderPair> {
    return new HeadersIterator(headerPairs(this), (pair) => [pair[0], pair[1]]);
  }

  keys(): HeadersIterator<string> {
    return new HeadersIterator(headerPairs(this), (pair) => pair[0]);
  }

  values(): HeadersIterator<string> {
    return new HeadersIterator(headerPairs(this), (pair) => pair[1]);
  }

  [Symbol.iterator](): HeadersIterator<HeaderPair> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return "Headers";
  }
}

/**
 * Iterates a snapshot taken when the iterator was created; changing the Headers while
 * iterating does not skip or repeat entries.
 */
class HeadersIterator<T> {
  readonly #pairs: HeaderPair[];
  readonly #project: (pair: HeaderPair) => T;
  #index = 0;

  constructor(pairs: HeaderPair[], project: (pair: HeaderPair) => T) {
    this.#pairs = pairs;
    this.#project = project;
  }

  next(): IteratorResult<T, undefined> {
    if (this.#index >= this.#pairs.length) return { value: undefined, done: true };
    return { value: this.#project(this.#pairs[this.#index++]!), done: false };
  }

  [Symbol.iterator](): this {
    return this;
  }

  get [SafeSymbolToStringTag](): string {
    return "Headers Iterator";
  }
}

function assertMutable(headers: Headers): void {
  if (headersState(headers).guard === "immutable") throw new SafeTypeError("Can't modify immutable headers.");
}

function appendNormalized(headers: Headers, name: string, value: string): void {
  assertMutable(headers);
  const { values, setCookies } = headersState(headers);
  if (name === setCookieName) {
    arrayAppend(setCookies, value);
    return;
  }
  const existing = values[name];
  values[name] = existing === undefined ? value : existing + ", " + value;
}

function removeName(headers: Headers, name: string): void {
  const state = headersState(headers);
  if (name === setCookieName) state.setCookies.length = 0;
  else delete state.values[name];
}

function copyHeaders(from: Headers, to: Headers): void {
  const source = headersState(from);
  const target = headersState(to);
  const names = ObjectKeys(source.values);
  for (let index = 0; index < names.length; index++) target.values[names[index]!] = source.values[names[index]!]!;
  for (let index = 0; index < source.setCookies.length; index++) arrayAppend(target.setCookies, source.setCookies[index]!);
}

/** The sorted, combined name/value pairs; Set-Cookie values come out one pair each. */
export function headerPairs(headers: Headers): RuntimeList<HeaderPair> {
  const { values, setCookies } = headersState(headers);
  const names = ObjectKeys(values);
  if (setCookies.length > 0) arrayAppend(names, setCookieName);
  ArrayPrototypeSort(names, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // Read by the runtime (iterators, forEach) and copied to the host on the wire; never handed out.
  const pairs = runtimeList<HeaderPair>();
  for (let index = 0; index < names.length; index++) {
    const name = names[index]!;
    if (name !== setCookieName) {
      listAppend(pairs, [name, values[name]!]);
      continue;
    }
    for (let cookie = 0; cookie < setCookies.length; cookie++) listAppend(pairs, [name, setCookies[cookie]!]);
  }
  return pairs;
}

/** Builds Headers from trusted pairs (the wire) or copies another Headers, with a guard. */
export function headersFromPairs(pairs: readonly (readonly [string, string])[], guard: HeadersGuard): Headers {
  const headers = new Headers();
  for (let index = 0; index < pairs.length; index++) {
    const pair = pairs[index]!;
    const name = normalizeHeaderName(pair[0]);
    appendNormalized(headers, name, normalizeHeaderValue(pair[1], name));
  }
  setHeadersGuard(headers, guard);
  return headers;
}

export function copyHeadersWithGuard(source: Headers, guard: HeadersGuard): Headers {
  const headers = new Headers();
  copyHeaders(source, headers);
  setHeadersGuard(headers, guard);
  return headers;
}

export function setHeadersGuard(headers: Headers, guard: HeadersGuard): void {
  guardSetter(headers, guard);
}

export function headersGuard(headers: Headers): HeadersGuard {
  return headersState(headers).guard;
}

export function isHeaders(value: unknown): value is Headers {
  return headersBrand(value);
}
