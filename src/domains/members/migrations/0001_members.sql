-- The real-name member registry (会员实名制). The ID number and phone are personal information:
-- stored only encrypted by the PII vault (contexts "member.id_number", "member.phone") and as
-- their blind indexes. active_blind holds id_blind while the membership is active or being
-- transferred and NULL otherwise, so its UNIQUE index is what keeps one active membership per
-- person nationwide, also under concurrent requests (NULLs never collide).
CREATE TABLE members (
    id {{id}},
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    org_path TEXT NOT NULL,  -- copy of the org's materialised path: scope without a join
    name TEXT NOT NULL,
    id_enc {{blob}} NOT NULL,
    id_blind {{blob}} NOT NULL,
    phone_enc {{blob}} NULL,
    phone_blind {{blob}} NULL,
    birth_date TEXT NOT NULL,
    gender TEXT NOT NULL CHECK (gender IN ('M', 'F')),
    occupation TEXT NOT NULL DEFAULT '',
    new_form INTEGER NOT NULL DEFAULT 0,  -- 新就业形态 (gig worker)
    card_no TEXT NOT NULL UNIQUE,
    joined_on TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'transferring', 'transferred', 'left',
                                           'expelled', 'deceased')),
    active_blind {{blob}} NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX members_org_path ON members (org_path, id);
CREATE INDEX members_id_blind ON members (id_blind);
CREATE INDEX members_phone_blind ON members (phone_blind);

-- Every change of a membership's status, oldest first.
CREATE TABLE member_history (
    id {{id}},
    member_id BIGINT NOT NULL REFERENCES members(id),
    at TEXT NOT NULL,
    from_status TEXT NULL,
    to_status TEXT NOT NULL,
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    actor TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX member_history_member ON member_history (member_id, id);
