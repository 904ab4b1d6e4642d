-- The audit log: append-only and hash-chained (see src/core/audit/audit.h). Each row's hash is
-- BLAKE2b-256 over its stored fields and prev_hash, the hash of the row before it, so editing,
-- deleting or reordering rows breaks the chain and AuditLog::verify finds the first broken row.
-- Ids are assigned by AuditLog::append (audit_head.last_id + 1), so they have no gaps.
-- The application never deletes from this table; retention (at least 184 days) is kept by not
-- deleting, and removing rows past retention is an operator's database task.
CREATE TABLE audit_log (
    id {{id}},
    at TEXT NOT NULL,
    actor_type TEXT NOT NULL
        CHECK (actor_type IN ('staff', 'worker', 'service', 'system', 'anonymous')),
    actor_id BIGINT,
    actor_name TEXT,
    org_id BIGINT,
    ip TEXT,
    request_id TEXT,
    action TEXT NOT NULL,
    entity TEXT,
    entity_id TEXT,
    detail TEXT NOT NULL,
    prev_hash {{blob}} NOT NULL,
    hash {{blob}} NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor_at ON audit_log (actor_id, at);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

-- The head of the chain: one row that every append locks first (UPDATE inside the caller's
-- transaction), so appends serialise and the chain never forks. The genesis hash is 32 zero
-- bytes; the SQL both backends share has no literal for that, so the seed is the empty blob,
-- which AuditLog reads as the genesis hash.
CREATE TABLE audit_head (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    last_id BIGINT NOT NULL,
    last_hash {{blob}} NOT NULL
);
INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, CAST('' AS {{blob}}));
