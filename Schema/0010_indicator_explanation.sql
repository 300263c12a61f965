-- 0010 指标解释: what an indicator measures and how, as some provinces' forms explain it
--
-- Free text like 备注, empty when the form has none. Audit images written before this column
-- replay with the column default (0008), so `audit_verify()` keeps passing on old trails;
-- revision diffs compare it like every content column (indicators_diff_seq).
ALTER TABLE indicator ADD COLUMN explanation text NOT NULL DEFAULT '';
