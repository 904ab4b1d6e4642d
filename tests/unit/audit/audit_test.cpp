// The audit chain: appends inside the caller's transaction, verification finds tampering, and
// concurrent appends serialise into one unbroken chain (on the backend of GONGHUI_TEST_BACKEND).
#include <atomic>
#include <thread>

#include "audit_fixture.h"
#include "core/db/pool.h"

using namespace gh;
using namespace gh::audit;
using gh::audit::testing::AuditTest;

namespace {

class AuditChainTest : public AuditTest {
protected:
    void expect_broken_at(int64_t id, int64_t rows_checked) {
        auto v = log_.verify(*c_);
        EXPECT_FALSE(v.ok);
        EXPECT_EQ(v.first_broken_id, std::optional<int64_t>(id)) << v.reason;
        EXPECT_EQ(v.rows_checked, rows_checked);
        EXPECT_FALSE(v.reason.empty());
    }
};

}  // namespace

TEST_F(AuditChainTest, MigrationIsBuiltIn) {
    bool found = false;
    for (const auto& m : db::builtin_migrations()) found |= m.id == "audit/0001_audit_log";
    EXPECT_TRUE(found);
}

TEST_F(AuditChainTest, AppendStoresTheRowAndChainsItFromGenesis) {
    append_n(3);
    auto rows = c_->query(
        "SELECT id, at, actor_type, actor_id, actor_name, org_id, ip, request_id, action, entity,"
        " entity_id, detail, prev_hash, hash FROM audit_log ORDER BY id");
    ASSERT_EQ(rows.size(), 3u);
    auto r = rows[0];
    EXPECT_EQ(r.get<int64_t>("id"), 1);
    EXPECT_EQ(r.get<std::string>("at"), "2026-11-23T01:02:03.456Z");
    EXPECT_EQ(r.get<std::string>("actor_type"), "staff");
    EXPECT_EQ(r.get<int64_t>("actor_id"), 7);
    EXPECT_EQ(r.get<std::string>("actor_name"), "王芳");
    EXPECT_EQ(r.get<int64_t>("org_id"), 3);
    EXPECT_EQ(r.get<std::string>("action"), "member.update");
    EXPECT_EQ(nlohmann::json::parse(r.get<std::string>("detail")),
              (nlohmann::json{{"fields", {"phone", "address"}}, {"status", "active"}}));
    EXPECT_EQ(r.get<db::Blob>("prev_hash"), genesis_hash());
    EXPECT_EQ(genesis_hash().bytes, std::string(32, '\0'));
    for (size_t i = 0; i < rows.size(); ++i) {
        EXPECT_EQ(rows[i].get<int64_t>("id"), static_cast<int64_t>(i) + 1);
        EXPECT_EQ(rows[i].get<db::Blob>("hash").bytes.size(), 32u);
        if (i > 0) {
            EXPECT_EQ(rows[i].get<db::Blob>("prev_hash"), rows[i - 1].get<db::Blob>("hash"));
        }
    }
    auto head = c_->query("SELECT last_id, last_hash FROM audit_head");
    EXPECT_EQ(head.front().get<int64_t>(0), 3);
    EXPECT_EQ(head.front().get<db::Blob>(1), rows[2].get<db::Blob>("hash"));
    auto v = log_.verify(*c_);
    EXPECT_TRUE(v.ok) << v.reason;
    EXPECT_EQ(v.rows_checked, 3);
    EXPECT_FALSE(v.first_broken_id);
}

TEST_F(AuditChainTest, EmptyStringsAreStoredAsNull) {
    Entry e;
    e.action = "auth.login_failed";
    e.actor_type = ActorType::anonymous;
    e.detail = nullptr;
    append_committed(e);
    auto r = c_->query("SELECT actor_id, actor_name, ip, entity, detail FROM audit_log").front();
    EXPECT_TRUE(r.is_null("actor_id"));
    EXPECT_TRUE(r.is_null("actor_name"));
    EXPECT_TRUE(r.is_null("ip"));
    EXPECT_TRUE(r.is_null("entity"));
    EXPECT_EQ(r.get<std::string>("detail"), "{}");
    EXPECT_TRUE(log_.verify(*c_).ok);
}

TEST_F(AuditChainTest, AppendOutsideATransactionThrows) {
    EXPECT_THROW(log_.append(*c_, entry("member.update")), std::logic_error);
    EXPECT_EQ(count(), 0);
}

TEST_F(AuditChainTest, UnusableEntriesAreRefused) {
    db::Transaction tx(*c_);
    EXPECT_THROW(log_.append(*c_, entry("")), std::invalid_argument);
    auto e = entry("member.update");
    e.detail = nlohmann::json::array({"phone"});
    EXPECT_THROW(log_.append(*c_, e), std::invalid_argument);
}

TEST_F(AuditChainTest, EditedRowIsFound) {
    append_n(5);
    c_->execute("UPDATE audit_log SET detail = '{\"status\":\"deleted\"}' WHERE id = 3");
    expect_broken_at(3, 2);
}

