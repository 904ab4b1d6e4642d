-- One row per phone (by its blind index) that a join application has named: a lock row, not
-- data. check_phone inserts it if missing (ON CONFLICT DO NOTHING) and then updates it in the
-- submitting or approving transaction, so on PostgreSQL two transactions about the same phone
-- run their check-then-insert one after the other (the second sees the first's committed
-- application) and one-person-one-phone holds under concurrency. SQLite serialises writers anyway.
CREATE TABLE join_phone_locks (
    phone_blind {{blob}} PRIMARY KEY,
    touched_at TEXT NOT NULL
);
