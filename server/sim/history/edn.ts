// A reader and writer for the part of EDN that Jepsen histories use: maps, vectors, lists,
// sets, keywords, strings, integers, floats, nil and booleans. Keywords read as `Keyword`
// values so that `:ok` and the string "ok" stay apart.

import { err, ok, type Result, type SimError } from "../core/result.ts";

export class Keyword {
  constructor(readonly name: string) {}
  toString(): string {
    return `:${this.name}`;
  }
}

export type Edn = null | boolean | number | string | Keyword | Edn[] | EdnMap;
export type EdnMap = Map<string, Edn>;

/** Reads every top-level form of `text` (a file of op maps, one per line, or one vector). */
export function readEdnForms(text: string): Result<Edn[], SimError> {
  const reader = new Reader(text);
  const forms: Edn[] = [];
  try {
    for (reader.skip(); !reader.done(); reader.skip()) forms.push(reader.form());
  } catch (e) {
    return err({ code: "bad_edn", message: (e as Error).message });
  }
  return ok(forms);
}

const delimiters = new Set([..."()[]{}\",; \t\r\n"]);

class Reader {
  private i = 0;
  constructor(private readonly s: string) {}

  done(): boolean {
    return this.i >= this.s.length;
  }

  skip(): void {
    while (this.i < this.s.length) {
      const c = this.s[this.i]!;
      if (c === ";") while (this.i < this.s.length && this.s[this.i] !== "\n") this.i++;
      else if (c === "," || c === " " || c === "\t" || c === "\r" || c === "\n") this.i++;
      else return;
    }
  }

  private fail(what: string): never {
    const line = this.s.slice(0, this.i).split("\n").length;
    throw new Error(`EDN: ${what} at line ${line}`);
  }

  form(): Edn {
    this.skip();
    const c = this.s[this.i];
    if (c === undefined) this.fail("unexpected end of input");
    if (c === "{") return this.map();
    if (c === "[" || c === "(") return this.seq(c === "[" ? "]" : ")");
    if (c === "#" && this.s[this.i + 1] === "{") {
      this.i++;
      return this.seq("}");
    }
    if (c === "\"") return this.string();
    if (c === ":") {
      this.i++;
      return new Keyword(this.token());
    }
    return this.atom(this.token());
  }

  private seq(close: string): Edn[] {
    this.i++;
    const items: Edn[] = [];
    for (this.skip(); this.s[this.i] !== close; this.skip()) {
      if (this.done()) this.fail(`missing ${close}`);
      items.push(this.form());
    }
    this.i++;
    return items;
  }

  private map(): EdnMap {
    const items = this.seq("}");
    if (items.length % 2 !== 0) this.fail("a map needs an even number of forms");
    const map: EdnMap = new Map();
    for (let k = 0; k < items.length; k += 2) {
      const key = items[k]!;
      map.set(key instanceof Keyword ? key.name : JSON.stringify(key), items[k + 1]!);
    }
    return map;
  }

  private string(): string {
    let out = "";
    for (this.i++; this.s[this.i] !== "\""; this.i++) {
      if (this.done()) this.fail("unterminated string");
      const c = this.s[this.i]!;
      if (c !== "\\") {
        out += c;
        continue;
      }
      const e = this.s[++this.i];
      out += e === "n" ? "\n" : e === "t" ? "\t" : e === "r" ? "\r" : (e ?? "");
    }
    this.i++;
    return out;
  }

  private token(): string {
    const start = this.i;
    while (this.i < this.s.length && !delimiters.has(this.s[this.i]!)) this.i++;
    if (this.i === start) this.fail(`unexpected ${JSON.stringify(this.s[this.i])}`);
    return this.s.slice(start, this.i);
  }

  private atom(token: string): Edn {
    if (token === "nil") return null;
    if (token === "true") return true;
    if (token === "false") return false;
    if (/^[-+]?\d+N?$/.test(token)) return Number(token.replace(/N$/, ""));
    if (/^[-+]?\d*\.\d+(e[-+]?\d+)?M?$/i.test(token)) return Number(token.replace(/M$/, ""));
    return token; // a symbol: kept as its name
  }
}

/** Writes a value as EDN; map keys given as plain strings are written as keywords. */
export function writeEdn(value: Edn): string {
  if (value === null) return "nil";
  if (typeof value === "boolean" || typeof value === "number") return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (value instanceof Keyword) return value.toString();
  if (Array.isArray(value)) return `[${value.map(writeEdn).join(" ")}]`;
  return `{${[...value.entries()].map(([k, v]) => `:${k} ${writeEdn(v)}`).join(", ")}}`;
}
