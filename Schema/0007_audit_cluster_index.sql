-- History of one indicator reads its audit rows by (indicator_id, seq). Appended in time order,
-- those rows sit one per heap page, so a cold history read costs one page per change
-- (Benchmarks/audit-scale.sh: 166 changes ≈ 12 ms from disk). CLUSTER puts each indicator's rows
-- next to each other, and it needs an index that is not partial: this one replaces the partial
-- index of 0004 (rows without an indicator sort last) and becomes the table's CLUSTER index, so
-- that `jixiao db maintain` (or a plain `CLUSTER audit_log`) can run in a quiet hour.
DROP INDEX audit_log_indicator_idx;
CREATE INDEX audit_log_indicator_idx ON audit_log (indicator_id, seq);
ALTER TABLE audit_log CLUSTER ON audit_log_indicator_idx;
