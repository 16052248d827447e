-- The service's queries by sender (one-to-one, then groups: a search covers both chats by default), parameters drawn
-- as search.lua draws them: one in five a heavy sender.
\set heavy random(0, 4)
\set h random(0, 19)
\set u random(0, 499999)
SELECT * FROM message m WHERE m.sdk_app_id = 1400000000
    AND m.from_account = CASE WHEN :heavy = 0 THEN 'heavy-' || :h ELSE 'user-' || :u END
    AND m.delivered AND m.recalled_at IS NULL ORDER BY msg_time DESC, id DESC LIMIT 101;
SELECT * FROM group_message g WHERE g.sdk_app_id = 1400000000
    AND g.from_account = CASE WHEN :heavy = 0 THEN 'heavy-' || :h ELSE 'user-' || :u END
    AND g.recalled_at IS NULL ORDER BY g.msg_time DESC, g.id DESC LIMIT 101;
