// Bulk writes (core/db/bulk.h) on the backend named by GONGHUI_TEST_BACKEND.
#include <gtest/gtest.h>

#include <algorithm>

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
            "CREATE TABLE bulk_t (id {{id}}, name TEXT NOT NULL UNIQUE, n BIGINT, data {{blob}}, "
            "note TEXT, x DOUBLE PRECISION)",
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
    const int64_t n = in_transaction(*c_, [&](Connection& tx) {
        return insert_rows(tx, "bulk_t", {"name", "n", "data"}, rows);
    });
    EXPECT_EQ(n, 1234);
    EXPECT_EQ(count(), 1234);
    auto r = c_->query("SELECT n, data FROM bulk_t WHERE name = ?", {std::string("行1000")});
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r.front().get<int64_t>(0), 1000);
    EXPECT_EQ(r.front().get<Blob>(1).bytes, std::string(1, char(1000 % 7)));
}

TEST_F(BulkTest, AFailingRowRollsBackTheWholeTransaction) {
    std::vector<Params> rows = {{std::string("a")}, {std::string("b")}, {std::string("a")}};
    EXPECT_THROW(
        in_transaction(*c_,
                       [&](Connection& tx) { return insert_rows(tx, "bulk_t", {"name"}, rows); }),
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

TEST_F(BulkTest, CopyRowsWritesExactlyTheRowsWithTheirValuesEscaped) {
    // Everything COPY's text format must escape, NULL against the empty string and the text
    // "\\N", every byte value in a blob, and enough rows to go out in several pieces.
    std::string all_bytes;
    for (int b = 0; b < 256; ++b) all_bytes += static_cast<char>(b);
    const std::vector<std::string> awkward = {"tab\there", "line\nbreak", "cr\rhere", "back\\slash",
                                              "\\N",       "\\.",         "",         "末尾\\",
                                              "\\x41",     "引号'\"双"};
    std::vector<Params> rows;
    for (size_t i = 0; i < awkward.size(); ++i) {
        rows.push_back({"awk" + std::to_string(i), int64_t{-1} - static_cast<int64_t>(i),
                        Blob{all_bytes}, awkward[i], 0.1 + static_cast<double>(i)});
    }
    rows.push_back({std::string("nulls"), nullptr, nullptr, nullptr, nullptr});
    const std::string big(400, 'z');
    for (int i = 0; i < 5000; ++i) {  // about 5000 × 900 bytes: more than one 1 MiB piece
        rows.push_back({"行" + std::to_string(i), int64_t{i}, Blob{big + std::to_string(i)},
                        std::to_string(i), nullptr});
    }
    const int64_t n = in_transaction(*c_, [&](Connection& tx) {
        return copy_rows(tx, "bulk_t", {"name", "n", "data", "note", "x"}, rows);
    });
    EXPECT_EQ(n, static_cast<int64_t>(rows.size()));
    EXPECT_EQ(count(), static_cast<int64_t>(rows.size()));
    for (size_t i = 0; i < awkward.size(); ++i) {
        auto r = c_->query("SELECT n, data, note, x FROM bulk_t WHERE name = ?",
                           {"awk" + std::to_string(i)});
        ASSERT_EQ(r.size(), 1u) << i;
        EXPECT_EQ(r.front().get<int64_t>(0), -1 - static_cast<int64_t>(i));
        EXPECT_EQ(r.front().get<Blob>(1).bytes, all_bytes) << i;
        ASSERT_FALSE(r.front().is_null(2)) << i;
        EXPECT_EQ(r.front().get<std::string>(2), awkward[i]) << i;
        EXPECT_DOUBLE_EQ(r.front().get<double>(3), 0.1 + static_cast<double>(i));
    }
    auto nulls = c_->query("SELECT n, data, note, x FROM bulk_t WHERE name = 'nulls'");
    ASSERT_EQ(nulls.size(), 1u);
    for (size_t col = 0; col < 4; ++col) EXPECT_TRUE(nulls.front().is_null(col)) << col;
    auto last =
        c_->query("SELECT n, data, note FROM bulk_t WHERE name = ?", {std::string("行4999")});
    ASSERT_EQ(last.size(), 1u);
    EXPECT_EQ(last.front().get<int64_t>(0), 4999);
    EXPECT_EQ(last.front().get<Blob>(1).bytes, big + "4999");
    EXPECT_EQ(last.front().get<std::string>(2), "4999");
}

TEST_F(BulkTest, CopiedRowsGoWithTheTransactionTheyWereWrittenIn) {
    std::vector<Params> rows = {{std::string("a"), int64_t{1}}, {std::string("b"), int64_t{2}}};
    {
        Transaction tx(*c_);
        EXPECT_EQ(copy_rows(*c_, "bulk_t", {"name", "n"}, rows), 2);
        EXPECT_EQ(count(), 2);  // visible inside the transaction
    }                           // rolled back
    EXPECT_EQ(count(), 0);
    // A row that breaks a constraint fails the whole COPY, and the connection stays usable.
    rows.push_back({std::string("a"), int64_t{3}});
    try {
        in_transaction(*c_, [&](Connection& tx) {
            return copy_rows(tx, "bulk_t", {"name", "n"}, rows);
        });
        ADD_FAILURE() << "a duplicate name went in";
    } catch (const DbError& e) {
        EXPECT_EQ(e.kind(), DbError::Kind::unique) << e.what();
    }
    EXPECT_EQ(count(), 0);
    in_transaction(*c_, [&](Connection& tx) {
        return copy_rows(tx, "bulk_t", {"name", "n"}, {rows[0], rows[1]});
    });
    EXPECT_EQ(count(), 2);
    EXPECT_EQ(copy_rows(*c_, "bulk_t", {"name"}, {}), 0);
}

TEST_F(BulkTest, CopyRowsRefusesOddNamesAndWidthsBeforeWritingAnything) {
    const std::vector<Params> ok = {{std::string("x")}};
    EXPECT_THROW(copy_rows(*c_, "bulk_t", {"name", "n"},
                           {{std::string("y"), int64_t{1}}, {std::string("x")}}),
                 std::invalid_argument);
    EXPECT_THROW(copy_rows(*c_, "bulk_t (name) FROM STDIN; --", {"name"}, ok),
                 std::invalid_argument);
    EXPECT_THROW(copy_rows(*c_, "bulk_t", {"name\t"}, ok), std::invalid_argument);
    EXPECT_THROW(copy_rows(*c_, "bulk_t", {}, ok), std::invalid_argument);
    EXPECT_EQ(count(), 0);
}

// A lookup first run (and cached) while its table was empty must use the index once the table
// holds thousands of rows: under IndexLookups no execution scans the table whole. (Without it,
// PostgreSQL keeps the plan it settled on while the table was empty, a scan of the whole table,
// and would choose one afresh too, pricing 100 index probes as disk reads.)
TEST_F(BulkTest, UnderIndexLookupsALookupCachedOnAnEmptyTableUsesTheIndexOnceItFills) {
    const IndexLookups indexed(*c_);
    // As the import asks: who of 100 people is there already.
    std::string lookup = "SELECT n FROM bulk_t WHERE name IN (?";
    for (int i = 1; i < 100; ++i) lookup += ", ?";
    lookup += ")";
    auto names = [](std::string a, std::string b) {
        Params p{std::move(a), std::move(b)};
        for (int i = 2; i < 100; ++i) p.emplace_back("nobody" + std::to_string(i));
        return p;
    };
    for (int i = 0; i < 12; ++i) EXPECT_TRUE(c_->query(lookup, names("a", "b")).empty());
    c_->exec_script(
        "WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < 30000) "
        "INSERT INTO bulk_t (name, n) SELECT 'k' || i, i FROM g");
    // This backend's scans of the table, read before and after inside one transaction (the
    // counters are not flushed in between).
    auto scans = [&]() -> std::pair<int64_t, int64_t> {
        auto r = c_->query(
            "SELECT seq_scan, idx_scan FROM pg_stat_xact_user_tables "
            "WHERE relname = 'bulk_t'");
        if (r.size() != 1) return {-1, -1};
        return {r.front().get<int64_t>(0), r.front().get<int64_t>(1)};
    };
    const bool pg = c_->backend() == Backend::postgresql;
    Transaction tx(*c_);
    const auto before = pg ? scans() : std::pair<int64_t, int64_t>{};
    std::vector<int64_t> found;
    for (int i = 0; i < 3; ++i) {
        for (auto r : c_->query(lookup, names("k7", "k29999"))) {
            found.push_back(r.get<int64_t>(0));
        }
    }
    std::sort(found.begin(), found.end());
    EXPECT_EQ(found, (std::vector<int64_t>{7, 7, 7, 29999, 29999, 29999}));
    if (pg) {
        const auto after = scans();
        EXPECT_EQ(after.first - before.first, 0) << "a lookup scanned the whole table";
        EXPECT_GE(after.second - before.second, 3);
    }
    tx.commit();
}

TEST_F(BulkTest, IndexLookupsEndWithTheirScope) {
    if (c_->backend() != Backend::postgresql) GTEST_SKIP() << "a PostgreSQL setting";
    auto mode = [&] { return c_->query("SHOW enable_seqscan").front().get<std::string>(0); };
    const std::string before = mode();
    {
        const IndexLookups indexed(*c_);
        EXPECT_EQ(mode(), "off");
    }
    EXPECT_EQ(mode(), before);
}
