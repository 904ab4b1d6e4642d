-- Honours a union has received (e.g. 全国模范职工之家, 2023, 中华全国总工会).
CREATE TABLE org_honours (
    id {{id}},
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    title TEXT NOT NULL,
    year INTEGER NOT NULL,
    granted_by TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX org_honours_org ON org_honours (org_id, id);
