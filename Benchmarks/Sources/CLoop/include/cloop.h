#ifndef JIXIAO_CLOOP_H
#define JIXIAO_CLOOP_H

#include <stddef.h>
#include <stdint.h>

/* The C baseline for pq-bench: libpq used directly, no wrapper.
   This header deliberately exposes no libpq type, so that Swift code importing it does not
   see a second module over libpq-fe.h next to the main package's CLibPQ. */

/* An open connection with `SELECT $1::int` prepared as "q". */
typedef struct cloop_session cloop_session;

/* Connects with `conninfo` (URL or key=value) and prepares the statement.
   Returns NULL on failure, with libpq's message copied into `error` (size `error_size`). */
cloop_session *cloop_open(const char *conninfo, char *error, size_t error_size);

/* Runs one statement without parameters (e.g. a SET). Returns 0, or -1 with libpq's message in
   `error`. */
int cloop_exec(cloop_session *session, const char *sql, char *error, size_t error_size);

/* Runs the prepared statement `count` times in sequence with PQexecPrepared, passing
   first, first+1, … as a text parameter and reading each answer with PQgetvalue/atoi.
   Returns the elapsed nanoseconds (CLOCK_MONOTONIC), or -1 on a failed statement and
   -2 when an answer did not match its parameter (message in `error`). */
int64_t cloop_run(cloop_session *session, int first, int count, char *error, size_t error_size);

void cloop_close(cloop_session *session);

/* All in one: connect, prepare, run `count` statements, disconnect. Returns the elapsed
   nanoseconds of the loop alone, or a negative value on failure (message in `error`). */
int64_t cloop_bench(const char *conninfo, int count, char *error, size_t error_size);

/* Scheduling, to take the kernel's thread placement out of the figures on a small machine.
   `cpu` < 0 means every CPU. Return 0, or errno on failure. */

/* Sets the CPU affinity of every thread of this process (threads created later inherit it
   from the thread that creates them). */
int cloop_set_affinity_all_threads(int cpu);

/* Sets the CPU affinity of another process (e.g. a PostgreSQL backend: needs root or the
   server's user). */
int cloop_set_affinity_process(int pid, int cpu);

/* Number of CPUs this process may run on now. */
int cloop_allowed_cpus(void);

#endif
