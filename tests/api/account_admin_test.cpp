// Account administration over HTTP, on SQLite and PostgreSQL: the filtered list, disable/enable
// (sessions end), password reset (one-time password, forced change), unlock, an account's
// sessions; scope (404 outside the caller's subtree) and the audit row of every write.
#include "identity_world.h"

using namespace gh::test;
using nlohmann::json;

namespace {

class AccountAdmin : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new IdentityWorld();
        world_->add("binadm", "610482", {"admin"});  // a county's system administrator
        world_->add("qx_clerk", "610424", {"union_cadre"});
        world_->add("qx_keeper", "610424", {"station_keeper"});
    }
    static void TearDownTestSuite() { delete world_; }
    static IdentityWorld* world_;

    // The id of `username` as the province's system administrator sees it.
    static int64_t id_of(const std::string& username) {
        auto r = world_->ready("sysadm").get("/api/v1/accounts?q=" + username + "&limit=50");
        EXPECT_EQ(r.status, 200) << r.body;
        const auto body = r.json();  // kept: a loop over a temporary's member would dangle
        for (auto& a : body["items"]) {
            if (a["username"] == username) return a["id"];
        }
        ADD_FAILURE() << username << " not listed";
        return 0;
    }
    static std::vector<std::string> usernames(const HttpResponse& r) {
        std::vector<std::string> out;
        const auto body = r.json();
        for (auto& a : body["items"]) out.push_back(a["username"]);
        return out;
    }
    static bool audited(const std::string& action, int64_t id) {
        auto r = world_->ready("auditadm")
                     .get("/api/v1/audit?action=" + action + "&entity_id=" + std::to_string(id));
        EXPECT_EQ(r.status, 200) << r.body;
        const auto body = r.json();
        for (auto& row : body["items"]) {
            if (row["action"] == action && row["entity_id"] == std::to_string(id)) return true;
        }
        return false;
    }
};
IdentityWorld* AccountAdmin::world_ = nullptr;

