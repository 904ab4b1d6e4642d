-- Member profile fields (issue #5). Codes are documented in docs/FEATURES.md and
-- src/domains/members/codes.cpp; '' means not given. ethnicity holds the GB 3304 name ("汉族").
-- occupation stays free text; occupation_category is its coded group (快递员 → courier …), from
-- which new_form is derived for the gig-worker groups. employer_id refers to employers(id) but
-- carries no foreign key: that table belongs to another domain, migrated after this one.
ALTER TABLE members ADD COLUMN ethnicity TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN education TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN political_status TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN occupation_category TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN employer_name TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN employer_id BIGINT NULL;
ALTER TABLE members ADD COLUMN migrant_worker INTEGER NOT NULL DEFAULT 0;
ALTER TABLE members ADD COLUMN model_worker INTEGER NOT NULL DEFAULT 0;
ALTER TABLE members ADD COLUMN hardship INTEGER NOT NULL DEFAULT 0;
