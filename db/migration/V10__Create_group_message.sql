-- One row per group message, whatever mix of callbacks announced it (Group.CallbackAfterSendMsg, the recall echo
-- Group.CallbackAfterRecallMsg). As for one-to-one messages, bodies are never stored.
--
-- A new, empty table: nothing existing is rewritten. Its ids come from the message table's sequence, so that ids are
-- unique across both chats and a search over both pages by one (msg_time, id) keyset, newest first (message_id_seq
-- is the sequence of message's identity column).
CREATE TABLE group_message (
    id                 bigint      PRIMARY KEY DEFAULT nextval('message_id_seq'),
    sdk_app_id         bigint      NOT NULL,
    group_id           text        NOT NULL,
    -- '' outside community topics: a key column, and NULLs never conflict in a unique constraint (before
    -- PostgreSQL 15's NULLS NOT DISTINCT).
    topic_id           text        NOT NULL DEFAULT '',
    -- Assigned by Tencent, increasing per group from 1: the key group_msg_recall takes.
    msg_seq            bigint      NOT NULL CHECK (msg_seq > 0),
    -- Null for a message known only from its recall echo, which names no sender.
    from_account       text,
    -- Who issued the send request: tells admin (REST) sends apart.
    operator_account   text,
    msg_random         bigint,
    -- For a message known only from its recall echo this is the time of the recall (msg_time_estimated), replaced
    -- by the real MsgTime when the send callback turns up.
    msg_time           timestamptz NOT NULL,
    msg_time_estimated boolean     NOT NULL DEFAULT false,
    online_only        boolean,
    -- Tencent's group Type, opaque (Public, Work, Community, AVChatRoom, ...).
    group_type         text,
    client_ip          text,
    platform           text,
    first_seen_at      timestamptz NOT NULL,
    recalled_at        timestamptz,
    -- 'tencent': learnt from Group.CallbackAfterRecallMsg; 'job': recalled by a recall job of this service.
    recall_source      text CHECK (recall_source IN ('tencent', 'job')),
    recall_job_id      bigint,
    -- Operator_Account of Tencent's recall echo: who recalled it.
    recalled_by        text,
    -- When Tencent's recall echo arrived.
    recall_reported_at timestamptz,
    source             text        NOT NULL DEFAULT 'callback' CHECK (source IN ('callback', 'import', 'tencent_sync')),
    CONSTRAINT group_message_identity UNIQUE (sdk_app_id, group_id, topic_id, msg_seq)
);

-- As for message: search orders newest first with id as the tie-breaker, so each filter is a range scan on one of
-- these, and the recall mark rides along for index-only counts. A group's messages are found by the group (with or
-- without a sender) or by the sender across groups.
CREATE INDEX group_message_by_sender ON group_message (sdk_app_id, from_account, msg_time DESC, id DESC)
    INCLUDE (recalled_at);
CREATE INDEX group_message_by_group ON group_message (sdk_app_id, group_id, msg_time DESC, id DESC)
    INCLUDE (recalled_at);
CREATE INDEX group_message_by_group_sender ON group_message (sdk_app_id, group_id, from_account, msg_time DESC, id DESC)
    INCLUDE (recalled_at);
CREATE INDEX group_message_by_time ON group_message (sdk_app_id, msg_time DESC, id DESC) INCLUDE (recalled_at);
