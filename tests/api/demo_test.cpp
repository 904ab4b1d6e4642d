// gonghui demo: the generated dataset arrives through the member registry (the stats API counts
// it like any member), scales only the members, and a second run adds nothing.
#include <regex>

#include "identity_world.h"

using namespace gh::test;
using nlohmann::json;

namespace {

class Demo : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new IdentityWorld();
        world_->add("yulin", "610800", {"federation_cadre"});
    }
    static void TearDownTestSuite() { delete world_; }
    static IdentityWorld* world_;

    static RunResult load() {
        return run_gonghui(
            {"demo", "--db", world_->db.url(), "--key-file", world_->key_file, "--scale", "0.01"});
    }
    static nlohmann::json stats(const std::string& user, const std::string& org) {
        auto r = world_->ready(user).get("/api/v1/orgs/" + org + "/stats");
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json();
    }
};
IdentityWorld* Demo::world_ = nullptr;

TEST_F(Demo, LoadsTheCountiesOnceWithOnlyTheMembersScaled) {
    auto first = load();
    ASSERT_EQ(first.exit_code, 0) << first.output;
    auto q = stats("qianxian", "610424");
    EXPECT_EQ(q["unions"], 273);
    EXPECT_EQ(q["members"], 259);  // round(25915 × 0.01)
    EXPECT_GT(q["gig_members"], 0);
    EXPECT_LT(q["gig_members"].get<int64_t>(), q["members"].get<int64_t>() / 4);
    // Its employers: one per firm union, linked, and one in eight firms more without a union.
    ASSERT_FALSE(q["unionization_rate"].is_null()) << q;
    EXPECT_GT(q["unionization_rate"].get<double>(), 0.8);
    EXPECT_LT(q["unionization_rate"].get<double>(), 0.95);
    ASSERT_FALSE(q["membership_rate"].is_null()) << q;
    EXPECT_GT(q["membership_rate"].get<double>(), 0.0);
    EXPECT_LE(q["membership_rate"].get<double>(), 1.0);
    auto b = stats("binzhou", "610482");
    EXPECT_EQ(b["unions"], 486);
    EXPECT_EQ(b["members"], 863);  // round(86342 × 0.01)

    auto unions = world_->ready("qianxian").get("/api/v1/orgs?limit=500").json();
    int gig_federations = 0;
    for (auto& o : unions["items"]) {
        gig_federations +=
            o["name"] == "乾县快递业工会联合会" || o["name"] == "乾县货车司机工会联合会";
    }
    EXPECT_EQ(gig_federations, 2);

    auto second = load();
    ASSERT_EQ(second.exit_code, 0) << second.output;
    EXPECT_NE(second.output.find("skipped"), std::string::npos) << second.output;
    EXPECT_EQ(stats("qianxian", "610424"), q);
    EXPECT_EQ(stats("binzhou", "610482"), b);
}

TEST_F(Demo, YulinsCeremonyJoinsItsGigWorkersInTwelveCountiesOnOneDay) {
    auto first = load();
    ASSERT_EQ(first.exit_code, 0) << first.output;
    auto y = stats("yulin", "610800");
    // 11 counties × round(190 × 0.01) + 佳县's round(560 × 0.01)
    EXPECT_EQ(y["members"], 11 * 2 + 6);
    EXPECT_EQ(y["gig_members"], y["members"]);
    // The city's new-form federation, five industry federations a county, 佳县's 红枣 one.
    EXPECT_EQ(y["unions_by_type"]["industry_federation"], 1 + 12 * 5 + 1);
    EXPECT_EQ(y["unions_by_type"]["federation"], 13);
    bool seen = false;
    for (const auto& m : y["growth"]) {
        if (m["month"] == "2025-06") {
            EXPECT_EQ(m["joined"], y["members"]);
            seen = true;
        }
    }
    EXPECT_TRUE(seen) << y["growth"].dump();
    auto jia = stats("yulin", "610828");
    ASSERT_FALSE(jia["members_by_occupation"].empty());
    EXPECT_EQ(jia["members_by_occupation"][0]["occupation"], "worker");  // the 红枣 processors'
    EXPECT_EQ(jia["members_by_occupation"][0]["label"], "企业职工");
    // Outside 咸阳's subtree.
    EXPECT_EQ(world_->ready("xianyang").get("/api/v1/orgs/610800/stats").status, 404);
}

