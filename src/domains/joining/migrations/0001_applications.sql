-- Join applications (入会申请): a worker's own request from a phone, reviewed by the union's
-- cadres, or a ceremony's registrations (入会仪式), entered approved by a cadre. The ID number and
-- phone are personal information: stored only encrypted by the PII vault (contexts
-- "join_application.id_number", "join_application.phone") and as blind indexes computed with the
-- member registry's keys, so an application and a member of the same person compare equal.
-- org_path copies the target org's materialised path (the cadre's scope is a range on it).
-- consent_version/consented_at record the worker's separate consent to processing the ID number
-- (sensitive personal information, PIPL art. 28-29) and which text they agreed to.
CREATE TABLE join_applications (
    id {{id}},
    worker_id BIGINT NULL REFERENCES worker_accounts(id),  -- NULL: entered at a ceremony
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    org_path TEXT NOT NULL,
    name TEXT NOT NULL,
    id_enc {{blob}} NOT NULL,
    id_blind {{blob}} NOT NULL,
    phone_enc {{blob}} NULL,
    phone_blind {{blob}} NULL,
    occupation TEXT NOT NULL DEFAULT '',
    employer TEXT NOT NULL DEFAULT '',
    new_form INTEGER NOT NULL DEFAULT 0,
    residence_code TEXT NULL,  -- GB/T 2260 division of residence
    workplace_code TEXT NULL,  -- GB/T 2260 division of workplace
    consent_version TEXT NOT NULL,
    consented_at TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('online', 'ceremony')),
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    reject_reason TEXT NOT NULL DEFAULT '',
    reviewed_by TEXT NULL,
    reviewed_at TEXT NULL,
    member_id BIGINT NULL REFERENCES members(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX join_applications_path ON join_applications (org_path, id);
CREATE INDEX join_applications_worker ON join_applications (worker_id, id);
CREATE INDEX join_applications_id_blind ON join_applications (id_blind);
CREATE INDEX join_applications_phone_blind ON join_applications (phone_blind);
