-- Reading the audit log by subtree (issue #12, item 9): each row carries the materialised path of
-- the acting cadre's org ("/1/5/"), so an audit administrator of a county reads that county's rows
-- and not a neighbour's. Rows of workers, anonymous callers and the operator's CLI, and rows
-- written before this migration, have none: only an auditor at the root of the tree reads them.
-- The hash covers org_path when it is set (see audit.cpp), so older rows still verify.
ALTER TABLE audit_log ADD COLUMN org_path TEXT;
CREATE INDEX audit_log_org_path ON audit_log (org_path, id);
