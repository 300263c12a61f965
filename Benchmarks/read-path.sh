#!/usr/bin/env bash
# Read path (issue 8, item 2): GET /v1/tables/{id} (a full table, 30 indicators) at 32
# connections vs a trivial Hummingbird route of the same process, in the same run.
#
#   Benchmarks/read-path.sh     (JIXIAO_BENCH_SECONDS=10 per round, JIXIAO_BENCH_CLIENTS=32,
#                                JIXIAO_BENCH_TRIVIAL=/livez)
#
# The trivial route is GET /livez by default: unauthenticated, no database, a constant "ok".
# (Until 2026-11-24 it was GET /metrics, whose Prometheus rendering was half of its own CPU, so
# the ratio looked better than it is; JIXIAO_BENCH_TRIVIAL=/metrics repeats that.) Each side gets a 2 s
# warm-up, then two alternating rounds; each side's best round counts.
# Bounded: about 4 × SECONDS + 4 s + seeding.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

seconds=${JIXIAO_BENCH_SECONDS:-10}
clients=${JIXIAO_BENCH_CLIENTS:-32}
pool=${JIXIAO_BENCH_POOL:-16}
trivial=${JIXIAO_BENCH_TRIVIAL:-/livez}
command -v wrk >/dev/null || { echo "read-path: wrk is needed (apt-get install -y wrk)" >&2; exit 2; }

url=$(fresh_db jx_bench_read)
seed "$url"
psql -X -At -F ' ' "$url" -c "
  SELECT substr(u.code, 2)::int, t.id FROM target_table t JOIN unit u ON u.id = t.unit_id
  WHERE u.code LIKE 'B%' AND substr(u.code, 2)::int <= $clients ORDER BY 1, 2" >"$work/tables.txt"
say indicators_per_table "$(psql -X -At "$url" -c "SELECT min(n) || '..' || max(n) FROM (SELECT count(*) AS n FROM indicator GROUP BY table_id) c")"

start_serve "$url" "$pool"
say serve_pool_size "$pool"
say trivial_route "GET $trivial"

run_table() {  # seconds
    timeout $(($1 + 30)) wrk -t "$clients" -c "$clients" -d "${1}s" --timeout 10s -s "$bench_dir/wrk/get-tables.lua" \
        "http://127.0.0.1:$http_port" -- "$work/tables.txt"
}
run_trivial() {
    timeout $(($1 + 30)) wrk -t "$clients" -c "$clients" -d "${1}s" --timeout 10s -s "$bench_dir/wrk/plain-get.lua" \
        "http://127.0.0.1:$http_port$trivial" -- trivial
}
run_table 2 >/dev/null; run_trivial 2 >/dev/null
cpu() {  # label command…: run it and record CPU ticks of serve, postgres and wrk
    local s0 p0 w0 s1 p1 w1 label=$1; shift
    s0=$(proc_ticks "$serve_pid"); p0=$(pg_ticks); w0=$(children_ticks $$)
    "$@"
    s1=$(proc_ticks "$serve_pid"); p1=$(pg_ticks); w1=$(children_ticks $$)
    echo "$((s1 - s0)) $((p1 - p0)) $((w1 - w0))" >"$work/$label.cpu"
}
for round in 1 2; do
    cpu "table.$round" eval 'run_table "$seconds" | grep " = " >"$work/table.$round"'
    cpu "trivial.$round" eval 'run_trivial "$seconds" | grep " = " >"$work/trivial.$round"'
done
get() { awk -v k="$2" '$1 == k { print $3 }' "$1"; }
best() {  # prefix → file of the round with the higher rate
    local a b
    a=$(get "$work/$1.1" "${2}_rps"); b=$(get "$work/$1.2" "${2}_rps")
    if [ "$(ge "$a" "$b")" = 1 ]; then echo "$work/$1.1"; else echo "$work/$1.2"; fi
}
for round in 1 2; do
    say "get_table_rps_round$round" "$(get "$work/table.$round" get_table_rps)"
    say "trivial_rps_round$round" "$(get "$work/trivial.$round" trivial_rps)"
