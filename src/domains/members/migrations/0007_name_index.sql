-- Name-prefix search (张 → 张三, 张伟 …) reads an index range instead of scanning the subtree; the
-- org path and id in the index let the subtree test and the page order run on the index alone.
CREATE INDEX members_name ON members (name, org_path, id);
