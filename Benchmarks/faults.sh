#!/usr/bin/env bash
# Faults under write load (issue 8, item 7).
#
#   Benchmarks/faults.sh        (JIXIAO_REL_SECONDS=30, JIXIAO_REL_CLIENTS=16; about 40 s)
#
# The load of no-lost-update.sh (reliability/hammer.py: conflicting PATCHes with If-Match on 10
# indicators), for SECONDS, on database jx_bench_faults, while this script
#   at  4 s  restarts PostgreSQL (`pg_ctl restart -m fast` of the private cluster, through
#            Deploy/local-postgres.sh): failing requests must get 503, none may hang beyond the
#            pool timeout (5 s), and the service must answer 2xx within 5 s of the restart
#            without being restarted itself;
#   at 12 s  kills jixiao serve with SIGKILL and starts it again a second later;
#   at 20 s  sends SIGTERM while the writers queue behind a lock held by psql (19.5–21.5 s):
#            every request sent before it must get a complete answer, and the process must exit
#            0; then starts it again for the rest of the load.
# Afterwards reliability/faults.py prints the figures of each fault and reliability/check.py the
# invariants of no-lost-update.sh, where a write whose answer was lost (transport error) or that
# got a 5xx may or may not have committed: at most one audit row, and the count that did.
# Then `jixiao audit verify`. Exits 1 when a check fails.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/reliability/common.sh"
seconds=${JIXIAO_REL_SECONDS:-30}
clients=${JIXIAO_REL_CLIENTS:-16}
pool=${JIXIAO_BENCH_POOL:-16}
[ "$seconds" -ge 28 ] || { echo "faults: JIXIAO_REL_SECONDS must be at least 28 (the faults happen at 4, 12 and 20 s)" >&2; exit 2; }

t_begin=$(date +%s.%N)
url=$(fresh_db jx_bench_faults)
rel_seed "$url" "$clients"
start_serve "$url" "$pool"
say clients "$clients"
say load_seconds "$seconds"
say serve_pool_size "$pool"

events="$work/events.txt"
event() { echo "$1 $(date +%s.%N) ${2:-}" >>"$events"; }
now() { date +%s.%N; }
sleep_until() { sleep "$(awk -v t="$1" -v n="$(now)" 'BEGIN { d = t - n; print (d > 0 ? d : 0) }')"; }

# If this script dies early, the hammer must not outlive it.
hammer_pid=
trap '[ -z "$hammer_pid" ] || kill "$hammer_pid" 2>/dev/null; bench_cleanup' EXIT INT TERM
python3 "$rel_dir/hammer.py" --port "$http_port" --table "$table_id" --indicators "$indicators" \
    --clients "$clients" --seconds "$seconds" --tag flt --out "$work/records.jsonl" >"$work/hammer.out" &
hammer_pid=$!
t0=$(now)
at() { awk -v a="$t0" -v b="$1" 'BEGIN { printf "%.3f", a + b }'; }

# (a) PostgreSQL restarts under the service.
sleep_until "$(at 4)"
event pg_restart_begin
JIXIAO_PG_QUIET=1 JIXIAO_PG_DIR="$pg_dir" JIXIAO_PG_PORT="$pg_port" "$bench_root/Deploy/local-postgres.sh" restart >/dev/null
event pg_restart_end

# (b) The service dies without a chance to clean up, and is started again.
sleep_until "$(at 12)"
event kill9
kill -KILL "$serve_pid"
wait "$serve_pid" 2>/dev/null || true
sleep 1
start_serve "$url" "$pool"
event serve_started_after_kill9

# (c) Graceful stop under load (the service allows in-flight requests 30 s; we wait 40). So that
# the requests in flight are slow ones, a psql session holds the table's audit chain lock from
# 19.5 s to 21.5 s: at SIGTERM every writer is queued behind it, and must still be answered.
sleep_until "$(at 19.5)"
psql -X -q -v ON_ERROR_STOP=1 "$url" -c "BEGIN" -c "SELECT audit_lock($table_id)" -c "SELECT pg_sleep(2)" \
    -c "COMMIT" >/dev/null &
holder_pid=$!
sleep_until "$(at 20)"
event sigterm
kill -TERM "$serve_pid"
for _ in $(seq 400); do kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.1; done
kill -KILL "$serve_pid" 2>/dev/null || true
code=0; wait "$serve_pid" || code=$?
event serve_exited "$code"
wait "$holder_pid"
start_serve "$url" "$pool"
event serve_started_after_sigterm

# The hammer stops at its deadline; its requests are bounded by its 30 s socket timeout.
wait "$hammer_pid"; hammer_pid=
cat "$work/hammer.out"
python3 "$rel_dir/faults.py" --records "$work/records.jsonl" --events "$events" || rel_failed=1
python3 "$rel_dir/check.py" --records "$work/records.jsonl" --db "$url" --table "$table_id" || rel_failed=1
rel_audit_verify "$url"
echo "INFO serve_log: $(grep -ciE 'error|critical' "$work/serve.log" || true) lines mention error/critical in the server log (level ${JIXIAO_LOG_LEVEL:-warning})"
say total_seconds "$(awk -v a="$t_begin" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
rel_keep
exit "$rel_failed"
