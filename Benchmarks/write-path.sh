#!/usr/bin/env bash
# Write path vs the database's own limit (issue 8, items 1 and 5).
#
#   Benchmarks/write-path.sh            (JIXIAO_BENCH_SECONDS=20, JIXIAO_BENCH_CLIENTS=32)
#
# Seeds database jx_bench_write on the private cluster (200 units × 5 tables × 30 indicators,
# one drafter and token per unit), starts `jixiao serve` (release, pool 16), runs wrk with one
# connection per unit, each PATCHing random indicators of its own unit with If-Match and a reason
# (Benchmarks/wrk/patch-indicators.lua), then pgbench with as many clients on the very same SQL
# (Benchmarks/pgbench/update-indicator.sql), and prints write_ratio = service ok req/s ÷ pgbench
# tps, plus the peak RSS of jixiao serve. Bounded: about 2 × SECONDS + seeding (≈ 1 min).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

seconds=${JIXIAO_BENCH_SECONDS:-20}
clients=${JIXIAO_BENCH_CLIENTS:-32}
pool=${JIXIAO_BENCH_POOL:-16}
command -v wrk >/dev/null || { echo "write-path: wrk is needed (apt-get install -y wrk)" >&2; exit 2; }
command -v pgbench >/dev/null || { echo "write-path: pgbench is needed" >&2; exit 2; }
[ "$clients" -le "$units" ] || { echo "write-path: more clients than units" >&2; exit 2; }

t0=$(date +%s.%N)
url=$(fresh_db jx_bench_write)
seed "$url"
say seed_seconds "$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
say seed_indicators "$(psql -X -At "$url" -c "SELECT count(*) FROM indicator")"
say seed_audit_rows "$(psql -X -At "$url" -c "SELECT count(*) FROM audit_log")"

tbase=$(psql -X -At "$url" -c "SELECT min(id) FROM target_table WHERE title LIKE '基准项目%'")
ibase=$(psql -X -At "$url" -c "SELECT min(i.id) FROM indicator i JOIN target_table t ON t.id = i.table_id WHERE t.title LIKE '基准项目%'")
# Check the id layout the pgbench script relies on (consecutive ids in unit order).
psql -X -At -v ON_ERROR_STOP=1 "$url" <<SQL >/dev/null
DO \$\$ BEGIN
  IF EXISTS (SELECT 1 FROM target_table t JOIN unit u ON u.id = t.unit_id
             WHERE t.title LIKE '基准项目%' AND (t.id - $tbase) / 5 + 1 <> substr(u.code, 2)::int)
     OR EXISTS (SELECT 1 FROM indicator i WHERE i.table_id >= $tbase
             AND (i.id - $ibase) <> (i.table_id - $tbase) * 30 + i.position - 1) THEN
    RAISE EXCEPTION 'seeded ids are not consecutive';
  END IF;
END \$\$;
SQL

# Data for the wrk script: the first $clients units' indicators and versions.
psql -X -At -F ' ' "$url" -c "
  SELECT substr(u.code, 2)::int, t.id, i.id, i.version FROM indicator i
  JOIN target_table t ON t.id = i.table_id JOIN unit u ON u.id = t.unit_id
  WHERE u.code LIKE 'B%' AND substr(u.code, 2)::int <= $clients ORDER BY 1, 2, 3" >"$work/indicators.txt"

start_serve "$url" "$pool"
say serve_pool_size "$pool"
say serve_rss_idle_kib "$(rss_kib VmRSS)"

# Warm up (connections, prepared statements), then measure.
timeout 30 wrk -t "$clients" -c "$clients" -d 3s -s "$bench_dir/wrk/patch-indicators.lua" \
    "http://127.0.0.1:$http_port" -- "$work/indicators.txt" >/dev/null
# Versions moved during the warm-up: the script re-reads them from each answer's ETag, but a new
# wrk run starts from the file, so refresh it.
psql -X -At -F ' ' "$url" -c "
  SELECT substr(u.code, 2)::int, t.id, i.id, i.version FROM indicator i
  JOIN target_table t ON t.id = i.table_id JOIN unit u ON u.id = t.unit_id
  WHERE u.code LIKE 'B%' AND substr(u.code, 2)::int <= $clients ORDER BY 1, 2, 3" >"$work/indicators.txt"
audit_before=$(psql -X -At "$url" -c "SELECT count(*) FROM audit_log")
s0=$(proc_ticks "$serve_pid"); p0=$(pg_ticks); w0=$(children_ticks $$); read -r mb0 mt0 < <(machine_ticks)
timeout $((seconds + 30)) wrk -t "$clients" -c "$clients" -d "${seconds}s" --timeout 10s \
    -s "$bench_dir/wrk/patch-indicators.lua" "http://127.0.0.1:$http_port" -- "$work/indicators.txt" >"$work/wrk.out"
