-- Who asked for a transfer, as an account id: a staff requester hears of the decision in their
-- notices. NULL for rows from before, and for requests not made by a staff account.
ALTER TABLE member_transfers ADD COLUMN requested_by_id BIGINT NULL;
