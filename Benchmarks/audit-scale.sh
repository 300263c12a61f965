#!/usr/bin/env bash
# Audit at scale (issue 8, item 3): the time of "history of one indicator" and "table as of a
# timestamp" over 1,000 random ids with millions of audit rows, measured server-side.
#
#   Benchmarks/audit-scale.sh   (JIXIAO_BENCH_AUDIT_ROWS=5000000, JIXIAO_BENCH_AUDIT_BUDGET=300 s)
#
# Seeds database jx_bench_audit (200 units × 5 tables × 30 indicators), then writes audit rows
# through the real triggers: passes of `UPDATE indicator SET value = …` over all indicators as the
# superuser with jixiao.actor set (one audit row per indicator per pass, hash chain and all), in
# two parallel sessions. The number of passes is what reaches AUDIT_ROWS, cut down if the first
# pass shows that it would not fit in AUDIT_BUDGET seconds (then `audit_rows_scaled_down` says so).
# With JIXIAO_BENCH_AUDIT_FILL=1 (default) the rest up to AUDIT_ROWS is filled by copying the
# trigger-written update rows to later seqs and times (shape and sizes kept; hashes of the copies
# do not chain): `audit_rows_via_triggers` and `audit_rows_copied` say how many of each.
# Timing (twice: as appended, and after `jixiao db maintain` clustered the trail), with 8GB of
# prewarmed buffers: a plpgsql loop with clock_timestamp() around each query, with its output
# turned into text as the service reads it:
#   history: SELECT … FROM audit_log WHERE indicator_id = $1 … ORDER BY seq DESC LIMIT 1000
#            (JixiaoService.history, .indicator case)
#   as-of:   SELECT … FROM header_as_of($1, $2) and SELECT … FROM indicators_as_of($1, $2)
#            ORDER BY position (JixiaoService.table(asOf:)), at a random moment of the trail.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

target_rows=${JIXIAO_BENCH_AUDIT_ROWS:-5000000}
budget=${JIXIAO_BENCH_AUDIT_BUDGET:-300}
samples=${JIXIAO_BENCH_SAMPLES:-1000}
fill=${JIXIAO_BENCH_AUDIT_FILL:-1}

url=$(fresh_db jx_bench_audit)
seed "$url"
n_ind=$(psql -X -At "$url" -c "SELECT count(*) FROM indicator")
tmin=$(psql -X -At "$url" -c "SELECT min(id) FROM target_table")
tmax=$(psql -X -At "$url" -c "SELECT max(id) FROM target_table")
tmid=$(( (tmin + tmax) / 2 ))

pass() {  # first-table last-table pass-number: one audit row per indicator of those tables
    printf "SELECT set_config('jixiao.actor', 'bench-audit', false), set_config('jixiao.reason', 'audit scale pass %s', false);\n" "$3"
    printf "UPDATE indicator SET value = ((%s + id) %% 100)::text, numeric_value = (%s + id) %% 100 WHERE table_id BETWEEN %s AND %s;\n" "$3" "$3" "$1" "$2"
}
t0=$(date +%s.%N)
pass "$tmin" "$tmax" 1 | psql -X -q -v ON_ERROR_STOP=1 "$url" >/dev/null
first=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
say audit_first_pass_seconds "$first"
say audit_rows_per_s_one_session "$(awk -v n="$n_ind" -v s="$first" 'BEGIN { printf "%.0f", n / s }')"
passes=$(( target_rows / n_ind ))
# Two sessions on two halves: assume at best 1.6× one session's rate.
fit=$(awk -v b="$budget" -v s="$first" 'BEGIN { printf "%d", b / s * 1.6 }')
scaled=0
if [ "$fit" -lt "$passes" ]; then passes=$fit; scaled=1; fi
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; bench_cleanup' EXIT INT TERM
t0=$(date +%s.%N)
for half in 1 2; do
    if [ $half = 1 ]; then a=$tmin; b=$tmid; else a=$((tmid + 1)); b=$tmax; fi
    ( for p in $(seq 2 "$passes"); do pass "$a" "$b" "$p"; done ) |
        timeout $((budget + 120)) psql -X -q -v ON_ERROR_STOP=1 "$url" >/dev/null &
    pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done
