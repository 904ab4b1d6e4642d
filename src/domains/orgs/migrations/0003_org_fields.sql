-- The union's own record (issue #5): its credit code (GB 32100; a trade union's starts with 81),
-- industry section (GB/T 4754 letter A–T or ''), address and GCJ-02 coordinates, chair, founding
-- date, and its life: active, dissolved (撤销) or merged (合并) into another org. Columns are added
-- one by one (ALTER TABLE ADD COLUMN is what SQLite and PostgreSQL share); a UNIQUE column cannot
-- be added on SQLite, so the credit code's uniqueness is an index.
ALTER TABLE orgs ADD COLUMN credit_code TEXT NULL;
ALTER TABLE orgs ADD COLUMN industry TEXT NOT NULL DEFAULT '';
ALTER TABLE orgs ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE orgs ADD COLUMN lat DOUBLE PRECISION NULL;
ALTER TABLE orgs ADD COLUMN lng DOUBLE PRECISION NULL;
ALTER TABLE orgs ADD COLUMN chair_name TEXT NOT NULL DEFAULT '';
ALTER TABLE orgs ADD COLUMN founded_on TEXT NULL;
ALTER TABLE orgs ADD COLUMN status TEXT NOT NULL DEFAULT 'active'
    CHECK (status IN ('active', 'dissolved', 'merged'));
ALTER TABLE orgs ADD COLUMN merged_into BIGINT NULL REFERENCES orgs(id);
ALTER TABLE orgs ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
UPDATE orgs SET updated_at = created_at;
CREATE UNIQUE INDEX orgs_credit_code ON orgs (credit_code);
-- The worker's union picker reads active unions of a type; a small index keeps that off the tree.
CREATE INDEX orgs_status_type ON orgs (status, type);
