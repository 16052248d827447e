-- The service's counts (one-to-one, then groups) for a heavy sender.
\set h random(0, 19)
SELECT count(*) FROM (SELECT 1 FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.from_account = 'heavy-' || :h AND m.delivered AND m.recalled_at IS NULL) m;
SELECT count(*) FROM group_message g WHERE g.sdk_app_id = 1400000000
    AND g.from_account = 'heavy-' || :h AND g.recalled_at IS NULL;
