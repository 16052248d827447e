-- One row per one-to-one message, whatever mix of callbacks announced it (before, after, recall echo).
-- Message bodies are never stored: the row holds what is needed to find a message and recall it.
CREATE TABLE message (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sdk_app_id         bigint      NOT NULL,
    from_account       text        NOT NULL,
    to_account         text        NOT NULL,
    -- Opaque: Tencent documents no structure, so it is stored and compared as given.
    msg_key            text        NOT NULL,
    -- MsgSeq and MsgRandom are uint32, which does not fit an int.
    msg_seq            bigint,
    msg_random         bigint,
    -- For a message known only from its recall echo this is the time of the recall; it is replaced
    -- by the real MsgTime if the send callback turns up later (e.g. from the spool).
    msg_time           timestamptz NOT NULL,
    online_only        boolean,
    client_ip          text,
    platform           text,
    first_seen_at      timestamptz NOT NULL,
    seen_before        boolean     NOT NULL DEFAULT false,
    seen_after         boolean     NOT NULL DEFAULT false,
    -- SendMsgResult of the after-callback; null until that callback arrives.
    send_result        integer,
    delivered          boolean GENERATED ALWAYS AS (coalesce(send_result, 0) = 0) STORED,
    recalled_at        timestamptz,
    -- 'tencent': learnt from C2C.CallbackAfterMsgWithDraw; 'job': recalled by a recall job of this service.
    recall_source      text CHECK (recall_source IN ('tencent', 'job')),
    recall_job_id      bigint,
    -- When Tencent's recall echo arrived: proof from Tencent's side that the recall took effect.
    recall_reported_at timestamptz,
    CONSTRAINT message_identity UNIQUE (sdk_app_id, from_account, to_account, msg_key)
);

-- Search orders newest first with id as the tie-breaker, so every lookup is a range scan on one of these. The state
-- columns ride along so that counting a heavy sender's active messages is an index-only scan, not 100,000 row reads.
CREATE INDEX message_by_sender ON message (sdk_app_id, from_account, msg_time DESC, id DESC)
    INCLUDE (delivered, recalled_at);
CREATE INDEX message_by_recipient ON message (sdk_app_id, to_account, msg_time DESC, id DESC)
    INCLUDE (delivered, recalled_at);
CREATE INDEX message_by_conversation ON message (sdk_app_id, from_account, to_account, msg_time DESC, id DESC)
    INCLUDE (delivered, recalled_at);
CREATE INDEX message_by_time ON message (sdk_app_id, msg_time DESC, id DESC) INCLUDE (delivered, recalled_at);
