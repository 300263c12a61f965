#ifndef JIXIAO_BENCH_CLIBPQ_SHIM_H
#define JIXIAO_BENCH_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
