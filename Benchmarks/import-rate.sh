#!/usr/bin/env bash
# Import rate (issue 8, item 4): `jixiao import` of N generated documents in the seed's format vs
# `psql \copy` of the same indicator rows into a plain table, in the same run.
#
#   Benchmarks/import-rate.sh          (JIXIAO_BENCH_DOCS=1000, JIXIAO_BENCH_IMPORT_BUDGET=300 s)
#
# Document i is Deploy/samples/targets-2025.txt with the county name 和政县 replaced by 基准县<i>
# (so every unit name and every table title differs), imported with --create-units as admin, one
# `jixiao import` process per document (as an operator would run it), until all N are in or
# the budget is used up (then the figures say how many went in). Afterwards the indicator rows
# that the import created are exported and loaded with \copy into an unindexed, trigger-free
# table of the same columns: the database's bulk-load limit for the same rows.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

docs=${JIXIAO_BENCH_DOCS:-1000}
budget=${JIXIAO_BENCH_IMPORT_BUDGET:-300}
sample="$bench_root/Deploy/samples/targets-2025.txt"

url=$(fresh_db jx_bench_import)
mkdir -p "$work/docs"
for i in $(seq "$docs"); do sed "s/和政县/基准县$i/g" "$sample" >"$work/docs/doc-$i.txt"; done
say documents_generated "$docs"
say document_bytes "$(wc -c <"$sample")"

imported=0; failed=0
start=$(date +%s.%N)
deadline=$(( $(date +%s) + budget ))
for i in $(seq "$docs"); do
    if [ "$(date +%s)" -ge "$deadline" ]; then break; fi
    if (cd "$bench_root" && JIXIAO_DATABASE_URL="$url" timeout 60 "$jixiao" import "$work/docs/doc-$i.txt" --create-units --as admin >/dev/null 2>>"$work/import.err"); then
        imported=$((imported + 1))
    else
        failed=$((failed + 1))
    fi
done
import_s=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }')
rows=$(psql -X -At "$url" -c "SELECT count(*) FROM indicator")
tables=$(psql -X -At "$url" -c "SELECT count(*) FROM target_table")
say documents_imported "$imported"
say documents_failed "$failed"
[ "$failed" = 0 ] || { echo "first import errors:" >&2; head -5 "$work/import.err" >&2; }
say tables_imported "$tables"
say indicator_rows_imported "$rows"
say import_seconds "$import_s"
import_rps=$(awk -v n="$rows" -v s="$import_s" 'BEGIN { printf "%.1f", n / s }')
say import_rows_per_s "$import_rps"
say import_docs_per_s "$(awk -v n="$imported" -v s="$import_s" 'BEGIN { printf "%.2f", n / s }')"

# The limit: \copy of the very same indicator rows into a plain table.
cols="table_id, position, level1, level2, level3, comparator, value, numeric_value, unit_of_measure, content, remark, source_line"
psql -X -q -v ON_ERROR_STOP=1 "$url" -c "\copy (SELECT $cols FROM indicator ORDER BY id) TO '$work/rows.tsv'"
psql -X -q -v ON_ERROR_STOP=1 "$url" -c "SET client_min_messages = warning" -c "DROP TABLE IF EXISTS bench_copy" \
    -c "CREATE TABLE bench_copy (LIKE indicator INCLUDING DEFAULTS INCLUDING IDENTITY)" >/dev/null
start=$(date +%s.%N)
psql -X -q -v ON_ERROR_STOP=1 "$url" -c "\copy bench_copy ($cols) FROM '$work/rows.tsv'"
copy_s=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }')
copied=$(psql -X -At "$url" -c "SELECT count(*) FROM bench_copy")
say copy_rows "$copied"
say copy_seconds "$copy_s"
copy_rps=$(awk -v n="$copied" -v s="$copy_s" 'BEGIN { printf "%.1f", n / s }')
say copy_rows_per_s "$copy_rps"
import_ratio=$(ratio "$import_rps" "$copy_rps")
say import_ratio "$import_ratio"
verdict import_errors "$([ "$failed" = 0 ] && echo 1 || echo 0)" "$failed of $((imported + failed)) documents failed"
echo "INFO import_ratio: jixiao import $import_rps rows/s ÷ psql \\copy $copy_rps rows/s = $import_ratio (no target; $imported of $docs documents in ${import_s} s)"
