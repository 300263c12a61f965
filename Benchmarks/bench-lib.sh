# Shared helpers of the service benchmarks (write-path.sh, read-path.sh, audit-scale.sh,
# import-rate.sh). Sourced, not run.
#
# Environment:
#   JIXIAO_BENCH_PG_DIR   the private cluster's folder   (default /tmp/jx-bench-pg)
#   JIXIAO_BENCH_PG_PORT  its port                       (default 54349)
#   JIXIAO_BENCH_BIN      the jixiao binary               (default: .build-bench release build)
#   JIXIAO_BENCH_PORT     port of `jixiao serve`          (default 18089)
#   JIXIAO_BENCH_UNITS    seeded units                    (default 200; 5 tables × 30 indicators each)

bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench_dir="$bench_root/Benchmarks"
pg_dir=${JIXIAO_BENCH_PG_DIR:-/tmp/jx-bench-pg}
pg_port=${JIXIAO_BENCH_PG_PORT:-54349}
http_port=${JIXIAO_BENCH_PORT:-18089}
units=${JIXIAO_BENCH_UNITS:-200}
jixiao=${JIXIAO_BENCH_BIN:-$bench_root/.build-bench/release/jixiao}
work=$(mktemp -d /tmp/jx-bench.XXXXXX)
serve_pid=

bench_cleanup() {
    if [ -n "$serve_pid" ] && kill -0 "$serve_pid" 2>/dev/null; then
        kill -TERM "$serve_pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$serve_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap bench_cleanup EXIT INT TERM

say() { printf '%s = %s\n' "$1" "$2"; }
verdict() {  # name ok(1/0) text
    if [ "$2" = 1 ]; then echo "PASS $1: $3"; else echo "FAIL $1: $3"; fi
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "nan"; else printf "%.3f\n", a / b }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 >= b + 0) }' && echo 1 || echo 0; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 < b + 0) }' && echo 1 || echo 0; }

[ -x "$jixiao" ] || {
    echo "bench: no jixiao binary at $jixiao; build it: swift build -c release --product jixiao --scratch-path .build-bench" >&2
    exit 2
}
command -v psql >/dev/null || { echo "bench: psql is needed" >&2; exit 2; }

