// Searching the audit log, text safety (stored as given, sanitised for text logs) and the
// PostgreSQL privilege hardening.
#include <unistd.h>

#include "audit_fixture.h"

using namespace gh;
using namespace gh::audit;
using gh::audit::testing::AuditTest;
using namespace std::chrono_literals;

namespace {

class AuditSearchTest : public AuditTest {
protected:
    // Rows 1..7, one minute apart from now_ (row 1 at now_):
    //   1 staff 7 member.update member/1     2 staff 7 member.view member/2
    //   3 worker 8 pii.reveal member/1       4 staff 9 Member.update member/1
    //   5 staff 7 member.update org/1        6 staff 7 member%x member/1
    //   7 worker 8 member.update member/10
    void SetUp() override {
        AuditTest::SetUp();
        struct R {
            ActorType type;
            int64_t actor;
            const char* action;
            const char* entity;
            const char* entity_id;
        };
        const R rows[] = {{ActorType::staff, 7, "member.update", "member", "1"},
                          {ActorType::staff, 7, "member.view", "member", "2"},
                          {ActorType::worker, 8, "pii.reveal", "member", "1"},
                          {ActorType::staff, 9, "Member.update", "member", "1"},
                          {ActorType::staff, 7, "member.update", "org", "1"},
                          {ActorType::staff, 7, "member%x", "member", "1"},
                          {ActorType::worker, 8, "member.update", "member", "10"}};
        start_ = now_;
        for (const auto& r : rows) {
            auto e = entry(r.action, r.entity, r.entity_id);
            e.actor_type = r.type;
            e.actor_id = r.actor;
            e.actor_name = "actor" + std::to_string(r.actor);
            append_committed(e);
            now_ += 1min;
        }
    }
    std::vector<int64_t> ids(const Filter& f) {
        std::vector<int64_t> out;
        for (const auto& r : log_.search(*c_, f)) out.push_back(r.id);
        return out;
    }
    using V = std::vector<int64_t>;
    std::chrono::system_clock::time_point start_;
};

}  // namespace

TEST_F(AuditSearchTest, NoFilterAnswersAllNewestFirst) {
    EXPECT_EQ(ids({}), (V{7, 6, 5, 4, 3, 2, 1}));
    auto rows = log_.search(*c_, {});
    const auto& r = rows.back();
    EXPECT_EQ(r.at, "2026-11-23T01:02:03.456Z");
    EXPECT_EQ(r.entry.actor_type, ActorType::staff);
    EXPECT_EQ(r.entry.actor_name, "actor7");
    EXPECT_EQ(r.entry.org_id, std::optional<int64_t>(3));
    EXPECT_EQ(r.entry.ip, "203.0.113.9");
    EXPECT_EQ(r.entry.request_id, "req-1");
    EXPECT_EQ(r.entry.detail["status"], "active");
    EXPECT_EQ(rows.front().entry.actor_type, ActorType::worker);
    EXPECT_EQ(rows.front().at, "2026-11-23T01:08:03.456Z");
}

TEST_F(AuditSearchTest, FiltersCombine) {
    Filter f;
    f.actor_id = 7;
    EXPECT_EQ(ids(f), (V{6, 5, 2, 1}));
    f = {};
    f.actor_name = "actor8";
    EXPECT_EQ(ids(f), (V{7, 3}));
    f = {};
    f.entity = "member";
    f.entity_id = "1";
    EXPECT_EQ(ids(f), (V{6, 4, 3, 1}));  // not member/10, not org/1
    f.actor_id = 7;
    EXPECT_EQ(ids(f), (V{6, 1}));
}

TEST_F(AuditSearchTest, ActionPrefixIsLiteralAndCaseSensitive) {
    Filter f;
    f.action_prefix = "member.";
    EXPECT_EQ(ids(f), (V{7, 5, 2, 1}));  // not Member.update, not member%x
    f.action_prefix = "member.update";
    EXPECT_EQ(ids(f), (V{7, 5, 1}));
    f.action_prefix = "%";
    EXPECT_EQ(ids(f), V{});
    f.action_prefix = "member%";
    EXPECT_EQ(ids(f), V{6});
    f.action_prefix = "member_";
    EXPECT_EQ(ids(f), V{});
}

TEST_F(AuditSearchTest, TimeRangeIsFromInclusiveToExclusive) {
    Filter f;
    f.from = start_ + 2min;  // row 3 exactly
    f.to = start_ + 5min;    // row 6 exactly: excluded
    EXPECT_EQ(ids(f), (V{5, 4, 3}));
    f.from = start_ + 2min + 1ms;
    EXPECT_EQ(ids(f), (V{5, 4}));
}

