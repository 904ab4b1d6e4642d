// A county cadre cannot read, list, count or change anything of a neighbouring county, not even
// by guessing ids; a city cadre sees both counties.
#include <set>

#include "identity_world.h"

using namespace gh::test;

namespace {

class Scope : public ::testing::Test {
protected:
    static void SetUpTestSuite() { world_ = new IdentityWorld(); }
    static void TearDownTestSuite() { delete world_; }
    static IdentityWorld* world_;

    static std::map<std::string, int64_t> orgs_seen_by(StaffSession& s) {
        std::map<std::string, int64_t> out;
        auto r = s.get("/api/v1/orgs?limit=500");
        EXPECT_EQ(r.status, 200) << r.body;
        auto o_json = r.json();

        for (auto& o : o_json["items"]) out[o["name"].get<std::string>()] = o["id"].get<int64_t>();
        return out;
    }
};
IdentityWorld* Scope::world_ = nullptr;

}  // namespace

TEST_F(Scope, CountyCadreListsAndCountsOnlyTheirCounty) {
    auto& q = world_->ready("qianxian");
    auto seen = orgs_seen_by(q);
    EXPECT_EQ(seen.count("乾县总工会"), 1u);
    EXPECT_EQ(seen.count("彬州市总工会"), 0u);
    EXPECT_EQ(seen.count("咸阳市总工会"), 0u);
    EXPECT_EQ(q.get("/api/v1/orgs").json()["total"], 1);
}

TEST_F(Scope, CityCadreSeesBothCounties) {
    auto seen = orgs_seen_by(world_->ready("xianyang"));
    EXPECT_EQ(seen.count("乾县总工会"), 1u);
    EXPECT_EQ(seen.count("彬州市总工会"), 1u);
    EXPECT_EQ(seen.count("陕西省总工会"), 0u);
}

TEST_F(Scope, GuessingANeighboursIdAnswersLikeAMissingOne) {
    auto binzhou_id = orgs_seen_by(world_->ready("binzhou")).at("彬州市总工会");
    auto& q = world_->ready("qianxian");
    auto neighbour = q.get("/api/v1/orgs/" + std::to_string(binzhou_id));
    auto missing = q.get("/api/v1/orgs/999999");
    EXPECT_EQ(neighbour.status, 404);
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(neighbour.json()["error"]["code"], missing.json()["error"]["code"]);
    EXPECT_EQ(neighbour.json()["error"]["message"], missing.json()["error"]["message"]);
}

TEST_F(Scope, CannotCreateUnderANeighbour) {
    auto binzhou_id = orgs_seen_by(world_->ready("binzhou")).at("彬州市总工会");
    auto& q = world_->ready("qianxian");
    auto r =
        q.send("POST", "/api/v1/orgs",
               {{"name", "越界工会"}, {"type", "grassroots_union"}, {"parent_id", binzhou_id}});
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(r.json()["error"]["field"], "parent_id");
    auto own = q.send("POST", "/api/v1/orgs",
                      {{"name", "乾县快递业工会联合会"}, {"type", "industry_federation"}});
    EXPECT_EQ(own.status, 201) << own.body;
    // The neighbour does not see it either.
    EXPECT_EQ(orgs_seen_by(world_->ready("binzhou")).count("乾县快递业工会联合会"), 0u);
}

TEST_F(Scope, AccountsOfANeighbourAreInvisible) {
    auto& q = world_->ready("qianxian");
    auto& b = world_->ready("binzhou");
    int64_t binzhou_account = b.get("/api/v1/auth/me").json()["id"];
    EXPECT_EQ(q.get("/api/v1/accounts/" + std::to_string(binzhou_account)).status, 404);
    auto a_json = q.get("/api/v1/accounts?limit=500").json();

    for (auto& a : a_json["items"]) {
        EXPECT_NE(a["username"], "binzhou");
        EXPECT_NE(a["username"], "xianyang");
    }
}