TEST_F(Demo, AccountsArePrintedOnceWithPasswordsThatWork) {
    auto r = run_gonghui({"demo", "--db", world_->db.url(), "--key-file", world_->key_file,
                          "--scale", "0.01", "--accounts"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(r.output, m, std::regex(R"(\bdemo +密码 / password (\S+))")))
        << r.output;
    const std::string initial = m[1];
    EXPECT_NE(r.output.find("xianyang-demo"), std::string::npos);
    EXPECT_NE(r.output.find("admin-demo"), std::string::npos);
    // The station keeper: 乾县's stations, their check-ins and pickups, nothing of the members.
    std::smatch k;
    ASSERT_TRUE(
        std::regex_search(r.output, k, std::regex(R"(\bkeeper-demo +密码 / password (\S+))")))
        << r.output;
    StaffSession keeper(world_->port());
    keeper.login_ready("keeper-demo", k[1], "Keeper-Qian-7391!");
    EXPECT_EQ(keeper.get("/api/v1/stations?limit=5").status, 200);
    EXPECT_EQ(keeper.get("/api/v1/members?limit=5").status, 403);
    StaffSession s(world_->port());
    s.login_ready("demo", initial, "Qian-County-7391!");
    auto me = s.get("/api/v1/auth/me");
    ASSERT_EQ(me.status, 200) << me.body;
    auto county = s.get("/api/v1/orgs/610424/stats");
    EXPECT_EQ(county.status, 200) << county.body;
    EXPECT_EQ(s.get("/api/v1/orgs/610482/stats").status, 404);  // 彬州市 is not 乾县's

    auto again = run_gonghui({"demo", "--db", world_->db.url(), "--key-file", world_->key_file,
                              "--scale", "0.01", "--accounts"});
    ASSERT_EQ(again.exit_code, 0) << again.output;
    EXPECT_FALSE(std::regex_search(again.output, std::regex(R"(\bdemo +密码)"))) << again.output;
    EXPECT_NE(again.output.find("已存在"), std::string::npos);
}

TEST_F(Demo, ScaleOutsideTheRangeIsAUsageError) {
    auto r = run_gonghui({"demo", "--db", world_->db.url(), "--scale", "0"});
    EXPECT_EQ(r.exit_code, 2) << r.output;
}

}  // namespace

TEST_F(Demo, StationsArriveWithTheirRosterWishesAndRound) {
    ASSERT_EQ(load().exit_code, 0);
    auto& qx = world_->ready("qianxian");
    auto list = qx.get("/api/v1/stations?limit=50").json();
    EXPECT_EQ(list["total"], 5);  // 乾县's: the three of 2024 and two older ones
    std::vector<std::string> codes;
    for (const auto& s : list["items"]) codes.push_back(s["code"]);
    for (const char* c : {"YZ610424-0001", "YZ610424-0002", "YZ610424-0003"}) {
        EXPECT_NE(std::find(codes.begin(), codes.end(), c), codes.end()) << c;
    }
    const json first = list["items"][0];
    const auto names = first["amenities"].dump();
    EXPECT_NE(names.find("空调"), std::string::npos) << names;  // "配备空调、医药箱等"
    EXPECT_NE(names.find("医药箱"), std::string::npos) << names;
    HttpClient pub(world_->port());
    auto near = pub.get("/api/v1/stations/nearby?lat=34.5296&lng=108.2447&limit=3").json();
    EXPECT_EQ(near["items"][0]["code"], "YZ610424-0001");
    auto roster = qx.get("/api/v1/station-roster?from=2000-01-01&to=2100-01-01").json()["items"];
    EXPECT_GE(roster.size(), 30u);
    auto wishes = qx.get("/api/v1/station-wishes").json()["items"];
    EXPECT_GE(wishes.size(), 3u);
    auto rounds = qx.get("/api/v1/station-rounds").json()["items"];
    ASSERT_EQ(rounds.size(), 1u);
    EXPECT_EQ(rounds[0]["confirmed"], 2);
    EXPECT_EQ(rounds[0]["stations"], 5);
    // A few weeks of visits, in the dashboard, and what the stations offer for points.
    auto visits = qx.get("/api/v1/stations/visits/summary").json();
    EXPECT_GT(visits["visits"].get<int64_t>(), 1000) << visits.dump().substr(0, 300);
    EXPECT_GT(visits["uniques"].get<int64_t>(), 0);
    EXPECT_FALSE(visits["by_occupation"].empty());
    const int64_t id = first["id"];
    auto items = qx.get("/api/v1/stations/" + std::to_string(id) + "/items").json()["items"];
    std::vector<std::string> offered;
    for (const auto& i : items) offered.push_back(i["name"]);
    EXPECT_NE(std::find(offered.begin(), offered.end(), "5元早餐"), offered.end());
    EXPECT_NE(std::find(offered.begin(), offered.end(), "9元正餐"), offered.end());
    // A second run adds none of it again.
    auto again = load();
    EXPECT_NE(again.output.find("驿站已载入"), std::string::npos) << again.output;
    EXPECT_EQ(qx.get("/api/v1/stations?limit=1").json()["total"], 5);
}
