-- A worker's request to correct or delete their personal information (PIPL arts. 46–47), made on
-- the phone page and answered by a security administrator; the answer reaches the worker's
-- inbox. detail and reply are free text the worker and the administrator write.
CREATE TABLE worker_data_requests (
    id {{id}},
    worker_id BIGINT NOT NULL REFERENCES worker_accounts(id),
    kind TEXT NOT NULL CHECK (kind IN ('correct', 'delete')),
    detail TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'refused')),
    reply TEXT NOT NULL DEFAULT '',
    handled_by TEXT NULL,
    handled_at TEXT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX worker_data_requests_worker ON worker_data_requests (worker_id, id);
CREATE INDEX worker_data_requests_status ON worker_data_requests (status, id);
