-- The service's query by sender, parameters drawn as search.lua draws them: one in five a heavy sender.
\set heavy random(0, 4)
\set h random(0, 19)
\set u random(0, 499999)
SELECT * FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.from_account = CASE WHEN :heavy = 0 THEN 'heavy-' || :h ELSE 'user-' || :u END
    AND m.delivered AND m.recalled_at IS NULL ORDER BY msg_time DESC, id DESC LIMIT 101;