TEST_F(Scope, ServiceAccountTokensAreNarrowAndScoped) {
    auto add = run_gonghui({"service-account", "add", "--db", world_->db.url(), "--key-file",
                            world_->key_file, "--name", "door-qianxian", "--org", "610424",
                            "--permission", "org.read"});
    ASSERT_EQ(add.exit_code, 0) << add.output;
    auto pos = add.output.find("(shown once): ");
    ASSERT_NE(pos, std::string::npos) << add.output;
    std::string token = add.output.substr(pos + 14, 43);
    HttpClient c(world_->port());
    auto bearer = [&](const std::string& method, const std::string& target) {
        return c.request(
            method, target, "{}",
            {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}});
    };
    auto orgs = bearer("GET", "/api/v1/orgs");
    ASSERT_EQ(orgs.status, 200) << orgs.body;
    auto orgs_json = orgs.json();
    for (auto& o : orgs_json["items"]) EXPECT_NE(o["name"], "彬州市总工会");
    EXPECT_EQ(orgs_json["total"], world_->ready("qianxian").get("/api/v1/orgs").json()["total"]);
    EXPECT_EQ(bearer("GET", "/api/v1/accounts").status, 403);  // not granted
    EXPECT_EQ(bearer("POST", "/api/v1/orgs").status, 403);
    EXPECT_EQ(bearer("GET", "/api/v1/auth/me").status, 403);  // not a person's session
    // Administrator powers cannot be given to a token at all.
    auto admin = run_gonghui({"service-account", "add", "--db", world_->db.url(), "--key-file",
                              world_->key_file, "--name", "too-strong", "--org", "610424",
                              "--permission", "role.grant"});
    EXPECT_EQ(admin.exit_code, 1);
    ASSERT_EQ(run_gonghui({"service-account", "revoke", "--db", world_->db.url(), "--key-file",
                           world_->key_file, "--name", "door-qianxian"})
                  .exit_code,
              0);
    auto revoked = bearer("GET", "/api/v1/orgs");
    EXPECT_EQ(revoked.status, 401);
    EXPECT_EQ(revoked.json()["error"]["code"], "auth.invalid_token");
    EXPECT_EQ(HttpClient(world_->port())
                  .request("GET", "/api/v1/orgs", "", {{"Authorization", "Bearer forged"}})
                  .status,
              401);
}

// Issue #12, item 9: the audit log is read by subtree like everything else. A 乾县 audit
// administrator used to read 彬州市's rows; a deployment-wide auditor is an account at the root.
TEST_F(Scope, AuditLogIsReadBySubtree) {
    world_->add("qxaudit", "610424", {"audit_admin"});
    auto& bz = world_->ready("binzhou");
    ASSERT_EQ(bz.get("/api/v1/auth/me").status, 200);
    world_->ready("qianxian");
    // A failed sign-in of a 乾县 account: committed, and it says it failed.
    {
        StaffSession wrong(world_->port());
        auto r = wrong.login("qianxian", "Wr0ng-Passw0rd!!");
        EXPECT_EQ(r.status, 401) << r.body;
    }
    auto& qa = world_->ready("qxaudit");
    std::set<std::string> actors;
    bool saw_failed = false;
    std::string cursor;
    for (int page = 0; page < 50; ++page) {
        auto r = qa.get("/api/v1/audit?limit=100" + (cursor.empty() ? "" : "&cursor=" + cursor));
        ASSERT_EQ(r.status, 200) << r.body;
        auto j = r.json();
        for (auto& e : j["items"]) {
            actors.insert(e["actor_name"].get<std::string>());
            if (e["action"] == "auth.login_failed" && e["actor_name"] == "qianxian") {
                saw_failed = true;
                EXPECT_EQ(e["outcome"], "failed") << e.dump();
                EXPECT_EQ(e["detail"]["error"], "auth.invalid_credentials") << e.dump();
            }
        }
        if (j["next_cursor"].is_null()) break;
        cursor = j["next_cursor"].get<std::string>();
    }
    EXPECT_TRUE(saw_failed);
    EXPECT_EQ(actors.count("qianxian"), 1u);
    EXPECT_EQ(actors.count("binzhou"), 0u) << "a county auditor read a neighbour's audit rows";
    EXPECT_EQ(actors.count("xianyang"), 0u) << "a county auditor read the city's audit rows";
    // The root auditor reads everyone's.
    auto all = world_->ready("auditadm").get("/api/v1/audit?actor=binzhou");
    ASSERT_EQ(all.status, 200) << all.body;
    EXPECT_FALSE(all.json()["items"].empty());
    auto none = qa.get("/api/v1/audit?actor=binzhou");
    ASSERT_EQ(none.status, 200) << none.body;
    EXPECT_TRUE(none.json()["items"].empty());
}
