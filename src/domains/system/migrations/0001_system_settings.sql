-- Settings of this installation, one row per key. The server reads `instance_name` on each
-- GET /api/v1/system/info (a one-row primary-key read, also the database benchmark's query).
CREATE TABLE system_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
INSERT INTO system_settings (key, value, updated_at) VALUES ('instance_name', '工会服务平台', {{now}});
