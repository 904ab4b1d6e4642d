-- Employers (用人单位): who should have a union (建会) and which grassroots union is theirs.
-- org_id is the union org responsible for the area the employer lies in (a federation or a
-- township union); org_path copies its materialised path, so scoped reads need no join.
-- union_org_id is the employer's own grassroots union once it has one (NULL: not unionized).
CREATE TABLE employers (
    id {{id}},
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    org_path TEXT NOT NULL,
    name TEXT NOT NULL,
    credit_code TEXT NOT NULL UNIQUE,  -- 统一社会信用代码 (GB 32100), normalized
    staff_size INTEGER NOT NULL CHECK (staff_size >= 0),
    industry TEXT NOT NULL DEFAULT '',  -- GB/T 4754 section letter A–T, or '' when unknown
    address TEXT NOT NULL DEFAULT '',
    union_org_id BIGINT NULL REFERENCES orgs(id),
    should_unionize INTEGER NOT NULL DEFAULT 1,  -- counted in the 建会率 denominator
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX employers_org_path ON employers (org_path, id);