TEST_F(AuditSearchTest, KeysetPagingWalksEveryRowOnce) {
    Filter f;
    f.limit = 3;
    EXPECT_EQ(ids(f), (V{7, 6, 5}));
    f.after_id = 5;
    EXPECT_EQ(ids(f), (V{4, 3, 2}));
    f.after_id = 2;
    EXPECT_EQ(ids(f), V{1});
    f.after_id = 1;
    EXPECT_EQ(ids(f), V{});
    f = {};
    f.action_prefix = "member.";
    f.limit = 2;
    f.after_id = 7;
    EXPECT_EQ(ids(f), (V{5, 2}));
}

TEST_F(AuditSearchTest, LimitIsOneToFiveHundred) {
    Filter f;
    f.limit = 0;
    EXPECT_THROW(log_.search(*c_, f), std::invalid_argument);
    f.limit = 501;
    EXPECT_THROW(log_.search(*c_, f), std::invalid_argument);
    f.limit = 500;
    EXPECT_EQ(ids(f).size(), 7u);
}

TEST_F(AuditSearchTest, TextIsStoredAsGivenAndOnlyBrokenBytesAreReplaced) {
    auto e = entry("auth.login_failed");
    e.actor_name = "admin\r\n2026-11-23 INFO login ok\t张三 \\ \"'";
    e.entity_id = std::string("a\0b\xff", 4);
    append_committed(e);
    Filter newest;
    newest.limit = 1;
    auto rows = log_.search(*c_, newest);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].entry.actor_name, e.actor_name);
    EXPECT_EQ(rows[0].entry.entity_id,
              "a\xEF\xBF\xBD"
              "b\xEF\xBF\xBD");
    EXPECT_TRUE(log_.verify(*c_).ok);
}

TEST(AuditText, SanitizeForLogEscapesWhatCouldForgeALine) {
    EXPECT_EQ(sanitize_for_log("plain 张三 text"), "plain 张三 text");
    EXPECT_EQ(sanitize_for_log("a\r\nINFO forged"), "a\\r\\nINFO forged");
    EXPECT_EQ(sanitize_for_log("tab\there"), "tab\\there");
    EXPECT_EQ(sanitize_for_log(std::string("nul\0x", 5)), "nul\\x00x");
    EXPECT_EQ(sanitize_for_log("esc\x1b[31m del\x7f"), "esc\\x1B[31m del\\x7F");
    EXPECT_EQ(sanitize_for_log("back\\slash"), "back\\\\slash");
    EXPECT_EQ(sanitize_for_log("next\xC2\x85line"), "next\\u0085line");    // C1 NEL
    EXPECT_EQ(sanitize_for_log("ls\xE2\x80\xA8ps"), "ls\\u2028ps");        // U+2028
    EXPECT_EQ(sanitize_for_log("rlo\xE2\x80\xAEtxt"), "rlo\\u202Etxt");    // bidi override
    EXPECT_EQ(sanitize_for_log("bad\xff\xC0\xAF"), "bad\\xFF\\xC0\\xAF");  // invalid, overlong
    EXPECT_EQ(sanitize_for_log(""), "");
}

TEST(AuditText, TimeFormatIsUtcWithMilliseconds) {
    using namespace std::chrono;
    EXPECT_EQ(format_time(sys_days{year{2026} / 1 / 5} + 7h + 8min + 9s + 12ms + 999us),
              "2026-01-05T07:08:09.012Z");
    EXPECT_EQ(format_time(system_clock::time_point{}), "1970-01-01T00:00:00.000Z");
}

TEST(AuditText, RevokeSqlNamesAValidatedRole) {
    EXPECT_EQ(postgres_revoke_sql("gonghui_app"),
              "REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM \"gonghui_app\"");
    for (const char* bad : {"", "App", "1app", "app; DROP TABLE audit_log", "a\"b", "a b", "$app",
                            "x234567890123456789012345678901234567890123456789012345678901234"}) {
        EXPECT_THROW(postgres_revoke_sql(bad), std::invalid_argument) << bad;
    }
}