done
tf=$(best table get_table); vf=$(best trivial trivial)
cat "$tf" "$vf"
table_rps=$(get "$tf" get_table_rps); trivial_rps=$(get "$vf" trivial_rps)
for side in table trivial; do
    f=$(if [ $side = table ]; then echo "$tf"; else echo "$vf"; fi)
    key=$(if [ $side = table ]; then echo get_table; else echo trivial; fi)
    n=$(( $(get "$f" ${key}_ok) + $(get "$f" ${key}_non200) ))
    read -r cs cp cw <"$f.cpu"
    say "${key}_cpu_ms_per_req_serve" "$(ms_per "$cs" "$n")"
    say "${key}_cpu_ms_per_req_postgres" "$(ms_per "$cp" "$n")"
    say "${key}_cpu_ms_per_req_wrk" "$(ms_per "$cw" "$n")"
done
# INFO: the database's own rate for the same SQL (pgbench, prepared and pipelined like the
# service), with the service stopped.
say serve_peak_rss_kib "$(rss_kib VmHWM)"
kill -TERM "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=
tbase=$(psql -X -At "$url" -c "SELECT min(id) FROM target_table WHERE title LIKE '基准项目%'")
p0=$(pg_ticks)
PGOPTIONS='-c role=jixiao_app' timeout $((seconds + 30)) pgbench -n -M prepared -c "$clients" -j 2 -T "$seconds" \
    -D tbase="$tbase" -f "$bench_dir/pgbench/get-table.sql" "$url" >"$work/pgbench.out" 2>"$work/pgbench.err" \
    || { cat "$work/pgbench.out" "$work/pgbench.err" >&2; exit 1; }
p1=$(pg_ticks)
pgbench_read_tps=$(awk '/^tps = / { print $3 }' "$work/pgbench.out")
say pgbench_get_table_tps "$pgbench_read_tps"
say pgbench_get_table_cpu_ms_per_tx_postgres "$(ms_per $((p1 - p0)) "$(awk '/number of transactions actually processed/ { print $6 }' "$work/pgbench.out")")"
say machine_cpus "$(nproc)"
say machine_loadavg_1m "$(cut -d' ' -f1 /proc/loadavg)"
read_ratio=$(ratio "$table_rps" "$trivial_rps")
say read_ratio "$read_ratio"
bad=$(( $(get "$work/table.1" get_table_non200) + $(get "$work/table.2" get_table_non200) + $(get "$work/trivial.1" trivial_non200) + $(get "$work/trivial.2" trivial_non200) ))
verdict read_ratio "$(ge "$read_ratio" 0.5)" "GET table $table_rps req/s ÷ GET $trivial $trivial_rps req/s = $read_ratio (target ≥ 0.5)"
verdict read_errors "$([ "$bad" = 0 ] && echo 1 || echo 0)" "$bad non-200 answers"
echo "INFO read_vs_database: GET table $table_rps req/s ÷ pgbench of its SQL $pgbench_read_tps tps = $(ratio "$table_rps" "$pgbench_read_tps")"
# The database alone, with no HTTP server at all, against the trivial route: no implementation
# of the GET can exceed this ratio on this machine.
say read_ceiling "$(ratio "$pgbench_read_tps" "$trivial_rps")"
echo "INFO read_ceiling: pgbench of the GET's SQL $pgbench_read_tps tps ÷ GET $trivial $trivial_rps req/s = $(ratio "$pgbench_read_tps" "$trivial_rps") (the most read_ratio could be here)"
echo "INFO read_latency: GET table p50 $(get "$tf" get_table_p50_ms) ms, p99 $(get "$tf" get_table_p99_ms) ms; GET $trivial p50 $(get "$vf" trivial_p50_ms) ms, p99 $(get "$vf" trivial_p99_ms) ms (at $clients connections)"
