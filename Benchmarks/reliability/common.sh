# Shared by the reliability scripts (no-lost-update.sh, faults.sh). Sourced, not run.
#
# They check correctness, not speed: the debug build that `swift build` (and the CI) makes is
# enough, so it is the default binary here (JIXIAO_BENCH_BIN overrides it, as in bench-lib.sh).
# Everything else — the private cluster, fresh_db, start_serve, say/verdict — is bench-lib.sh.

rel_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export JIXIAO_BENCH_BIN=${JIXIAO_BENCH_BIN:-$rel_root/.build/debug/jixiao}
[ -x "$JIXIAO_BENCH_BIN" ] || {
    echo "reliability: no jixiao binary at $JIXIAO_BENCH_BIN; build it (swift build --product jixiao) or set JIXIAO_BENCH_BIN" >&2
    exit 2
}
command -v python3 >/dev/null || { echo "reliability: python3 is needed" >&2; exit 2; }
source "$rel_root/Benchmarks/bench-lib.sh"
rel_dir="$bench_dir/reliability"
rel_failed=0

# rel_seed URL CLIENTS: seed.sql (one unit, CLIENTS drafters with tokens, one table of 10
# indicators); sets table_id and indicators ("id:version,…" for hammer.py).
rel_seed() {
    indicators=$(psql -X -q -At -v ON_ERROR_STOP=1 -v clients="$2" "$1" -f "$rel_dir/seed.sql" | paste -sd, -)
    table_id=$(psql -X -At "$1" -c "SELECT id FROM target_table WHERE title = '可靠性项目'")
}

# rel_check NAME OK TEXT: a PASS/FAIL line that also counts towards the exit status.
rel_check() {
    verdict "$1" "$2" "$3"
    [ "$2" = 1 ] || rel_failed=1
}

# rel_audit_verify URL: `jixiao audit verify` (as the admin of `db init`) must pass.
rel_audit_verify() {
    local out ok=1
    out=$(cd "$rel_root" && "$jixiao" audit verify --as admin --database-url "$1" 2>&1) || ok=0
    rel_check audit_verify "$ok" "jixiao audit verify: $(echo "$out" | tail -n 1)"
}

# rel_keep: on failure, keep the records and the server log for a post-mortem (bench-lib
# removes $work on exit).
rel_keep() {
    [ "$rel_failed" = 1 ] || return 0
    local keep
    keep=$(mktemp -d /tmp/jx-rel-keep.XXXXXX)
    cp -r "$work"/. "$keep"/
    echo "kept records and server log in $keep"
}
