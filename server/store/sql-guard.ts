// What learner SQL may not do, as on the platform: touch the reserved `_cf_` tables (they hold
// the KV API's data and the alarm), attach other databases, change the connection with PRAGMA
// (a few read-only introspection pragmas excepted), VACUUM, or manage transactions by hand
// (storage.transaction() does that, with automatic rollback).
//
// better-sqlite3 does not expose SQLite's authorizer hook, so this checks the tokens. A string
// literal that starts with "_cf_" is refused too, since SQLite accepts 'name' as a table name:
// bind such data as a parameter instead.

import type { SqlStatement } from "./sql-statements.ts";

/** Functions the host registers on every connection; learner SQL cannot call them. */
export const hostFunctionPrefix = "edge_playground_";
const forbiddenFirstWords = new Set(["ATTACH", "DETACH", "VACUUM"]);
const transactionWords = new Set(["BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"]);
const allowedPragmas = new Set([
  "TABLE_INFO", "TABLE_XINFO", "TABLE_LIST", "INDEX_LIST", "INDEX_INFO", "INDEX_XINFO",
  "FOREIGN_KEY_LIST", "FOREIGN_KEYS", "DEFER_FOREIGN_KEYS",
]);

/** Why the statement is refused, or null when it may run. */
export function forbiddenReason(statement: SqlStatement): string | null {
  const reserved = [...statement.words, ...statement.quoted].find((name) => name.toLowerCase().startsWith("_cf_"));
  if (reserved !== undefined) {
    return `access to ${reserved} is prohibited: names starting with _cf_ are reserved for the storage API: SQLITE_AUTH`;
  }
  // The host's own deadline function (native/sqlite-limits.c): to learner SQL it does not exist.
  const hostOnly = statement.words.find((word) => word.toLowerCase().startsWith(hostFunctionPrefix));
  if (hostOnly !== undefined) return `no such function: ${hostOnly.toLowerCase()}: SQLITE_ERROR`;
  const first = statement.words[0] ?? "";
  if (forbiddenFirstWords.has(first)) return `${first} is not allowed in Durable Object SQL: SQLITE_AUTH`;
  if (transactionWords.has(first)) {
    return `${first}: to run a transaction use ctx.storage.transaction() instead of BEGIN/COMMIT/SAVEPOINT statements; it rolls back automatically on exceptions: SQLITE_AUTH`;
  }
  if (first === "PRAGMA") {
    const name = statement.words[1] === "MAIN" ? statement.words[2] : statement.words[1];
    if (name === undefined || !allowedPragmas.has(name)) {
      return `PRAGMA ${name?.toLowerCase() ?? ""} is not allowed; permitted: ${[...allowedPragmas].map((p) => p.toLowerCase()).join(", ")}: SQLITE_AUTH`;
    }
  }
  return null;
}
