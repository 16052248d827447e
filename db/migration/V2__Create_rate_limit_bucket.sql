-- Bucket4j's token buckets, one row per Tencent API: the rate limit is shared by every instance on this database.
-- UNLOGGED: every reservation updates the row while others wait for its lock, and a logged table would hold that
-- lock across a WAL flush. Losing this table in a crash only loses the last few milliseconds of pacing state.
CREATE UNLOGGED TABLE rate_limit_bucket (
    id    text PRIMARY KEY,
    state bytea
);
