-- Reports of rows an import over the API did not take (POST /api/v1/members/import), kept as
-- the .xlsx the importer downloads (GET /api/v1/members/import-reports/{id}) until expires_at,
-- then deleted by the next import. ID numbers in a report are masked. org_path copies the
-- import's org path: the report is read only within that org's scope.
CREATE TABLE member_import_reports (
    id {{id}},
    org_id BIGINT NOT NULL REFERENCES orgs(id),
    org_path TEXT NOT NULL,
    file_name TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    report {{blob}} NOT NULL
);
CREATE INDEX member_import_reports_expires ON member_import_reports (expires_at);