gen=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
trigger_rows=$(psql -X -At "$url" -c "SELECT count(*) FROM audit_log")
say audit_passes "$passes"
say audit_generate_seconds "$gen"
say audit_rows_via_triggers "$trigger_rows"
copied=0
if [ "$fill" = 1 ] && [ "$trigger_rows" -lt "$target_rows" ]; then
    # Fill up to AUDIT_ROWS by re-appending the trail's update rows at later seqs and later times
    # (each copy k shifted by k × the trail's length and time span): same shape and row sizes as
    # the trigger-written rows, but the copies' hashes do not chain (this database is throwaway).
    t0=$(date +%s.%N)
    psql -X -q -v ON_ERROR_STOP=1 -v target="$target_rows" "$url" <<'SQL' >/dev/null
SELECT set_config('bench.target', :'target', false);
DO $$
DECLARE m bigint; span interval; k int := 0; have bigint; want bigint; n bigint;
BEGIN
    SELECT max(seq), max(changed_at) - min(changed_at) + interval '1 second' INTO m, span FROM audit_log;
    SELECT count(*) INTO have FROM audit_log;
    want := current_setting('bench.target')::bigint;
    WHILE have < want LOOP
        k := k + 1;
        INSERT INTO audit_log
        SELECT table_id, seq + k * m, entity, op, indicator_id, workflow_event_id, old_values, new_values,
               changed_fields, actor, db_user, reason, table_status, table_revision, changed_at + k * span,
               txid, prev_hash, hash
        FROM audit_log WHERE seq <= m AND op = 'update'
        ORDER BY table_id, seq LIMIT want - have;
        GET DIAGNOSTICS n = ROW_COUNT;
        have := have + n;
    END LOOP;
END $$;
SQL
    copied=$(( $(psql -X -At "$url" -c "SELECT count(*) FROM audit_log") - trigger_rows ))
    say audit_fill_seconds "$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
fi
psql -X -q "$url" -c "VACUUM ANALYZE audit_log" -c "VACUUM ANALYZE indicator"
rows=$(psql -X -At "$url" -c "SELECT count(*) FROM audit_log")
say audit_rows_copied "$copied"
say audit_rows "$rows"
say audit_rows_scaled_down "$scaled"
say audit_log_size "$(psql -X -At "$url" -c "SELECT pg_size_pretty(pg_total_relation_size('audit_log'))")"
say audit_rows_per_indicator "$(( rows / n_ind ))"

# A production server sizes its buffer cache to its working set (docker-compose.yml sets
# shared_buffers: 2GB unless JIXIAO_PG_SHARED_BUFFERS says more; 5 million audit rows take about
# 6.5 GB); the dev cluster's 256MB would time the disk instead. So: buffers of
# JIXIAO_BENCH_SHARED_BUFFERS (default 8GB) for the timing, the audit table and its indexes
# loaded into them (pg_prewarm) after a restart, and the setting reset at exit.
buffers=${JIXIAO_BENCH_SHARED_BUFFERS:-8GB}
pg_restart() { JIXIAO_PG_QUIET=1 JIXIAO_PG_DIR="$pg_dir" JIXIAO_PG_PORT="$pg_port" "$bench_root/Deploy/local-postgres.sh" restart >/dev/null; }
psql -X -q "$(db_url postgres)" -c "ALTER SYSTEM SET shared_buffers = '$buffers'"
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
      psql -X -q "$(db_url postgres)" -c "ALTER SYSTEM RESET shared_buffers" 2>/dev/null && pg_restart || true
      bench_cleanup' EXIT INT TERM
restart_and_prewarm() {  # prefix
    local t0
    pg_restart
    t0=$(date +%s.%N)
    psql -X -q -v ON_ERROR_STOP=1 "$url" <<'SQL' >/dev/null
CREATE EXTENSION IF NOT EXISTS pg_prewarm;
SELECT pg_prewarm(c.oid) FROM pg_class c
WHERE c.relname IN ('audit_log', 'indicator', 'target_table') OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = 'audit_log'::regclass);
SQL
    say "${1:-}prewarm_seconds" "$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
}

