-- Rollups for the subtree stats (a province answers as fast as a county). Every org holds the
-- counts of its WHOLE subtree: a member counts at each org on its org_path ("/1/5/12/" → 1, 5
-- and 12), so a subtree's figures are one primary-key lookup, not a scan of its members. Kept in
-- the same transaction as the member write that changes them (members/rollups.cpp).
-- member_counts: counted members (active or transferring) by occupation category (members'
-- occupation_category code, '' when unknown), and `records`: member rows of every status (the
-- member list's total without filters).
CREATE TABLE member_counts (
    org_id BIGINT NOT NULL,
    category TEXT NOT NULL,
    members BIGINT NOT NULL DEFAULT 0,
    gig_members BIGINT NOT NULL DEFAULT 0,
    records BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (org_id, category)
);
-- member_monthly: members who came into the subtree (joined, or transferred in) and who went
-- out of it (left, expelled, deceased, transferred out), by month 'YYYY-MM'. A join counts in
-- the month of its join date; everything else in the month it happened (China time).
CREATE TABLE member_monthly (
    org_id BIGINT NOT NULL,
    month TEXT NOT NULL,
    joined BIGINT NOT NULL DEFAULT 0,
    departed BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (org_id, month)
);
