-- Transfers of a membership from one union to another (会员关系转接). The giving side requests,
-- the receiving side accepts or declines, the giving side may cancel while pending. from_path and
-- to_path copy the two orgs' materialised paths so each side's scope is a range without a join.
-- At most one pending transfer per member, kept by the database itself (a partial UNIQUE index)
-- besides the member's status 'transferring'.
CREATE TABLE member_transfers (
    id {{id}},
    member_id BIGINT NOT NULL REFERENCES members(id),
    from_org_id BIGINT NOT NULL REFERENCES orgs(id),
    from_path TEXT NOT NULL,
    to_org_id BIGINT NOT NULL REFERENCES orgs(id),
    to_path TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'cancelled')),
    requested_by TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    decided_by TEXT NULL,
    decided_at TEXT NULL,
    reason TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX member_transfers_one_pending ON member_transfers (member_id)
    WHERE status = 'pending';
CREATE INDEX member_transfers_from ON member_transfers (from_path, id);
CREATE INDEX member_transfers_to ON member_transfers (to_path, id);
