// The database layer on the backend named by GONGHUI_TEST_BACKEND (see support/test_env.h).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "core/db/db.h"
#include "core/db/migrate.h"
#include "test_env.h"

using namespace gh::db;

namespace {

class DbTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { tdb_ = new gh::test::TestDatabase(); }
    static void TearDownTestSuite() { delete tdb_; }
    void SetUp() override {
        c_ = connect(parse_url(tdb_->url()));
        c_->exec_script("DROP TABLE IF EXISTS child; DROP TABLE IF EXISTS t");
        c_->exec_script(apply_dialect(
            "CREATE TABLE t (id {{id}}, name TEXT NOT NULL UNIQUE, n BIGINT, x DOUBLE PRECISION,"
            " data {{blob}}, CONSTRAINT t_n_positive CHECK (n IS NULL OR n > 0));"
            "CREATE TABLE child (id {{id}}, t_id BIGINT NOT NULL REFERENCES t(id))",
            c_->backend()));
    }
    static gh::test::TestDatabase* tdb_;
    std::unique_ptr<Connection> c_;
};
gh::test::TestDatabase* DbTest::tdb_ = nullptr;

}  // namespace

TEST_F(DbTest, BackendIsTheOneAskedFor) {
    EXPECT_EQ(backend_name(c_->backend()), gh::test::backend_label());
}

TEST_F(DbTest, ValuesRoundTripWithTypes) {
    std::string bytes("\x00\x01\xff\x7f\\x", 6);
    c_->execute("INSERT INTO t (name, n, x, data) VALUES (?, ?, ?, ?)",
                {std::string("张三 O'Brien ?"), int64_t{9007199254740993}, 2.5, Blob{bytes}});
    c_->execute("INSERT INTO t (name, n, x, data) VALUES (?, ?, ?, ?)",
                {std::string("nulls"), nullptr, nullptr, nullptr});
    auto rows = c_->query("SELECT id, name, n, x, data FROM t ORDER BY id");
    ASSERT_EQ(rows.size(), 2u);
    auto r = rows[0];
    EXPECT_EQ(r.get<std::string>("name"), "张三 O'Brien ?");
    EXPECT_EQ(r.get<int64_t>("n"), 9007199254740993);
    EXPECT_DOUBLE_EQ(r.get<double>("x"), 2.5);
    EXPECT_EQ(r.get<Blob>("data").bytes, bytes);
    EXPECT_GT(r.get<int64_t>("id"), 0);
    auto n = rows[1];
    EXPECT_TRUE(n.is_null("n"));
    EXPECT_FALSE(n.get_opt<int64_t>("n").has_value());
    EXPECT_THROW(n.get<std::string>("data"), std::logic_error);
}

TEST_F(DbTest, ExecuteAnswersRowsChanged) {
    for (const char* name : {"a", "b", "c"}) {
        c_->execute("INSERT INTO t (name, n) VALUES (?, 1)", {std::string(name)});
    }
    EXPECT_EQ(c_->execute("UPDATE t SET n = n + 1 WHERE name <> ?", {std::string("a")}), 2);
    EXPECT_EQ(c_->execute("DELETE FROM t WHERE name = ?", {std::string("zzz")}), 0);
}

TEST_F(DbTest, TransactionCommitsOrRollsBackWhole) {
    {
        Transaction tx(*c_);
        c_->execute("INSERT INTO t (name) VALUES ('kept')");
        tx.commit();
    }
    {
        Transaction tx(*c_);
        c_->execute("INSERT INTO t (name) VALUES ('dropped')");
    }  // no commit: rolled back
    EXPECT_THROW(in_transaction(*c_,
                                [](Connection& c) {
                                    c.execute("INSERT INTO t (name) VALUES ('half')");
                                    c.execute("INSERT INTO t (name) VALUES ('kept')");  // unique
                                }),
                 DbError);
    auto rows = c_->query("SELECT name FROM t ORDER BY name");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].get<std::string>(0), "kept");
    EXPECT_FALSE(c_->in_transaction());
}

TEST_F(DbTest, NestedTransactionIsAnError) {
    Transaction outer(*c_);
    EXPECT_THROW(Transaction inner(*c_), std::logic_error);
    c_->execute("INSERT INTO t (name) VALUES ('x')");
    outer.commit();
    EXPECT_EQ(c_->query("SELECT name FROM t").size(), 1u);
}

TEST_F(DbTest, ConstraintViolationsAreClassified) {
    c_->execute("INSERT INTO t (name) VALUES ('a')");
    try {
        c_->execute("INSERT INTO t (name) VALUES ('a')");
        FAIL();
    } catch (const DbError& e) {
        EXPECT_EQ(e.kind(), DbError::Kind::unique);
        EXPECT_NE(e.constraint().find("name"), std::string::npos) << e.constraint();
    }
    try {
        c_->execute("INSERT INTO child (t_id) VALUES (424242)");
        FAIL();
    } catch (const DbError& e) {
        EXPECT_EQ(e.kind(), DbError::Kind::foreign_key);
    }
    try {
        c_->execute("INSERT INTO t (name, n) VALUES ('b', -1)");
        FAIL();
    } catch (const DbError& e) {
        EXPECT_EQ(e.kind(), DbError::Kind::check);
    }
    try {
        c_->execute("INSERT INTO t (n) VALUES (1)");
        FAIL();
    } catch (const DbError& e) {
        EXPECT_EQ(e.kind(), DbError::Kind::not_null);
    }
}

TEST_F(DbTest, FailedStatementLeavesConnectionUsable) {
    EXPECT_THROW(c_->query("SELECT no_such_column FROM t"), DbError);
    EXPECT_TRUE(c_->ping());
    EXPECT_THROW(c_->execute("INSERT INTO t (name) VALUES (?)", {}), std::logic_error);
    c_->execute("INSERT INTO t (name) VALUES (?)", {std::string("ok")});
    EXPECT_EQ(c_->query("SELECT COUNT(*) FROM t").front().get<int64_t>(0), 1);
}

TEST_F(DbTest, PreparedStatementIsReusedAcrossCalls) {
    for (int i = 0; i < 200; ++i) {
        c_->execute("INSERT INTO t (name, n) VALUES (?, ?)",
                    {"n" + std::to_string(i), int64_t{i + 1}});
    }
    auto r = c_->query("SELECT SUM(n) FROM t WHERE n > ?", {int64_t{100}});
    EXPECT_EQ(r.front().get<int64_t>(0), (101 + 200) * 100 / 2);
}

TEST(DbConnect, UnreachableServerNamesTheUrl) {
    try {
        connect(parse_url("postgresql://nobody@127.0.0.1:1/none"));
        FAIL();
    } catch (const DbError& e) {
        EXPECT_EQ(e.kind(), DbError::Kind::connection);
        EXPECT_NE(std::string(e.what()).find("127.0.0.1:1"), std::string::npos);
    }
    EXPECT_THROW(connect(parse_url("sqlite:///nonexistent-dir/x/y.db")), DbError);
}

TEST(DbFile, NewSqliteDatabaseIsOwnerOnly) {
    if (gh::test::backend_label() != "sqlite") GTEST_SKIP() << "a file mode is SQLite's concern";
    gh::test::TestDatabase tdb;
    auto c = connect(parse_url(tdb.url()));
    c->exec_script("CREATE TABLE x (a INTEGER)");
    std::string path = tdb.url().substr(9);
    struct stat st {};
    ASSERT_EQ(stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
}
