/*
 * SQLite's run-time limits for Durable Object databases, as workerd sets them (measured through
 * Miniflare: a string, BLOB or row of at most 2,200,000 bytes, "2 MB" in the platform's docs; a
 * statement of at most 100,000 bytes; 100 columns; 100 bound parameters).
 *
 * better-sqlite3 has no JavaScript API for sqlite3_limit(), and SQLite's heap-limit pragmas are
 * not enforced in its build (SQLITE_DEFAULT_MEMSTATUS=0), so this tiny loadable extension sets
 * the limits on each connection it is loaded into. With them SQLite refuses an oversized value
 * (SQLITE_TOOBIG) before allocating it: `SELECT zeroblob(500000000)` costs the host nothing.
 * The numbers are mirrored in sqlite-limits.ts (sqliteLimits), and a test checks they agree.
 */
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT1

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_extension_init(sqlite3 *db, char **error, const sqlite3_api_routines *api) {
  SQLITE_EXTENSION_INIT2(api);
  (void)error;
  sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 2200000);
  sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, 100000);
  sqlite3_limit(db, SQLITE_LIMIT_COLUMN, 100);
  sqlite3_limit(db, SQLITE_LIMIT_VARIABLE_NUMBER, 100);
  return SQLITE_OK;
}
