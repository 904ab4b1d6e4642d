-- The union tree, as much of it as access scope needs (issue #5 grows it). `path` is the
-- materialised path of ids, "/1/5/12/": a subtree is every row whose path starts with its root's.
CREATE TABLE orgs (
    id {{id}},
    parent_id BIGINT NULL REFERENCES orgs(id),
    path TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('federation', 'township_union', 'grassroots_union',
        'industry_federation', 'area_federation', 'union_group')),
    division_code TEXT NULL UNIQUE,
    created_at TEXT NOT NULL
);
CREATE INDEX orgs_parent ON orgs (parent_id);
