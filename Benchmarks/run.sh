#!/usr/bin/env bash
# Runs the PQ benchmarks against the private PostgreSQL cluster.
#
#   Benchmarks/run.sh [--quick] [--strict] [--no-pin] [--only=seq,pool,insert,copy]
#
# Starts the cluster (Deploy/local-postgres.sh, which prints its URL), builds pq-bench in release
# mode, and runs it once against that URL. The run itself is bounded (BENCH_TIMEOUT seconds,
# default 180); the build is not (several minutes the first time: postgres-nio is large).
# Arguments go to pq-bench: --quick divides every workload by 5, --strict makes a failed
# target exit 1, --no-pin leaves thread placement to the kernel (see README.md).
# pq-bench prints `name = value` lines and a PASS/FAIL line per target.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"

command -v swift >/dev/null 2>&1 || { echo "run: Swift is not installed" >&2; exit 1; }

url=$(JIXIAO_PG_QUIET=1 Deploy/local-postgres.sh start)
PGPASSFILE=$(Deploy/local-postgres.sh passfile)
export PGPASSFILE
echo "run: PostgreSQL at $url" >&2

echo "run: building pq-bench (release)" >&2
swift build -c release --package-path Benchmarks --product pq-bench >&2
bin=$(swift build -c release --package-path Benchmarks --show-bin-path)/pq-bench

echo "run: running $bin (at most ${BENCH_TIMEOUT:-180} s)" >&2
exec timeout --kill-after=10 "${BENCH_TIMEOUT:-180}" "$bin" "$url" "$@"