# time_queries FILE: $samples random histories and as-of reads, server side; percentiles to FILE.
time_queries() {
psql -X -At -v ON_ERROR_STOP=1 -v samples="$samples" "$url" <<'SQL' >"$1"
SELECT set_config('bench.samples', :'samples', false) \g /dev/null
CREATE TEMP TABLE timing (what text, ms double precision);
DO $$
DECLARE
    i int; id bigint; at timestamptz; t0 timestamptz; n bigint; lo timestamptz; hi timestamptz;
    imin bigint; imax bigint; tmin bigint; tmax bigint;
BEGIN
    SELECT min(changed_at), max(changed_at) INTO lo, hi FROM audit_log;
    SELECT min(i.id), max(i.id) INTO imin, imax FROM indicator i;
    SELECT min(t.id), max(t.id) INTO tmin, tmax FROM target_table t;
    -- warm-up (first execution plans the statements)
    FOR i IN 1..20 LOOP
        PERFORM count(*) FROM audit_log WHERE indicator_id = imin + i;
    END LOOP;
    FOR i IN 1..current_setting('bench.samples')::int LOOP
        id := imin + floor(random() * (imax - imin + 1))::bigint;
        t0 := clock_timestamp();
        SELECT sum(length(s.old_values) + length(s.new_values) + length(s.changed_at::text)) INTO n FROM (
            SELECT table_id, seq, entity, op, indicator_id, old_values::text AS old_values, new_values::text AS new_values,
                   changed_fields, actor, reason, table_status, table_revision, changed_at, txid
            FROM audit_log WHERE indicator_id = id
              AND (NULL::timestamptz IS NULL OR changed_at >= NULL) AND (NULL::timestamptz IS NULL OR changed_at < NULL)
            ORDER BY seq DESC LIMIT 1000) s;
        INSERT INTO timing VALUES ('history', extract(epoch FROM clock_timestamp() - t0) * 1000);

        id := tmin + floor(random() * (tmax - tmin + 1))::bigint;
        at := lo + random() * (hi - lo);
        t0 := clock_timestamp();
        SELECT sum(length(h::text)) INTO n FROM header_as_of(id, at) h;
        SELECT sum(length(x::text)) INTO n FROM (SELECT * FROM indicators_as_of(id, at) ORDER BY position) x;
        INSERT INTO timing VALUES ('as_of', extract(epoch FROM clock_timestamp() - t0) * 1000);
    END LOOP;
END $$;
SELECT what, count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), percentile_cont(0.99) WITHIN GROUP (ORDER BY ms), max(ms)
FROM timing GROUP BY what ORDER BY what;
SQL
}

# First as the triggers appended the rows (time order), then after `jixiao db maintain`
# (CLUSTER on the indicator index: each indicator's rows together), which is what counts.
restart_and_prewarm appended_
say shared_buffers "$(psql -X -At "$url" -c "SHOW shared_buffers")"
time_queries "$work/appended.out"
t0=$(date +%s.%N)
(cd "$bench_root" && "$jixiao" db maintain --database-url "$url" >/dev/null)
say maintain_seconds "$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
restart_and_prewarm
time_queries "$work/timing.out"
appended() { awk -F'|' -v w="$1" -v c="$2" '$1 == w { printf "%.3f", $c }' "$work/appended.out"; }
say appended_history_median_ms "$(appended history 3)"
say appended_history_p99_ms "$(appended history 4)"
say appended_as_of_median_ms "$(appended as_of 3)"
say appended_as_of_p99_ms "$(appended as_of 4)"
field() { awk -F'|' -v w="$1" -v c="$2" '$1 == w { printf "%.3f", $c }' "$work/timing.out"; }
say history_samples "$(awk -F'|' '$1 == "history" { print $2 }' "$work/timing.out")"
say history_median_ms "$(field history 3)"
say history_p99_ms "$(field history 4)"
say history_max_ms "$(field history 5)"
say as_of_samples "$(awk -F'|' '$1 == "as_of" { print $2 }' "$work/timing.out")"
say as_of_median_ms "$(field as_of 3)"
say as_of_p99_ms "$(field as_of 4)"
say as_of_max_ms "$(field as_of 5)"
say history_p99_ratio_to_limit "$(ratio "$(field history 4)" 2)"
say as_of_p99_ratio_to_limit "$(ratio "$(field as_of 4)" 10)"
verdict history_p99 "$(lt "$(field history 4)" 2)" "history of one indicator p99 $(field history 4) ms (median $(field history 3) ms) with $rows audit rows, after db maintain (target < 2 ms; as appended: p99 $(appended history 4) ms)"
verdict as_of_p99 "$(lt "$(field as_of 4)" 10)" "table as of a timestamp p99 $(field as_of 4) ms (median $(field as_of 3) ms), after db maintain (target < 10 ms; as appended: p99 $(appended as_of 4) ms)"
if [ "$scaled" = 1 ]; then
    echo "INFO audit_rows: trigger passes scaled down to fit the $budget s budget: $trigger_rows rows via triggers, $copied copied, $rows in all (target $target_rows)"
else
    echo "INFO audit_rows: $trigger_rows rows via triggers, $copied copied, $rows in all (target $target_rows)"
fi