TEST_F(AuditChainTest, MovedFieldBoundaryIsFound) {
    append_n(2);
    append_committed(entry("member.update", "as", "b"));
    append_n(1);
    // Same bytes when concatenated, even with a one-byte tag before each field ("s" + "as" +
    // "s" + "b" = "s" + "a" + "s" + "sb"): only the length prefixes tell them apart.
    c_->execute("UPDATE audit_log SET entity = 'a', entity_id = 'sb' WHERE id = 3");
    expect_broken_at(3, 2);
}

TEST_F(AuditChainTest, DeletedMiddleRowIsFoundAtTheRowAfterTheGap) {
    append_n(5);
    c_->execute("DELETE FROM audit_log WHERE id = 3");
    expect_broken_at(4, 2);
}

TEST_F(AuditChainTest, DeletedLastRowsAreFound) {
    append_n(5);
    c_->execute("DELETE FROM audit_log WHERE id >= 4");
    expect_broken_at(4, 3);
}

TEST_F(AuditChainTest, RewrittenPrevHashIsFound) {
    append_n(5);
    c_->execute("UPDATE audit_log SET prev_hash = ? WHERE id = 3",
                {db::Blob{std::string(32, '\x5a')}});
    expect_broken_at(3, 2);
}

TEST_F(AuditChainTest, RowsPastTheHeadAreFound) {
    append_n(3);
    c_->execute("UPDATE audit_head SET last_id = 2");
    expect_broken_at(3, 3);
}

TEST_F(AuditChainTest, VerifyWalksInBatches) {
    append_n(7);
    auto v = log_.verify(*c_, 2);
    EXPECT_TRUE(v.ok) << v.reason;
    EXPECT_EQ(v.rows_checked, 7);
    c_->execute("UPDATE audit_log SET action = 'member.view' WHERE id = 6");
    v = log_.verify(*c_, 2);
    EXPECT_EQ(v.first_broken_id, std::optional<int64_t>(6));
    EXPECT_EQ(v.rows_checked, 5);
    EXPECT_THROW(log_.verify(*c_, 0), std::invalid_argument);
}

TEST_F(AuditChainTest, RolledBackTransactionLeavesNoRowAndTheChainIntact) {
    append_n(2);
    {
        db::Transaction tx(*c_);
        log_.append(*c_, entry("member.update"));
    }  // no commit
    EXPECT_THROW(db::in_transaction(*c_,
                                    [&](db::Connection& c) {
                                        log_.append(c, entry("member.update"));
                                        throw std::runtime_error("the change failed");
                                    }),
                 std::runtime_error);
    EXPECT_EQ(count(), 2);
    append_n(1);
    EXPECT_EQ(c_->query("SELECT MAX(id) FROM audit_log").front().get<int64_t>(0), 3);
    auto v = log_.verify(*c_);
    EXPECT_TRUE(v.ok) << v.reason;
    EXPECT_EQ(v.rows_checked, 3);
}

TEST_F(AuditChainTest, FailedAuditFailsTheChange) {
    const std::string before =
        c_->query("SELECT value FROM system_settings WHERE key = 'instance_name'")
            .front()
            .get<std::string>(0);
    EXPECT_THROW(db::in_transaction(*c_,
                                    [&](db::Connection& c) {
                                        c.execute(
                                            "UPDATE system_settings SET value = 'changed'"
                                            " WHERE key = 'instance_name'");
                                        log_.append(c, entry(""));  // cannot be written
                                    }),
                 std::invalid_argument);
    EXPECT_EQ(c_->query("SELECT value FROM system_settings WHERE key = 'instance_name'")
                  .front()
                  .get<std::string>(0),
              before);
}

TEST_F(AuditChainTest, ConcurrentAppendsSerialiseIntoOneChain) {
    constexpr int kThreads = 8, kEach = 50;
    db::Pool pool(db::parse_url(tdb_->url()), kThreads, std::chrono::seconds(30));
    AuditLog log;  // the system clock, shared by all threads
    std::atomic<int> failures{0};
    std::string first_error;
    std::mutex mu;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i) {
                try {
                    auto c = pool.acquire();
                    auto e = entry("member.update", "member", std::to_string(i));
                    e.actor_id = t;
                    db::in_transaction(*c, [&](db::Connection& conn) { log.append(conn, e); });
                } catch (const std::exception& ex) {
                    std::lock_guard lock(mu);
                    if (failures++ == 0) first_error = ex.what();
                }
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(failures.load(), 0) << first_error;
    EXPECT_EQ(count(), kThreads * kEach);
    auto ids = c_->query("SELECT MIN(id), MAX(id), COUNT(DISTINCT prev_hash) FROM audit_log");
    EXPECT_EQ(ids.front().get<int64_t>(0), 1);
    EXPECT_EQ(ids.front().get<int64_t>(1), kThreads * kEach);
    EXPECT_EQ(ids.front().get<int64_t>(2), kThreads * kEach);  // no fork: no shared parent
    auto v = log_.verify(*c_);
    EXPECT_TRUE(v.ok) << v.reason;
    EXPECT_EQ(v.rows_checked, kThreads * kEach);
}
