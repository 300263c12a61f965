#!/usr/bin/env bash
# Damaged documents through the importer (issue 8, item 8): runs the test
# `ImportFuzzTests` (Tests/JixiaoServiceTests/ImportFuzzTests.swift) with 10,000 documents.
#
#   Benchmarks/import-fuzz.sh                 # 10,000 documents, every 100th through the database
#   Benchmarks/import-fuzz.sh --count 2000 --sample-every 50 --seed 7
#   Benchmarks/import-fuzz.sh --skip-build    # the tests are built already (swift build --build-tests)
#
# Each document is Deploy/samples/targets-2025.txt damaged 1-4 times at the byte level (byte
# flips, truncation of the document or a line, line deletion/duplication/swap, a deleted cell,
# invalid UTF-8, a line of 10-60 kB, random CJK, numbers at and beyond the Amount limits, an
# empty document). Every one goes through SeedParser, the validator (every table's findings)
# and the report JSON; every Nth also through JixiaoService.importDocument against a real
# database, as a dry run and for real, and the database must be unchanged by the dry run and
# by every refusal (units, tables, indicators and audit rows compared by digest). A crash kills
# the test process: the document being processed is kept as .build/import-fuzz-crash.txt.
#
# The database: the private cluster of bench-lib.sh (JIXIAO_BENCH_PG_DIR, default
# /tmp/jx-bench-pg; JIXIAO_BENCH_PG_PORT, default 54349), stopped again at the end if this
# script started it. The test in CI (`swift test`) runs 400 documents.
#
# Prints the test's `import_fuzz_* = value` lines and PASS/FAIL; exits 1 on failure.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

count=10000; sample_every=100; seed=; build=1; budget=${JIXIAO_FUZZ_BUDGET:-3600}
while [ $# -gt 0 ]; do
    case "$1" in
        --count) count=$2; shift ;;
        --sample-every) sample_every=$2; shift ;;
        --seed) seed=$2; shift ;;
        --skip-build) build=0 ;;
        -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "import-fuzz.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

pg_dir=${JIXIAO_BENCH_PG_DIR:-/tmp/jx-bench-pg}
pg_port=${JIXIAO_BENCH_PG_PORT:-54349}
pg() { JIXIAO_PG_QUIET=1 JIXIAO_PG_DIR="$pg_dir" JIXIAO_PG_PORT="$pg_port" Deploy/local-postgres.sh "$@"; }
pg_was_running=0
if [ -f "$pg_dir/PG_VERSION" ] && pg status >/dev/null 2>&1; then pg_was_running=1; fi
out=$(mktemp /tmp/jx-import-fuzz.XXXXXX)
current=$root/.build/import-fuzz-current.txt
cleanup() {
    rm -f "$out"
    if [ "$pg_was_running" = 0 ]; then pg stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

url=$(pg start)
PGPASSFILE=$(pg passfile)
export PGPASSFILE
if [ "$build" = 1 ]; then swift build --build-tests >&2; fi
mkdir -p "$root/.build"
rm -f "$current"

echo "import-fuzz: $count documents, every $sample_every. through the database ($url)" >&2
start=$(date +%s.%N)
set +e
env JIXIAO_TEST_DATABASE_URL="$url" JIXIAO_FUZZ_COUNT="$count" JIXIAO_FUZZ_SAMPLE_EVERY="$sample_every" \
    ${seed:+JIXIAO_FUZZ_SEED="$seed"} JIXIAO_FUZZ_CURRENT="$current" \
    timeout --kill-after=10 "$budget" swift test --skip-build --filter 'ImportFuzzTests' >"$out" 2>&1
status=$?
set -e
seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')

grep -E '^import_fuzz_[a-z0-9_]+ = ' "$out" || true
printf 'import_fuzz_run_seconds = %s\n' "$seconds"
crashed=0
if [ -s "$current" ]; then
    # The test removes the file when it ends: left behind, it holds the document that killed the process.
    crashed=1
    mv "$current" "$root/.build/import-fuzz-crash.txt"
fi
issues=$(grep -cE '✘|recorded an issue' "$out" || true)
printf 'import_fuzz_crashes = %s\n' "$crashed"
printf 'import_fuzz_test_issues = %s\n' "$issues"
if [ "$status" = 0 ] && [ "$crashed" = 0 ] && grep -q '^import_fuzz_documents = ' "$out"; then
    echo "PASS import_fuzz: $count damaged documents, no crash, no internal error, nothing kept when refused ($seconds s)"
else
    grep -E '✘|recorded an issue|Fatal error|error:' "$out" | head -n 30 >&2 || tail -n 30 "$out" >&2
    [ "$crashed" = 0 ] || echo "the document that crashed: .build/import-fuzz-crash.txt" >&2
    [ "$status" != 124 ] || echo "stopped after the budget of $budget s (JIXIAO_FUZZ_BUDGET)" >&2
    echo "FAIL import_fuzz: swift test exit $status, crashes $crashed, $issues issues"
    exit 1
fi