# The private cluster (started if it is not running); base URL without database name.
admin_url=$(JIXIAO_PG_QUIET=1 JIXIAO_PG_DIR="$pg_dir" JIXIAO_PG_PORT="$pg_port" "$bench_root/Deploy/local-postgres.sh" start)
# Passwords (scram) for psql, the CLI and the server, from the cluster's password file.
PGPASSFILE=$(JIXIAO_PG_DIR="$pg_dir" JIXIAO_PG_PORT="$pg_port" "$bench_root/Deploy/local-postgres.sh" passfile)
export PGPASSFILE
server_url=${admin_url%/*}

# db_url NAME: URL of database NAME on the cluster.
db_url() { echo "$server_url/$1"; }

# fresh_db NAME: drop and create database NAME, migrate it, `db init`, and echo its URL.
fresh_db() {
    local url
    url=$(db_url "$1")
    PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 "$(db_url postgres)" -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" >/dev/null
    (cd "$bench_root" && "$jixiao" db migrate --database-url "$url" >/dev/null)
    (cd "$bench_root" && "$jixiao" db init --database-url "$url" --admin admin --display-name 管理员 \
        --unit-code 000 --unit-name 和政县财政局 >/dev/null)
    echo "$url"
}

# seed URL: $units units (codes B0001…), drafter bdrafterN of each with token
# jx_bench_<N zero-padded to 67 characters>, 5 draft project tables per unit, 30 indicators per
# table. Written as the superuser in set-based SQL; the audit triggers fire for every row.
# Units, tables and indicators get consecutive ids in unit order (fresh database).
seed() {
    psql -X -q -v ON_ERROR_STOP=1 -v units="$units" "$1" <<'SQL' >/dev/null
BEGIN;
SELECT set_config('jixiao.actor', 'bench-seed', true), set_config('jixiao.reason', 'benchmark seed', true);
INSERT INTO unit (code, name, parent_id)
SELECT 'B' || lpad(n::text, 4, '0'), '基准单位' || n, (SELECT id FROM unit WHERE code = '000')
FROM generate_series(1, :units) AS n ORDER BY n;
INSERT INTO app_user (login, display_name, unit_id, roles)
SELECT 'bdrafter' || n, '填报员' || n, (SELECT id FROM unit WHERE code = 'B' || lpad(n::text, 4, '0')), ARRAY['drafter']
FROM generate_series(1, :units) AS n ORDER BY n;
INSERT INTO api_token (user_id, token_sha256, label, expires_at)
SELECT u.id, sha256(convert_to('jx_bench_' || lpad(n::text, 58, '0'), 'UTF8')), 'bench', now() + interval '1 day'
FROM generate_series(1, :units) AS n JOIN app_user u ON u.login = 'bdrafter' || n ORDER BY n;
INSERT INTO target_table (kind, title, fiscal_year, unit_id, supervising_unit_id, funds_total, goals, header)
SELECT 'project', '基准项目' || n || '-' || k, 2025, u.id, u.parent_id, 100, ARRAY['完成基准目标' || k],
       jsonb_build_object('kind', 'project', 'funds_total', '100', 'fiscal_funds', '100',
                          'project_name', '基准项目' || n || '-' || k, 'implementing_unit', u.name,
                          'supervising_department', '和政县财政局')
FROM generate_series(1, :units) AS n CROSS JOIN generate_series(1, 5) AS k
JOIN unit u ON u.code = 'B' || lpad(n::text, 4, '0')
ORDER BY n, k;
INSERT INTO indicator (table_id, position, level1, level2, level3, comparator, value, numeric_value, unit_of_measure, content)
SELECT t.id, p, '产出指标', '数量指标', '基准指标' || p, '≥', '90', 90, '%', '基准指标内容' || p
FROM target_table t CROSS JOIN generate_series(1, 30) AS p
WHERE t.title LIKE '基准项目%'
ORDER BY t.id, p;
COMMIT;
ANALYZE;
SQL
}

# app_url URL: the same database, logged in as the application role jixiao_app.
app_url() { sed -E 's#^(postgres(ql)?://)[^@/]*@#\1jixiao_app@#' <<<"$1"; }

# start_serve URL POOL: `jixiao serve` on 127.0.0.1:$http_port, logged in as jixiao_app on the
# database of URL; sets serve_pid; waits until it answers.
# Appends to $work/serve.log, so that a server started again (faults.sh) keeps the earlier log.
start_serve() {
    (cd "$bench_root" && JIXIAO_DATABASE_URL="$(app_url "$1")" JIXIAO_LOG_LEVEL=${JIXIAO_LOG_LEVEL:-warning} \
        exec "$jixiao" serve --host 127.0.0.1 --port "$http_port" --pool-size "$2") >>"$work/serve.log" 2>&1 &
    serve_pid=$!
    for _ in $(seq 100); do
        if curl -fsS -o /dev/null "http://127.0.0.1:$http_port/openapi.yaml" 2>/dev/null; then return 0; fi
        kill -0 "$serve_pid" 2>/dev/null || { cat "$work/serve.log" >&2; echo "bench: serve died" >&2; exit 1; }
        sleep 0.1
    done
    echo "bench: serve did not answer within 10 s" >&2; exit 1
}

# rss_kib FIELD: VmHWM / VmRSS of jixiao serve, in KiB.
rss_kib() { awk -v f="$1:" '$1 == f { print $2 }' "/proc/$serve_pid/status"; }

token_of() { printf 'jx_bench_%058d' "$1"; }

# CPU accounting (clock ticks): where a run's CPU went, to explain a ratio by measurement.
clk_tck=$(getconf CLK_TCK)
proc_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null || echo 0; }   # utime+stime
children_ticks() { awk '{ sub(/^.*\) /, ""); print $14 + $15 }' "/proc/$1/stat"; }               # cutime+cstime (reaped)
postmaster_pid() { head -n 1 "$pg_dir/postmaster.pid"; }
pg_ticks() {  # the whole cluster: postmaster, its live children, and the children it has reaped
    local pm total=0 p
    pm=$(postmaster_pid)
    total=$(( $(proc_ticks "$pm") + $(children_ticks "$pm") ))
    for p in $(ps -o pid= --ppid "$pm"); do total=$(( total + $(proc_ticks "$p") )); done
    echo "$total"
}
machine_ticks() { awk '$1 == "cpu" { busy = $2 + $3 + $4 + $7 + $8; print busy, busy + $5 + $6 }' /proc/stat; }  # busy total
ms_per() { awk -v t="$1" -v n="$2" -v hz="$clk_tck" 'BEGIN { if (n == 0) print "nan"; else printf "%.3f\n", t * 1000 / hz / n }'; }
busy_pct() { awk -v b0="$1" -v t0="$2" -v b1="$3" -v t1="$4" 'BEGIN { printf "%.0f\n", (b1 - b0) * 100 / (t1 - t0) }'; }
