-- The 30 UTC days ending yesterday as day partitions of the table :parent, named and bounded as the service names them
-- (partition.DayPartition: message_p20261102 holds [2026-11-02T00:00:00Z, 2026-11-03T00:00:00Z)). Used by the search
-- seeds; no service runs meanwhile, so plain PARTITION OF is enough.
SELECT set_config('seed.parent', :'parent', false) AS seed_parent \gset
DO $$
DECLARE
    parent text := current_setting('seed.parent');
    today  date := (now() AT TIME ZONE 'UTC')::date;
    day    date;
BEGIN
    FOR day IN SELECT d::date FROM generate_series(today - 30, today - 1, interval '1 day') AS d LOOP
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                       parent || '_p' || to_char(day, 'YYYYMMDD'), parent, to_char(day, 'YYYY-MM-DD') || 'T00:00:00Z',
                       to_char(day + 1, 'YYYY-MM-DD') || 'T00:00:00Z');
    END LOOP;
END $$;
