#define _GNU_SOURCE
#include "cloop.h"

#include <dirent.h>
#include <errno.h>
#include <libpq-fe.h>
#include <sched.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct cloop_session {
    PGconn *conn;
};

static void copy_message(char *error, size_t error_size, const char *what, const char *detail) {
    if (error == NULL || error_size == 0) return;
    snprintf(error, error_size, "%s%s%s", what, detail ? ": " : "", detail ? detail : "");
}

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

cloop_session *cloop_open(const char *conninfo, char *error, size_t error_size) {
    PGconn *conn = PQconnectdb(conninfo);
    if (conn == NULL || PQstatus(conn) != CONNECTION_OK) {
        copy_message(error, error_size, "connect", conn ? PQerrorMessage(conn) : "out of memory");
        if (conn) PQfinish(conn);
        return NULL;
    }
    PGresult *res = PQprepare(conn, "q", "SELECT $1::int", 1, NULL);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        copy_message(error, error_size, "prepare", PQerrorMessage(conn));
        PQclear(res);
        PQfinish(conn);
        return NULL;
    }
    PQclear(res);
    cloop_session *session = malloc(sizeof *session);
    if (session == NULL) {
        PQfinish(conn);
        copy_message(error, error_size, "out of memory", NULL);
        return NULL;
    }
    session->conn = conn;
    return session;
}

int cloop_exec(cloop_session *session, const char *sql, char *error, size_t error_size) {
    PGresult *res = PQexec(session->conn, sql);
    ExecStatusType status = PQresultStatus(res);
    int ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
    if (!ok) copy_message(error, error_size, "exec", PQerrorMessage(session->conn));
    PQclear(res);
    return ok ? 0 : -1;
}

int64_t cloop_run(cloop_session *session, int first, int count, char *error, size_t error_size) {
    char text[16];
    const char *values[1] = { text };
    int64_t start = now_ns();
    for (int i = first; i < first + count; i++) {
        snprintf(text, sizeof text, "%d", i);
        PGresult *res = PQexecPrepared(session->conn, "q", 1, values, NULL, NULL, 0);
        if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1) {
            copy_message(error, error_size, "execute", PQerrorMessage(session->conn));
            PQclear(res);
            return -1;
        }
        int value = atoi(PQgetvalue(res, 0, 0));
        PQclear(res);
        if (value != i) {
            snprintf(error, error_size, "expected %d, got %d", i, value);
            return -2;
        }
    }
    return now_ns() - start;
}

void cloop_close(cloop_session *session) {
    if (session == NULL) return;
    PQfinish(session->conn);
    free(session);
}

int64_t cloop_bench(const char *conninfo, int count, char *error, size_t error_size) {
    cloop_session *session = cloop_open(conninfo, error, error_size);
    if (session == NULL) return -1;
    int64_t elapsed = cloop_run(session, 0, count, error, error_size);
    cloop_close(session);
    return elapsed;
}

static void fill_set(cpu_set_t *set, int cpu) {
    CPU_ZERO(set);
    if (cpu >= 0) {
        CPU_SET(cpu, set);
        return;
    }
    long count = sysconf(_SC_NPROCESSORS_CONF);
    for (long i = 0; i < count && i < CPU_SETSIZE; i++) CPU_SET((int)i, set);
}

int cloop_set_affinity_process(int pid, int cpu) {
    cpu_set_t set;
    fill_set(&set, cpu);
    return sched_setaffinity((pid_t)pid, sizeof set, &set) == 0 ? 0 : errno;
}

int cloop_set_affinity_all_threads(int cpu) {
    cpu_set_t set;
    fill_set(&set, cpu);
    DIR *dir = opendir("/proc/self/task");
    if (dir == NULL) return errno;
    int result = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.') continue;
        pid_t tid = (pid_t)atoi(entry->d_name);
        /* A thread may have ended since the listing: ignore ESRCH. */
        if (sched_setaffinity(tid, sizeof set, &set) != 0 && errno != ESRCH) result = errno;
    }
    closedir(dir);
    return result;
}

int cloop_allowed_cpus(void) {
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) != 0) return -1;
    return CPU_COUNT(&set);
}
