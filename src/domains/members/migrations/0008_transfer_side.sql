-- Which side asked for a transfer (issue #5): 'from' (the giving union moves its member out) or
-- 'to' (the receiving union asks for a person by ID number). The side that did not ask decides:
-- it accepts or declines, the asking side may cancel while pending.
ALTER TABLE member_transfers ADD COLUMN requested_by_side TEXT NOT NULL DEFAULT 'from';
