#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>

#include "core/db/migrate.h"
#include "test_env.h"

using namespace gh::db;

namespace {

std::vector<Migration> two() {
    return {{"a/0001_first", "CREATE TABLE m1 (id {{id}}, at TEXT NOT NULL DEFAULT {{now}})"},
            {"a/0002_second",
             "CREATE TABLE m2 (id {{id}}, b {{blob}});"
             "INSERT INTO m2 (b) VALUES (NULL)"}};
}

class MigrateTest : public ::testing::Test {
protected:
    gh::test::TestDatabase tdb;
    std::unique_ptr<Connection> c = connect(parse_url(tdb.url()));
};

}  // namespace

TEST_F(MigrateTest, AppliesInOrderOnceAndRecords) {
    auto all = two();
    EXPECT_EQ(migrate(*c, all), (std::vector<std::string>{"a/0001_first", "a/0002_second"}));
    EXPECT_TRUE(migrate(*c, all).empty());  // idempotent
    EXPECT_EQ(c->query("SELECT COUNT(*) FROM schema_migrations").front().get<int64_t>(0), 2);
    EXPECT_EQ(c->query("SELECT COUNT(*) FROM m2").front().get<int64_t>(0), 1);
    c->execute("INSERT INTO m1 DEFAULT VALUES");
    auto at = c->query("SELECT at FROM m1").front().get<std::string>(0);
    EXPECT_EQ(at.size(), 24u) << at;  // 2026-11-23T01:02:03.456Z
    EXPECT_EQ(at.back(), 'Z');
    EXPECT_NO_THROW(require_current_schema(*c, all));
}

TEST_F(MigrateTest, FailedMigrationLeavesNothingBehind) {
    std::vector<Migration> bad = {{"a/0001_ok", "CREATE TABLE ok1 (id {{id}})"},
                                  {"a/0002_bad", "CREATE TABLE half (id {{id}}); SELEKT 1"}};
    EXPECT_THROW(migrate(*c, bad), DbError);
    auto status = migration_status(*c, bad);
    EXPECT_EQ(status.applied, std::vector<std::string>{"a/0001_ok"});
    EXPECT_EQ(status.pending, std::vector<std::string>{"a/0002_bad"});
    // The table of the failed migration was rolled back with it.
    EXPECT_THROW(c->query("SELECT * FROM half"), DbError);
}

TEST_F(MigrateTest, NewerDatabaseIsRefused) {
    auto all = two();
    migrate(*c, all);
    std::vector<Migration> older = {all[0]};
    try {
        migrate(*c, older);
        FAIL();
    } catch (const DbError& e) {
        EXPECT_EQ(e.kind(), DbError::Kind::schema);
        EXPECT_NE(std::string(e.what()).find("a/0002_second"), std::string::npos);
    }
    EXPECT_THROW(require_current_schema(*c, older), DbError);
}

TEST_F(MigrateTest, PendingSchemaIsNotCurrent) {
    auto all = two();
    migrate(*c, {all[0]});
    EXPECT_THROW(require_current_schema(*c, all), DbError);
}

TEST_F(MigrateTest, BuiltinMigrationsApplyOnAFreshDatabase) {
    const auto& all = builtin_migrations();
    ASSERT_FALSE(all.empty());
    EXPECT_EQ(migrate(*c, all).size(), all.size());
    EXPECT_NO_THROW(require_current_schema(*c, all));
}

TEST_F(MigrateTest, LinguisticCollationIsRefused) {
    // The test databases order text by bytes (SQLite BINARY; the PostgreSQL cluster is C.UTF-8).
    EXPECT_NO_THROW(require_bytewise_collation(*c));
    if (tdb.backend() != Backend::postgresql) return;
    // A database as a Chinese server's defaults would create it: an ICU zh-CN collation.
    const std::string base = std::getenv("GONGHUI_TEST_PG");
    const std::string name = "gh_zh_collation_" + std::to_string(::getpid());
    auto admin = connect(parse_url(base + "/postgres"));
    admin->exec_script("DROP DATABASE IF EXISTS " + name);
    admin->exec_script(
        "CREATE DATABASE " + name +
        " LOCALE_PROVIDER icu ICU_LOCALE 'zh-CN' LOCALE 'C.UTF-8' TEMPLATE template0");
    {
        auto zh = connect(parse_url(base + "/" + name));
        try {
            migrate(*zh, two());
            ADD_FAILURE() << "a zh-CN collated database was migrated";
        } catch (const DbError& e) {
            EXPECT_EQ(e.kind(), DbError::Kind::schema);
            EXPECT_NE(std::string(e.what()).find("C.UTF-8"), std::string::npos) << e.what();
        }
        // Refused before anything was written.
        EXPECT_TRUE(
            zh->query("SELECT 1 FROM pg_tables WHERE tablename = 'schema_migrations'").empty());
        EXPECT_THROW(require_current_schema(*zh, two()), DbError);
    }
    admin->exec_script("DROP DATABASE " + name);
}

TEST(Dialect, MarkersDifferOnlyWhereTheBackendsDo) {
    EXPECT_EQ(apply_dialect("x {{blob}}", Backend::sqlite), "x BLOB");
    EXPECT_EQ(apply_dialect("x {{blob}}", Backend::postgresql), "x BYTEA");
    EXPECT_EQ(apply_dialect("id {{id}}", Backend::sqlite), "id INTEGER PRIMARY KEY");
    EXPECT_EQ(apply_dialect("{{blob}} {{blob}}", Backend::sqlite), "BLOB BLOB");
}
