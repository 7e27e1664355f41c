// V8 code cache for learners' modules, keyed by a hash of the source. Only data this process
// produced is ever used: cached data from users could run arbitrary code (CVE-2022-39266).
import type ivm from "isolated-vm";
import { createHash } from "node:crypto";

export class CodeCache {
  readonly #entries = new Map<string, ivm.ExternalCopy<ArrayBuffer>>();
  readonly #entriesMax: number;

  constructor(entriesMax: number) {
    this.#entriesMax = entriesMax;
  }

  static keyFor(fileName: string, code: string): string {
    return createHash("sha256").update(fileName).update("\0").update(code).digest("hex");
  }

  get(key: string): ivm.ExternalCopy<ArrayBuffer> | undefined {
    const data = this.#entries.get(key);
    if (data !== undefined) {
      // Re-insert to mark as most recently used.
      this.#entries.delete(key);
      this.#entries.set(key, data);
    }
    return data;
  }

  set(key: string, data: ivm.ExternalCopy<ArrayBuffer>): void {
    this.#entries.delete(key);
    this.#entries.set(key, data);
    while (this.#entries.size > this.#entriesMax) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.get(oldest)?.release();
      this.#entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.#entries.get(key)?.release();
    this.#entries.delete(key);
  }
}
