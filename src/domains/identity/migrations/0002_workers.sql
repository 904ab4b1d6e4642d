-- Worker (职工/会员) accounts: people who sign in on a phone with their mobile number and a
-- one-time code, or the number and a password. The number is personal information: it is stored
-- only encrypted by the PII vault (context "worker_account.phone") and as its blind index, which
-- keeps one account per number. One-time codes and session tokens are stored only as hashes.
CREATE TABLE worker_accounts (
    id {{id}},
    phone_enc {{blob}} NOT NULL,
    phone_blind {{blob}} NOT NULL UNIQUE,
    password_hash TEXT NULL,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE worker_otps (
    id {{id}},
    phone_blind {{blob}} NOT NULL,
    code_hash TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    used_at TEXT NULL,
    created_at TEXT NOT NULL,
    ip TEXT NOT NULL
);
CREATE INDEX worker_otps_phone ON worker_otps (phone_blind, created_at);

CREATE TABLE worker_sessions (
    id {{id}},
    token_hash TEXT NOT NULL UNIQUE,
    worker_id BIGINT NOT NULL REFERENCES worker_accounts(id),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ip TEXT NOT NULL,
    user_agent TEXT NOT NULL,
    revoked_at TEXT NULL
);
CREATE INDEX worker_sessions_worker ON worker_sessions (worker_id);
