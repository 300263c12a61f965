-- 0009 权重: an optional weight per indicator
--
-- The points an indicator carries in scoring (DESIGN §1.8): exact, ≥ 0, two decimals, at most
-- 9999.99 (JixiaoCore.Weight says the same). Nullable without a default: audit images written
-- before this column replay to NULL (0008), so `audit_verify()` keeps passing on old trails.
-- Revision diffs compare every content column, this one included (indicators_diff_seq).
ALTER TABLE indicator ADD COLUMN weight numeric(6, 2)
    CONSTRAINT indicator_weight_nonnegative CHECK (weight >= 0);
