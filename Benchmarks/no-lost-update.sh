#!/usr/bin/env bash
# No lost update (issue 8, item 6).
#
#   Benchmarks/no-lost-update.sh            64 clients × 500 writes (a few minutes on a debug build)
#   Benchmarks/no-lost-update.sh --short    16 clients × 50 writes (CI: well under a minute)
#
# Seeds database jx_bench_nlu on the private cluster of bench-lib.sh with one table of 10
# indicators and one drafter + token per client (reliability/seed.sql), starts `jixiao serve`,
# and lets reliability/hammer.py send every client's writes — PATCH with If-Match, a unique
# value and a unique reason, one keep-alive connection per client — to those 10 indicators, so
# that most of them conflict. Then reliability/check.py matches every answer against the audit
# trail (each 2xx exactly one audit row, each 409 none, versions chained without a gap, final
# values = last audit values, zero 5xx) and `jixiao audit verify` recomputes the hash chains.
# Prints `name = value` figures and PASS/FAIL lines; exits 1 when an invariant is violated.
#
# Binary: JIXIAO_BENCH_BIN (default .build/debug/jixiao). Cluster and ports: see bench-lib.sh.
# JIXIAO_REL_CLIENTS / JIXIAO_REL_WRITES override the counts; JIXIAO_BENCH_POOL the pool (16).
set -euo pipefail

clients=64 writes=500 limit=900
case "${1:-}" in
    "") ;;
    --short) clients=16 writes=50 limit=120 ;;
    *) echo "usage: $0 [--short]" >&2; exit 2 ;;
esac
clients=${JIXIAO_REL_CLIENTS:-$clients}
writes=${JIXIAO_REL_WRITES:-$writes}
source "$(dirname "${BASH_SOURCE[0]}")/reliability/common.sh"
pool=${JIXIAO_BENCH_POOL:-16}

t0=$(date +%s.%N)
url=$(fresh_db jx_bench_nlu)
rel_seed "$url" "$clients"
start_serve "$url" "$pool"
say clients "$clients"
say writes_per_client "$writes"
say indicators "$(echo "$indicators" | tr ',' '\n' | wc -l)"
say serve_pool_size "$pool"

# The hammer's own socket timeout (30 s) bounds each request; `timeout` bounds the whole run.
if ! timeout "$limit" python3 "$rel_dir/hammer.py" --port "$http_port" --table "$table_id" \
    --indicators "$indicators" --clients "$clients" --writes "$writes" --tag nlu --out "$work/records.jsonl"; then
    rel_check hammer 0 "the load did not finish within $limit s"
    rel_keep
    exit 1
fi

python3 "$rel_dir/check.py" --records "$work/records.jsonl" --db "$url" --table "$table_id" --clean \
    || rel_failed=1
rel_audit_verify "$url"
alive=1; kill -0 "$serve_pid" 2>/dev/null || alive=0
rel_check serve_alive "$alive" "jixiao serve still running after the load"
echo "INFO serve_log: $(grep -ciE 'error|critical' "$work/serve.log" || true) lines mention error/critical in the server log (level ${JIXIAO_LOG_LEVEL:-warning})"
say total_seconds "$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
rel_keep
exit "$rel_failed"
