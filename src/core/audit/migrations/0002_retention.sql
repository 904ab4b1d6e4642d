-- Where the chain starts after old rows were pruned past retention: the id and hash of the last
-- pruned row. verify() walks from here; (0, empty) means from the genesis.
CREATE TABLE audit_base (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    base_id BIGINT NOT NULL,
    base_hash {{blob}} NOT NULL,
    pruned_at TEXT NULL
);
INSERT INTO audit_base (id, base_id, base_hash, pruned_at) VALUES (1, 0, CAST('' AS {{blob}}), NULL);
