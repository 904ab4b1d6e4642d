-- Other systems (the 12345 hotline linkage, station door controllers) call the API with a bearer
-- token bound to a service account that holds a narrow list of permissions within one org's
-- subtree. Only the token's hash is stored; the token is shown once when the account is made.
CREATE TABLE service_accounts (
    id {{id}},
    name TEXT NOT NULL UNIQUE,
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    org_path TEXT NOT NULL,
    permissions TEXT NOT NULL,  -- space-separated
    token_hash TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
    created_at TEXT NOT NULL,
    last_used_at TEXT NULL
);
