#!/usr/bin/env bash
# The test command. On a fresh Debian/Ubuntu machine with Swift installed it installs what is
# missing (PostgreSQL, libpq-dev, pkgconf), starts the private PostgreSQL cluster of
# Deploy/local-postgres.sh, and runs the whole test suite against it.
#
#   ./Deploy/test.sh [extra `swift test` arguments, e.g. --filter PQTests]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

command -v swift >/dev/null 2>&1 || { echo "test: Swift is not installed (https://swift.org/install)" >&2; exit 1; }

JIXIAO_TEST_DATABASE_URL=$(JIXIAO_PG_QUIET=1 Deploy/local-postgres.sh start)
export JIXIAO_TEST_DATABASE_URL
# The cluster's passwords (scram; the URL carries none) for the tests and the processes they start.
PGPASSFILE=$(Deploy/local-postgres.sh passfile)
export PGPASSFILE
echo "test: PostgreSQL at $JIXIAO_TEST_DATABASE_URL"

# The deployment files are checked against the code (no Docker engine runs here).
python3 -c 'import yaml' 2>/dev/null || python3 -m pip install --quiet pyyaml
python3 Deploy/check_deploy.py

# The tree stays formatted by .swift-format (swift format ships with the toolchain).
swift format lint --strict --recursive --parallel Sources Tests Package.swift Benchmarks/Sources Benchmarks/Package.swift

swift build --build-tests
swift test --skip-build "$@"

# Short reliability runs against the real server (issue 8, item 9): conflicting writes over HTTP
# checked against the audit trail, and schemathesis against /openapi.yaml. Skipped when only
# some tests were asked for.
if [ $# -eq 0 ]; then
    JIXIAO_BENCH_BIN=.build/debug/jixiao Benchmarks/no-lost-update.sh --short
    JIXIAO_BENCH_BIN=.build/debug/jixiao Benchmarks/schemathesis.sh --short
fi
