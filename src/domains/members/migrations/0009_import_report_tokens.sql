-- A kept import report is named by a random token (32 hex digits: 16 bytes from libsodium), never
-- by its id: on SQLite `{{id}}` is INTEGER PRIMARY KEY without AUTOINCREMENT, so once the newest
-- report expired and was deleted the next one got the same id, and the old link
-- (GET /api/v1/members/import-reports/{id}) opened the newer report of the same scope; ids could
-- also be counted through. Reports kept before this migration have no token and so no link any
-- more: they are deleted (a report lives 7 days; the imported members are not touched).
DELETE FROM member_import_reports;
ALTER TABLE member_import_reports ADD COLUMN token TEXT;
CREATE UNIQUE INDEX member_import_reports_token ON member_import_reports (token);
