// Shared by the audit tests: a migrated database per test binary, an empty chain per test, and
// an AuditLog whose clock the test sets.
#pragma once

#include <gtest/gtest.h>

#include <chrono>

#include "core/audit/audit.h"
#include "core/db/migrate.h"
#include "test_env.h"

namespace gh::audit::testing {

class AuditTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        tdb_ = new gh::test::TestDatabase();
        auto c = db::connect(db::parse_url(tdb_->url()));
        db::migrate(*c, db::builtin_migrations());
    }
    static void TearDownTestSuite() {
        delete tdb_;
        tdb_ = nullptr;
    }
    void SetUp() override {
        c_ = db::connect(db::parse_url(tdb_->url()));
        // Back to the state the migration leaves: no rows, head at the (empty) genesis seed.
        c_->execute("DELETE FROM audit_log");
        c_->execute("UPDATE audit_head SET last_id = 0, last_hash = ? WHERE id = 1", {db::Blob{}});
    }

    static Entry entry(std::string action, std::string entity = "member",
                       std::string entity_id = "1") {
        Entry e;
        e.actor_type = ActorType::staff;
        e.actor_id = 7;
        e.actor_name = "王芳";
        e.org_id = 3;
        e.ip = "203.0.113.9";
        e.request_id = "req-1";
        e.action = std::move(action);
        e.entity = std::move(entity);
        e.entity_id = std::move(entity_id);
        e.detail = {{"fields", {"phone", "address"}}, {"status", "active"}};
        return e;
    }

    // Appends each entry in its own committed transaction.
    void append_committed(const Entry& e) {
        db::in_transaction(*c_, [&](db::Connection& c) { log_.append(c, e); });
    }
    void append_n(int n) {
        for (int i = 0; i < n; ++i) append_committed(entry("member.update"));
    }
    int64_t count() { return c_->query("SELECT COUNT(*) FROM audit_log").front().get<int64_t>(0); }

    static inline gh::test::TestDatabase* tdb_ = nullptr;
    std::unique_ptr<db::Connection> c_;
    std::chrono::system_clock::time_point now_ =
        std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + std::chrono::hours{1} +
        std::chrono::minutes{2} + std::chrono::seconds{3} + std::chrono::milliseconds{456};
    AuditLog log_{[this] { return now_; }};
};

}  // namespace gh::audit::testing
