// Errors a learner's code can cause are values, not exceptions (STYLE.md rule 6).

export type KvErrorCode =
  | "invalid_key"
  | "key_too_long"
  | "value_too_large"
  | "invalid_metadata"
  | "metadata_too_large"
  | "invalid_expiration"
  | "invalid_expiration_ttl"
  | "invalid_cache_ttl"
  | "invalid_list_limit"
  | "invalid_cursor"
  | "rate_limited";

export interface KvError {
  code: KvErrorCode;
  /** Worded like the platform's (`KV PUT failed: 4xx ...`); names the field and quotes the limit. */
  message: string;
}

export type KvResult<T> = { ok: true; value: T } | { ok: false; error: KvError };

export type KvOperation = "GET" | "PUT" | "DELETE" | "LIST";

export function kvOk<T>(value: T): KvResult<T> {
  return { ok: true, value };
}

export function kvErr<T = never>(op: KvOperation, status: number, code: KvErrorCode, detail: string): KvResult<T> {
  return { ok: false, error: { code, message: `KV ${op} failed: ${status} ${detail}` } };
}