s1=$(proc_ticks "$serve_pid"); p1=$(pg_ticks); w1=$(children_ticks $$); read -r mb1 mt1 < <(machine_ticks)
grep ' = ' "$work/wrk.out"
hwm=$(rss_kib VmHWM)
audit_after=$(psql -X -At "$url" -c "SELECT count(*) FROM audit_log")
ok=$(awk '$1 == "wrk_ok" { print $3 }' "$work/wrk.out")
say audit_rows_written "$((audit_after - audit_before))"
reqs=$(awk '$1 == "wrk_requests" { print $3 }' "$work/wrk.out")
say service_cpu_ms_per_req_serve "$(ms_per $((s1 - s0)) "$reqs")"
say service_cpu_ms_per_req_postgres "$(ms_per $((p1 - p0)) "$reqs")"
say service_cpu_ms_per_req_wrk "$(ms_per $((w1 - w0)) "$reqs")"
say service_machine_busy_pct "$(busy_pct "$mb0" "$mt0" "$mb1" "$mt1")"
say serve_peak_rss_kib "$hwm"
say serve_peak_rss_mib "$(awk -v k="$hwm" 'BEGIN { printf "%.1f", k / 1024 }')"

# Stop the service so that pgbench has the machine to itself, as the service had.
kill -TERM "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=

PGOPTIONS='-c role=jixiao_app' timeout 30 pgbench -n -M prepared -c "$clients" -j 2 -T 3 \
    -D tbase="$tbase" -D ibase="$ibase" -f "$bench_dir/pgbench/update-indicator.sql" "$url" >/dev/null 2>"$work/pgbench-warm.err" \
    || { cat "$work/pgbench-warm.err" >&2; exit 1; }
p0=$(pg_ticks); w0=$(children_ticks $$); read -r mb0 mt0 < <(machine_ticks)
PGOPTIONS='-c role=jixiao_app' timeout $((seconds + 30)) pgbench -n -M prepared -c "$clients" -j 2 -T "$seconds" \
    -D tbase="$tbase" -D ibase="$ibase" -f "$bench_dir/pgbench/update-indicator.sql" "$url" >"$work/pgbench.out" 2>"$work/pgbench.err" \
    || { cat "$work/pgbench.out" "$work/pgbench.err" >&2; exit 1; }
p1=$(pg_ticks); w1=$(children_ticks $$); read -r mb1 mt1 < <(machine_ticks)
pg_tps=$(awk '/^tps = / { print $3 }' "$work/pgbench.out")
pg_tx=$(awk '/number of transactions actually processed/ { print $6 }' "$work/pgbench.out")
pg_failed=$(awk '/number of failed transactions/ { print $5 }' "$work/pgbench.out")
pg_lat=$(awk '/^latency average/ { print $4 }' "$work/pgbench.out")

service_rps=$(awk '$1 == "wrk_ok_per_s" { print $3 }' "$work/wrk.out")
say service_rps "$service_rps"
say pgbench_tps "$pg_tps"
say pgbench_failed "${pg_failed:-0}"
say pgbench_latency_avg_ms "$pg_lat"
say pgbench_cpu_ms_per_tx_postgres "$(ms_per $((p1 - p0)) "$pg_tx")"
say pgbench_cpu_ms_per_tx_pgbench "$(ms_per $((w1 - w0)) "$pg_tx")"
say pgbench_machine_busy_pct "$(busy_pct "$mb0" "$mt0" "$mb1" "$mt1")"
say machine_cpus "$(nproc)"
say machine_loadavg_1m "$(cut -d' ' -f1 /proc/loadavg)"
write_ratio=$(ratio "$service_rps" "$pg_tps")
say write_ratio "$write_ratio"
e5=$(awk '$1 == "wrk_5xx" { print $3 }' "$work/wrk.out")
c409=$(awk '$1 == "wrk_409" { print $3 }' "$work/wrk.out")
o4=$(awk '$1 == "wrk_4xx_other" { print $3 }' "$work/wrk.out")
verdict write_ratio "$(ge "$write_ratio" 0.6)" "service $service_rps ok req/s ÷ pgbench $pg_tps tps = $write_ratio (target ≥ 0.6, goal 0.8)"
verdict write_errors "$([ "$e5" = 0 ] && [ "$o4" = 0 ] && echo 1 || echo 0)" "5xx = $e5, other 4xx = $o4, 409 = $c409 (each connection owns its unit: 409 not expected)"
extra=$((audit_after - audit_before - ok))
verdict audit_rows "$([ "$extra" -ge 0 ] && [ "$extra" -le "$clients" ] && echo 1 || echo 0)" "one audit row per 200: $((audit_after - audit_before)) rows for $ok oks (+$extra: requests in flight when wrk stopped, at most $clients)"
echo "INFO serve_peak_rss: $(awk -v k="$hwm" 'BEGIN { printf "%.1f MiB", k / 1024 }') VmHWM of jixiao serve (pool $pool) after warm-up and the ${seconds} s run (no target)"