bool has(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

TEST_F(AccountAdmin, ListFiltersByTextOrgRoleAndState) {
    auto& sys = world_->ready("sysadm");
    auto by_text = sys.get("/api/v1/accounts?q=QX_&limit=100");
    ASSERT_EQ(by_text.status, 200) << by_text.body;
    auto names = usernames(by_text);
    EXPECT_TRUE(has(names, "qx_clerk") && has(names, "qx_keeper")) << by_text.body;
    EXPECT_FALSE(has(names, "qianxian"));
    // '_' is a character, not a wildcard.
    EXPECT_FALSE(has(usernames(sys.get("/api/v1/accounts?q=_&limit=100")), "qianxian"));

    const int64_t qianxian_org = world_->org_id("sysadm", "乾县总工会");
    auto by_org =
        usernames(sys.get("/api/v1/accounts?limit=100&org_id=" + std::to_string(qianxian_org)));
    EXPECT_TRUE(has(by_org, "qianxian") && has(by_org, "qx_clerk"));
    EXPECT_FALSE(has(by_org, "binzhou"));

    auto by_role = usernames(sys.get("/api/v1/accounts?limit=100&role=station_keeper"));
    EXPECT_EQ(by_role, std::vector<std::string>{"qx_keeper"});

    auto bad_role = sys.get("/api/v1/accounts?role=king");
    EXPECT_EQ(bad_role.status, 422);
    EXPECT_EQ(bad_role.json()["error"]["code"], "role.unknown");
    auto bad_state = sys.get("/api/v1/accounts?state=sleepy");
    EXPECT_EQ(bad_state.status, 422);
    EXPECT_EQ(bad_state.json()["error"]["code"], "account.state");
    auto account = sys.get("/api/v1/accounts/" + std::to_string(id_of("qx_clerk"))).json();
    EXPECT_EQ(account["locked"], false);

    // A county administrator filtering by an org outside its county: 404, as if missing.
    auto outside =
        world_->ready("binadm").get("/api/v1/accounts?org_id=" + std::to_string(qianxian_org));
    EXPECT_EQ(outside.status, 404);
}

TEST_F(AccountAdmin, DisableEndsSessionsAndRefusesLoginUntilEnabled) {
    world_->add("qx_leaver", "610424", {"union_cadre"});
    const int64_t id = id_of("qx_leaver");
    StaffSession user(world_->port());
    user.login_ready("qx_leaver", kInitial, kChanged);
    ASSERT_EQ(user.get("/api/v1/orgs").status, 200);

    auto& sys = world_->ready("sysadm");
    auto sessions = sys.get("/api/v1/accounts/" + std::to_string(id) + "/sessions");
    ASSERT_EQ(sessions.status, 200) << sessions.body;
    EXPECT_EQ(sessions.json()["total"], 1);

    auto off = sys.send("POST", "/api/v1/accounts/" + std::to_string(id) + "/disable");
    ASSERT_EQ(off.status, 200) << off.body;
    EXPECT_EQ(off.json()["status"], "disabled");
    EXPECT_EQ(user.get("/api/v1/orgs").status, 401) << "its session ended";
    EXPECT_EQ(sys.get("/api/v1/accounts/" + std::to_string(id) + "/sessions").json()["total"], 0);
    StaffSession again(world_->port());
    auto refused = again.login("qx_leaver", kChanged);
    EXPECT_EQ(refused.status, 401);
    EXPECT_EQ(refused.json()["error"]["code"], "auth.disabled");
    EXPECT_TRUE(has(usernames(sys.get("/api/v1/accounts?state=disabled&limit=100")), "qx_leaver"));
    EXPECT_FALSE(has(usernames(sys.get("/api/v1/accounts?state=active&limit=100")), "qx_leaver"));
    EXPECT_TRUE(audited("account.disable", id));

    auto on = sys.send("POST", "/api/v1/accounts/" + std::to_string(id) + "/enable");
    ASSERT_EQ(on.status, 200) << on.body;
    EXPECT_EQ(on.json()["status"], "active");
    EXPECT_EQ(again.login("qx_leaver", kChanged).status, 200);
    EXPECT_TRUE(audited("account.enable", id));

    // Not one's own account; not without account.write.
    auto me = sys.get("/api/v1/auth/me").json();
    auto self = sys.send(
        "POST", "/api/v1/accounts/" + std::to_string(me["id"].get<int64_t>()) + "/disable");
    EXPECT_EQ(self.status, 403);
    EXPECT_EQ(self.json()["error"]["code"], "account.self");
    EXPECT_EQ(world_->ready("secadm")
                  .send("POST", "/api/v1/accounts/" + std::to_string(id) + "/disable")
                  .status,
              403);
}

TEST_F(AccountAdmin, ResetGivesAOneTimePasswordThatMustBeChanged) {
    world_->add("qx_forgot", "610424", {"union_cadre"});
    const int64_t id = id_of("qx_forgot");
    StaffSession old_session(world_->port());
    old_session.login_ready("qx_forgot", kInitial, kChanged);

    auto reset = world_->ready("sysadm").send(
        "POST", "/api/v1/accounts/" + std::to_string(id) + "/reset-password");
    ASSERT_EQ(reset.status, 200) << reset.body;
    EXPECT_EQ(reset.header("cache-control"), "no-store");
    const std::string fresh = reset.json()["initial_password"];
    EXPECT_EQ(fresh.size(), 16u);
    EXPECT_EQ(reset.json()["must_change_password"], true);
    EXPECT_EQ(old_session.get("/api/v1/orgs").status, 401) << "sessions end on a reset";

    StaffSession s(world_->port());
    EXPECT_EQ(s.login("qx_forgot", kChanged).status, 401) << "the old password is gone";
    auto in = s.login("qx_forgot", fresh);
    ASSERT_EQ(in.status, 200) << in.body;
    EXPECT_EQ(in.json()["must_change_password"], true);
    EXPECT_EQ(s.get("/api/v1/orgs").json()["error"]["code"], "auth.password_change_required");
    ASSERT_EQ(s.send("POST", "/api/v1/auth/password",
                     {{"old_password", fresh}, {"new_password", "Anoth3r-Passw0rd!"}})
                  .status,
              200);
    EXPECT_EQ(s.get("/api/v1/orgs").status, 200);
    EXPECT_TRUE(audited("account.reset_password", id));
}

TEST_F(AccountAdmin, UnlockEndsALockoutEarly) {
    world_->add("qx_typo", "610424", {"union_cadre"});
    const int64_t id = id_of("qx_typo");
    auto& sys = world_->ready("sysadm");
    auto not_locked = sys.send("POST", "/api/v1/accounts/" + std::to_string(id) + "/unlock");
    EXPECT_EQ(not_locked.status, 409);
    EXPECT_EQ(not_locked.json()["error"]["code"], "account.not_locked");

    StaffSession s(world_->port());
    for (int i = 0; i < 5; ++i) s.login("qx_typo", "wrong-password");
    EXPECT_EQ(s.login("qx_typo", kInitial).status, 423);
    auto listed = sys.get("/api/v1/accounts?state=locked&limit=100");
    EXPECT_TRUE(has(usernames(listed), "qx_typo")) << listed.body;
    auto unlocked = sys.send("POST", "/api/v1/accounts/" + std::to_string(id) + "/unlock");
    ASSERT_EQ(unlocked.status, 200) << unlocked.body;
    EXPECT_EQ(unlocked.json()["locked"], false);
    EXPECT_EQ(s.login("qx_typo", kInitial).status, 200);
    EXPECT_TRUE(audited("account.unlock", id));
}

TEST_F(AccountAdmin, TheSystemAdministratorCannotSilenceTheOtherTwo) {
    auto& sys = world_->ready("sysadm");
    for (const char* who : {"secadm", "auditadm"}) {
        const int64_t id = id_of(who);
        for (const char* action : {"disable", "reset-password", "unlock"}) {
            auto r = sys.send("POST", "/api/v1/accounts/" + std::to_string(id) + "/" + action);
            EXPECT_EQ(r.status, 403) << who << " " << action << ": " << r.body;
            EXPECT_EQ(r.json()["error"]["code"], "account.separation_of_duties");
        }
    }
    EXPECT_EQ(world_->ready("auditadm").get("/api/v1/audit?limit=1").status, 200);
}

TEST_F(AccountAdmin, OutsideTheCallersSubtreeEveryActionIsNotFound) {
    const int64_t id = id_of("qx_clerk");  // in 乾县; binadm administers 彬州市
    auto& bin = world_->ready("binadm");
    EXPECT_EQ(bin.get("/api/v1/accounts/" + std::to_string(id)).status, 404);
    EXPECT_EQ(bin.get("/api/v1/accounts/" + std::to_string(id) + "/sessions").status, 404);
    for (const char* action : {"disable", "enable", "reset-password", "unlock"}) {
        auto r = bin.send("POST", "/api/v1/accounts/" + std::to_string(id) + "/" + action);
        EXPECT_EQ(r.status, 404) << action << ": " << r.body;
        EXPECT_EQ(r.json()["error"]["code"], "account.not_found");
    }
    EXPECT_FALSE(has(usernames(bin.get("/api/v1/accounts?limit=500")), "qx_clerk"));
    EXPECT_TRUE(has(usernames(bin.get("/api/v1/accounts?limit=500")), "binzhou"));
}
