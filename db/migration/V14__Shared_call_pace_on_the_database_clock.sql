-- The pace of each rate-limited Tencent command, shared by every instance on this database (replaces Bucket4j's
-- rate_limit_bucket). Slots are computed from the database's clock (clock_timestamp()), never an instance's, so
-- instances whose clocks disagree still share one schedule; an instance only ever sleeps for the wait the database
-- computed. next_slot is the first slot not yet promised: a restarting instance finds the backlog of promised slots
-- where the others left it, whatever its configured rate. While Tencent refuses calls (60007, 60011), the spacing is
-- multiplied by slowdown until slowed_until.
-- UNLOGGED: every reservation updates the row while others wait for its lock, and a logged table would hold that lock
-- across a WAL flush. A crash of PostgreSQL loses the row (it is made again at start-up), and with it the last
-- second of promised slots.
CREATE UNLOGGED TABLE call_pace (
    command       text PRIMARY KEY,
    per_second    integer     NOT NULL CHECK (per_second > 0),
    -- 1 s (plus the jitter allowance) divided by per_second
    spacing_us    bigint      NOT NULL CHECK (spacing_us > 0),
    next_slot     timestamptz NOT NULL,
    -- the spacing's multiplier while slowed down
    slowdown      double precision NOT NULL DEFAULT 1 CHECK (slowdown >= 1),
    slowed_at     timestamptz,
    slowed_until  timestamptz,
    slowed_reason text
);

DROP TABLE rate_limit_bucket;
