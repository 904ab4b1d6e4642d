-- A notice for one recipient: a worker's phone account or a staff account (recipient_kind).
-- Written in the transaction of the event it reports; read_at set when the recipient opens it.
CREATE TABLE notices (
    id {{id}},
    recipient_kind TEXT NOT NULL CHECK (recipient_kind IN ('worker', 'staff')),
    recipient_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    read_at TEXT NULL
);
CREATE INDEX notices_inbox ON notices (recipient_kind, recipient_id, id);
CREATE INDEX notices_unread ON notices (recipient_kind, recipient_id, read_at);

-- SMS waiting for, or done with, the provider. The number is encrypted by the PII vault
-- (context "sms_outbox.phone"); params (a one-time code) encrypted too ("sms_outbox.params") and
-- erased once the message is sent or given up. next_attempt_at doubles as the claim: a node
-- takes a row by moving it forward with a guarded UPDATE.
CREATE TABLE sms_outbox (
    id {{id}},
    phone_enc {{blob}} NOT NULL,
    template TEXT NOT NULL,
    purpose TEXT NOT NULL,
    params_enc {{blob}} NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    expires_at TEXT NULL,
    last_error TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    sent_at TEXT NULL
);
CREATE INDEX sms_outbox_due ON sms_outbox (status, next_attempt_at);
