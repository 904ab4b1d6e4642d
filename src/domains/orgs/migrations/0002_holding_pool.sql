-- The holding pool (会员周转库) of a federation: a child org that keeps members who have no union
-- at work (gig workers joining online, a roster imported "into the federation") until a transfer
-- moves them to a community or industry union. It is an org so that scope, card numbers and
-- transfers work unchanged, but it is not a union: the union counts leave it out. At most one per
-- federation, kept by the database (the partial UNIQUE index), so two first joins racing to
-- create it end with one pool.
ALTER TABLE orgs ADD COLUMN holding_pool INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX orgs_one_holding_pool ON orgs (parent_id) WHERE holding_pool = 1;
