// gonghui demo: the generated dataset arrives through the member registry (the stats API counts
// it like any member), scales only the members, and a second run adds nothing.
#include "identity_world.h"

using namespace gh::test;

namespace {

class Demo : public ::testing::Test {
protected:
    static void SetUpTestSuite() { world_ = new IdentityWorld(); }
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

TEST_F(Demo, ScaleOutsideTheRangeIsAUsageError) {
    auto r = run_gonghui({"demo", "--db", world_->db.url(), "--scale", "0"});
    EXPECT_EQ(r.exit_code, 2) << r.output;
}

}  // namespace
