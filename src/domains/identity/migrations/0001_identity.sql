-- Staff accounts (cadres), their roles, and sessions. Passwords are argon2id hashes; session
-- tokens are stored only as hashes; lockouts live here so they survive a restart.
CREATE TABLE staff_accounts (
    id {{id}},
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    org_path TEXT NOT NULL,  -- copy of the org's materialised path: scope without a join
    password_hash TEXT NOT NULL,
    password_changed_at TEXT NOT NULL,
    must_change_password INTEGER NOT NULL DEFAULT 1,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT NULL,
    totp_secret_enc {{blob}} NULL,
    totp_enabled INTEGER NOT NULL DEFAULT 0,
    totp_last_step BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX staff_accounts_org_path ON staff_accounts (org_path, id);

CREATE TABLE account_roles (
    account_id BIGINT NOT NULL REFERENCES staff_accounts(id),
    role TEXT NOT NULL,
    granted_at TEXT NOT NULL,
    PRIMARY KEY (account_id, role)
);

CREATE TABLE sessions (
    id {{id}},
    token_hash TEXT NOT NULL UNIQUE,
    account_id BIGINT NOT NULL REFERENCES staff_accounts(id),
    csrf_token TEXT NOT NULL,
    mfa_pending INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ip TEXT NOT NULL,
    user_agent TEXT NOT NULL,
    revoked_at TEXT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);
