-- Pinyin search (issue #5): 张三 found by "zs" or "zhangs". Computed from the name on insert and
-- import (gh::cn::name_initials / name_pinyin, table generated from pinyin-pro); rows written
-- before this migration are filled in by the server at start (MemberService::backfill_pinyin).
ALTER TABLE members ADD COLUMN name_initials TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN name_pinyin TEXT NOT NULL DEFAULT '';
CREATE INDEX members_name_initials ON members (name_initials);
CREATE INDEX members_name_pinyin ON members (name_pinyin);
