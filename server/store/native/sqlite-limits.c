/*
 * SQLite's run-time limits for Durable Object databases, as workerd sets them (measured through
 * Miniflare: a string, BLOB or row of at most 2,200,000 bytes, "2 MB" in the platform's docs; a
 * statement of at most 100,000 bytes; 100 columns; 100 bound parameters).
 *
 * better-sqlite3 has no JavaScript API for sqlite3_limit(), and SQLite's heap-limit pragmas are
 * not enforced in its build (SQLITE_DEFAULT_MEMSTATUS=0), so this tiny loadable extension sets
 * the limits on each connection it is loaded into. With them SQLite refuses an oversized value
 * (SQLITE_TOOBIG) before allocating it: `SELECT zeroblob(500000000)` costs the host nothing.
 *
 * It also bounds the time of one learner query. better-sqlite3 cannot interrupt a statement and
 * its build leaves out SQLite's progress handler, so an endless `WITH RECURSIVE` used to block
 * the world process until the supervisor killed it, with every session it held. The host arms a
 * deadline around a query with `SELECT edge_playground_deadline(ms)` (0 disarms); a watcher
 * thread calls sqlite3_interrupt() on the armed connection when the deadline passes, which
 * SQLite allows from another thread, and the query fails with SQLITE_INTERRUPT. The deadline is
 * in CPU time of the thread that runs the query, not wall time, so a loaded machine (whose other
 * processes take turns on the core) does not interrupt an ordinary large query.
 *
 * The numbers are mirrored in sqlite-limits.ts (sqliteLimits), and a test checks they agree.
 */
#include <pthread.h>
#include <stddef.h>
#include <time.h>
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT1

/*
 * One armed query at a time: a world process runs its databases on one thread. The watcher
 * holds the lock while it interrupts, and disarming takes the lock, so it never interrupts a
 * connection after its query returned.
 */
static pthread_mutex_t deadline_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t deadline_changed;
static pthread_once_t deadline_once = PTHREAD_ONCE_INIT;
static sqlite3 *armed_db = NULL;
static clockid_t armed_clock;
static struct timespec armed_until;
/* How often the watcher reads the query thread's CPU clock while a query is armed. */
#define POLL_NS 5000000L
static int watcher_started = 0;

static void add_ns(struct timespec *t, long long ns) {
  t->tv_sec += (time_t)(ns / 1000000000LL);
  t->tv_nsec += (long)(ns % 1000000000LL);
  if (t->tv_nsec >= 1000000000L) {
    t->tv_sec += 1;
    t->tv_nsec -= 1000000000L;
  }
}

static int passed(clockid_t clock, const struct timespec *deadline) {
  struct timespec now;
  clock_gettime(clock, &now);
  return now.tv_sec > deadline->tv_sec || (now.tv_sec == deadline->tv_sec && now.tv_nsec >= deadline->tv_nsec);
}

static void *watch_deadline(void *unused) {
  (void)unused;
  pthread_mutex_lock(&deadline_lock);
  for (;;) {
    if (armed_db == NULL) {
      pthread_cond_wait(&deadline_changed, &deadline_lock);
      continue;
    }
    if (passed(armed_clock, &armed_until)) {
      sqlite3_interrupt(armed_db);
      armed_db = NULL;
      continue;
    }
    struct timespec poll;
    clock_gettime(CLOCK_MONOTONIC, &poll);
    add_ns(&poll, POLL_NS);
    pthread_cond_timedwait(&deadline_changed, &deadline_lock, &poll);
  }
  return NULL;
}

/* The condition variable waits on the monotonic clock, as the deadline is measured. */
static void init_deadline_changed(void) {
  pthread_condattr_t attributes;
  pthread_condattr_init(&attributes);
  pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC);
  pthread_cond_init(&deadline_changed, &attributes);
  pthread_condattr_destroy(&attributes);
}

static void set_deadline(sqlite3_context *context, int argc, sqlite3_value **argv) {
  (void)argc;
  sqlite3_int64 ms = sqlite3_value_int64(argv[0]);
  pthread_once(&deadline_once, init_deadline_changed);
  pthread_mutex_lock(&deadline_lock);
  if (ms <= 0) {
    armed_db = NULL;
  } else {
    if (!watcher_started) {
      pthread_t watcher;
      if (pthread_create(&watcher, NULL, watch_deadline, NULL) == 0) {
        pthread_detach(watcher);
        watcher_started = 1;
      }
    }
    if (pthread_getcpuclockid(pthread_self(), &armed_clock) != 0) armed_clock = CLOCK_MONOTONIC;
    clock_gettime(armed_clock, &armed_until);
    add_ns(&armed_until, ms * 1000000LL);
    armed_db = sqlite3_context_db_handle(context);
  }
  pthread_cond_signal(&deadline_changed);
  pthread_mutex_unlock(&deadline_lock);
  sqlite3_result_int(context, watcher_started);
}

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
  return sqlite3_create_function(db, "edge_playground_deadline", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL, set_deadline, NULL, NULL);
}
