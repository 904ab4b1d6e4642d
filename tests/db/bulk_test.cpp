// Bulk writes (core/db/bulk.h) on the backend named by GONGHUI_TEST_BACKEND.
#include <gtest/gtest.h>

#include "core/db/bulk.h"
#include "core/db/migrate.h"
#include "test_env.h"

using namespace gh::db;

namespace {

class BulkTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { tdb_ = new gh::test::TestDatabase(); }
    static void TearDownTestSuite() { delete tdb_; }
    void SetUp() override {
        c_ = connect(parse_url(tdb_->url()));
        c_->exec_script("DROP TABLE IF EXISTS bulk_t");
        c_->exec_script(apply_dialect(
            "CREATE TABLE bulk_t (id {{id}}, name TEXT NOT NULL UNIQUE, n BIGINT, data {{blob}})",
            c_->backend()));
    }
    int64_t count() { return c_->query("SELECT COUNT(*) FROM bulk_t").front().get<int64_t>(0); }
    static gh::test::TestDatabase* tdb_;
    std::unique_ptr<Connection> c_;
};
gh::test::TestDatabase* BulkTest::tdb_ = nullptr;

}  // namespace

TEST_F(BulkTest, ManyRowsGoInAcrossChunksWithTheirValues) {
    std::vector<Params> rows;
    for (int i = 0; i < 1234; ++i) {
        rows.push_back({"行" + std::to_string(i), int64_t{i}, Blob{std::string(1, char(i % 7))}});
    }
    const int64_t n = in_transaction(
        *c_, [&](Connection& tx) { return insert_rows(tx, "bulk_t", {"name", "n", "data"}, rows); });
    EXPECT_EQ(n, 1234);
    EXPECT_EQ(count(), 1234);
    auto r = c_->query("SELECT n, data FROM bulk_t WHERE name = ?", {std::string("行1000")});
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r.front().get<int64_t>(0), 1000);
    EXPECT_EQ(r.front().get<Blob>(1).bytes, std::string(1, char(1000 % 7)));
}

TEST_F(BulkTest, AFailingRowRollsBackTheWholeTransaction) {
    std::vector<Params> rows = {{std::string("a")}, {std::string("b")}, {std::string("a")}};
    EXPECT_THROW(in_transaction(*c_, [&](Connection& tx) {
                     return insert_rows(tx, "bulk_t", {"name"}, rows);
                 }),
                 DbError);
    EXPECT_EQ(count(), 0);
}

TEST_F(BulkTest, RowsOfTheWrongWidthAndOddNamesAreRefused) {
    EXPECT_THROW(insert_rows(*c_, "bulk_t", {"name", "n"}, {{std::string("x")}}),
                 std::invalid_argument);
    EXPECT_THROW(insert_rows(*c_, "bulk_t; DROP TABLE x", {"name"}, {{std::string("x")}}),
                 std::invalid_argument);
    EXPECT_THROW(insert_rows(*c_, "bulk_t", {"name) --"}, {{std::string("x")}}),
                 std::invalid_argument);
    EXPECT_EQ(count(), 0);
}

TEST_F(BulkTest, AllocatedIdsAreFreshAndLaterInsertsDoNotReuseThem) {
    c_->execute("INSERT INTO bulk_t (name) VALUES ('first')");
    const int64_t first = c_->query("SELECT id FROM bulk_t").front().get<int64_t>(0);
    std::vector<int64_t> ids;
    in_transaction(*c_, [&](Connection& tx) {
        ids = allocate_ids(tx, "bulk_t", 3);
        std::vector<Params> rows;
        for (size_t i = 0; i < ids.size(); ++i) {
            rows.push_back({ids[i], "编号" + std::to_string(ids[i])});
        }
        insert_rows(tx, "bulk_t", {"id", "name"}, rows);
    });
    ASSERT_EQ(ids.size(), 3u);
    EXPECT_GT(ids[0], first);
    EXPECT_LT(ids[0], ids[1]);
    EXPECT_LT(ids[1], ids[2]);
    c_->execute("INSERT INTO bulk_t (name) VALUES ('after')");
    const int64_t after =
        c_->query("SELECT id FROM bulk_t WHERE name = 'after'").front().get<int64_t>(0);
    EXPECT_GT(after, ids[2]);
    EXPECT_EQ(count(), 5);
    EXPECT_TRUE(allocate_ids(*c_, "bulk_t", 0).empty());
}