TEST_F(AuditSearchTest, PostgresRoleWithoutPrivilegesCannotRewriteTheLog) {
    if (c_->backend() != db::Backend::postgresql) GTEST_SKIP() << "PostgreSQL privileges only";
    const std::string role = "gh_audit_app_" +
                             std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                             std::to_string(getpid());
    c_->exec_script("CREATE ROLE " + role + " NOLOGIN");
    c_->exec_script("GRANT SELECT, INSERT, UPDATE, DELETE ON audit_log, audit_head TO " + role);
    auto as_role = [&](const std::string& sql) {
        db::Transaction tx(*c_);
        c_->exec_script("SET LOCAL ROLE " + role);
        c_->execute(sql);
    };  // never committed: rolled back
    const std::string update = "UPDATE audit_log SET detail = '{}' WHERE id = 3";
    EXPECT_NO_THROW(as_role(update));  // granted: the test shows the revoke is what stops it
    c_->exec_script(postgres_revoke_sql(role));
    EXPECT_THROW(as_role(update), db::DbError);
    EXPECT_THROW(as_role("DELETE FROM audit_log WHERE id = 3"), db::DbError);
    {
        db::Transaction tx(*c_);  // the role can still append
        c_->exec_script("SET LOCAL ROLE " + role);
        log_.append(*c_, entry("member.update"));
        tx.commit();
    }
    c_->exec_script("REVOKE ALL ON audit_log, audit_head FROM " + role + "; DROP ROLE " + role);
    auto v = log_.verify(*c_);
    EXPECT_TRUE(v.ok) << v.reason;
    EXPECT_EQ(v.rows_checked, 8);
}

// Issue #12, item 9: a county's audit administrator reads the county's rows, not a neighbour's.
TEST_F(AuditTest, ScopePathReadsTheSubtreeOnly) {
    auto at = [&](std::string path, std::string action) {
        Entry e = entry(std::move(action));
        e.org_path = std::move(path);
        append_committed(e);
    };
    at("/1/2/", "qianxian.a");
    at("/1/2/9/", "qianxian.b");
    at("/1/3/", "binzhou.a");
    at("/1/20/", "other.a");  // "/1/20/" sorts after "/1/2/" but is not in it
    append_committed(entry("no.path"));
    Filter f;
    f.scope_path = "/1/2/";
    auto rows = log_.search(*c_, f);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].entry.action, "qianxian.b");
    EXPECT_EQ(rows[1].entry.action, "qianxian.a");
    EXPECT_EQ(rows[0].entry.org_path, "/1/2/9/");
    f.scope_path.reset();
    EXPECT_EQ(log_.search(*c_, f).size(), 5u);
    // Rows with and without a path are in one chain that verifies.
    EXPECT_TRUE(log_.verify(*c_).ok);
    c_->execute("UPDATE audit_log SET org_path = '/1/2/' WHERE action = 'binzhou.a'");
    EXPECT_FALSE(log_.verify(*c_).ok) << "moving a row into another subtree must break the chain";
}

// Issue #12, item 3: no ID number or phone in clear in the audit log, whatever a caller passes.
TEST_F(AuditTest, DetailIsAllowListedAndClearNumbersAreMasked) {
    Entry e = entry("member.export");
    e.actor_name = "13900000720";  // a phone typed as a username
    e.entity_id = "610482199001017017";
    e.detail = {{"q", "610482199001017017"},
                {"count", 0},
                {"file", "名单13900000720.xlsx"},
                {"changes", {{"address", {{"from", "电话13900000721"}, {"to", 13900000722}}}}},
                {"by_org", {{"12", 3}}}};
    append_committed(e);
    auto rows = log_.search(*c_, Filter{});
    ASSERT_EQ(rows.size(), 1u);
    const auto& got = rows[0].entry;
    EXPECT_EQ(got.detail["q"], "[redacted]") << got.detail.dump();
    EXPECT_EQ(got.detail["count"], 0);
    EXPECT_EQ(got.detail["file"], "名单139****0720.xlsx");
    EXPECT_EQ(got.detail["changes"]["address"]["from"], "电话139****0721");
    EXPECT_EQ(got.detail["changes"]["address"]["to"], "139****0722");
    EXPECT_EQ(got.detail["by_org"]["12"], 3);
    EXPECT_EQ(got.actor_name, "139****0720");
    EXPECT_EQ(got.entity_id, "610482********7017");
    auto stored = c_->query("SELECT detail, actor_name, entity_id FROM audit_log");
    auto raw = stored.front();
    for (int i = 0; i < 3; ++i) {
        const auto text = raw.get<std::string>(i);
        EXPECT_EQ(text.find("610482199001017017"), std::string::npos) << text;
        EXPECT_EQ(text.find("1390000072"), std::string::npos) << text;
    }
    EXPECT_TRUE(log_.verify(*c_).ok);
}
