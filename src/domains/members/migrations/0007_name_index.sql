-- Name-prefix search (张 → 张三, 张伟 …) reads an index range instead of scanning the subtree.
CREATE INDEX members_name ON members (name);
