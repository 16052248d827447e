-- The service's query for one group's newest messages: one in five a group the heavy senders post in.
\set heavy random(0, 4)
\set h random(0, 1999)
\set g random(0, 99999)
SELECT * FROM group_message g WHERE g.sdk_app_id = 1400000000
    AND g.group_id = 'group-' || CASE WHEN :heavy = 0 THEN :h ELSE :g END
    AND g.recalled_at IS NULL ORDER BY g.msg_time DESC, g.id DESC LIMIT 101;
