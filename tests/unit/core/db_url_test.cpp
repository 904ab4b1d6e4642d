#include <gtest/gtest.h>

#include "core/db/backends.h"
#include "core/db/db.h"

using namespace gh::db;

TEST(DbUrl, SqliteAbsoluteAndRelative) {
    auto a = parse_url("sqlite:///var/lib/gonghui.db");
    EXPECT_EQ(a.backend, Backend::sqlite);
    EXPECT_EQ(a.target, "/var/lib/gonghui.db");
    auto r = parse_url("sqlite://var/gonghui.db");
    EXPECT_EQ(r.target, "var/gonghui.db");
    EXPECT_THROW(parse_url("sqlite://"), std::invalid_argument);
}

TEST(DbUrl, PostgresPasswordIsHiddenInDisplay) {
    auto u = parse_url("postgresql://gh:s3cret@db:5432/gonghui");
    EXPECT_EQ(u.backend, Backend::postgresql);
    EXPECT_EQ(u.target, "postgresql://gh:s3cret@db:5432/gonghui");
    EXPECT_EQ(u.display, "postgresql://gh:***@db:5432/gonghui");
    EXPECT_EQ(parse_url("postgresql://gh@db/x").display, "postgresql://gh@db/x");
}

TEST(DbUrl, UnknownSchemeIsRefused) {
    EXPECT_THROW(parse_url("mysql://x"), std::invalid_argument);
    EXPECT_THROW(parse_url("/tmp/x.db"), std::invalid_argument);
}

TEST(Placeholders, NumberedOutsideStringsAndComments) {
    EXPECT_EQ(number_placeholders("SELECT * FROM t WHERE a = ? AND b = ?"),
              "SELECT * FROM t WHERE a = $1 AND b = $2");
    EXPECT_EQ(number_placeholders("SELECT '?', \"q?\" FROM t WHERE x = ? -- why?\nAND y = ?"),
              "SELECT '?', \"q?\" FROM t WHERE x = $1 -- why?\nAND y = $2");
    EXPECT_EQ(number_placeholders("SELECT 'it''s ?' /* ? */ , ?"), "SELECT 'it''s ?' /* ? */ , $1");
}
