// GET /api/v1/orgs/{id}/stats: unions (every org but federations) and active members of a
// subtree, by id or division code, scoped like every org read.
#include "core/cn/id_number.h"
#include "identity_world.h"

using namespace gh::test;
using nlohmann::json;

namespace {

class Stats : public ::testing::Test {
protected:
    static void SetUpTestSuite() { world_ = new IdentityWorld(); }
    static void TearDownTestSuite() { delete world_; }
    static IdentityWorld* world_;

    static json stats(const std::string& user, const std::string& org) {
        auto r = world_->ready(user).get("/api/v1/orgs/" + org + "/stats");
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json();
    }
    static int64_t add_union(const std::string& user, const std::string& parent,
                             const std::string& name, const std::string& type) {
        json body = {{"name", name}, {"type", type}, {"parent_id", world_->org_id(user, parent)}};
        auto r = world_->ready(user).send("POST", "/api/v1/orgs", body);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json()["id"];
    }
    static int64_t join(const std::string& user, int64_t org, const std::string& name,
                        const char* first17, bool gig) {
        json body = {{"org_id", org},
                     {"name", name},
                     {"id_number", gh::cn::make_id_number(first17)},
                     {"new_form", gig}};
        auto r = world_->ready(user).send("POST", "/api/v1/members", body);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json()["id"];
    }
};
IdentityWorld* Stats::world_ = nullptr;

TEST_F(Stats, CountsMoveWhenMembersJoinAndLeave) {
    auto before = stats("qianxian", "610424");
    EXPECT_EQ(before["members"], 0);
    EXPECT_EQ(before["unions"], 0);  // only the federation so far
    const int64_t plant = add_union("qianxian", "乾县总工会", "乾县机械厂工会", "grassroots_union");
    add_union("qianxian", "乾县总工会", "乾县快递业工会联合会", "industry_federation");
    join("qianxian", plant, "王伟", "61042419850303111", false);
    const int64_t gig = join("qianxian", plant, "李娜", "61042419920404222", true);
    auto after = stats("qianxian", "610424");
    EXPECT_EQ(after["unions"], 2);
    EXPECT_EQ(after["members"], 2);
    EXPECT_EQ(after["gig_members"], 1);
    auto by_id = stats("qianxian", std::to_string(plant));
    EXPECT_EQ(by_id["unions"], 1);
    EXPECT_EQ(by_id["members"], 2);

    auto left = world_->ready("qianxian")
                    .send("POST", "/api/v1/members/" + std::to_string(gig) + "/status",
                          {{"status", "left"}, {"reason", "离职"}});
    ASSERT_EQ(left.status, 200) << left.body;
    auto later = stats("qianxian", "610424");
    EXPECT_EQ(later["members"], 1);
    EXPECT_EQ(later["gig_members"], 0);
}

TEST_F(Stats, NeighbourIs404AndTheCitySeesTheSumOfItsCounties) {
    EXPECT_EQ(world_->ready("binzhou").get("/api/v1/orgs/610424/stats").status, 404);
    const int64_t qian = world_->org_id("qianxian", "乾县总工会");
    auto hidden = world_->ready("binzhou").get("/api/v1/orgs/" + std::to_string(qian) + "/stats");
    EXPECT_EQ(hidden.status, 404);
    EXPECT_EQ(world_->ready("binzhou").get("/api/v1/orgs/999999/stats").status, 404);

    const int64_t mine = add_union("binzhou", "彬州市总工会", "彬州市煤矿工会", "grassroots_union");
    join("binzhou", mine, "赵强", "61048219780506333", true);
    auto q = stats("qianxian", "610424");
    auto b = stats("binzhou", "610482");
    auto city = stats("xianyang", "610400");
    EXPECT_EQ(city["unions"], q["unions"].get<int64_t>() + b["unions"].get<int64_t>());
    EXPECT_EQ(city["members"], q["members"].get<int64_t>() + b["members"].get<int64_t>());
    EXPECT_EQ(city["gig_members"],
              q["gig_members"].get<int64_t>() + b["gig_members"].get<int64_t>());
    EXPECT_GE(b["members"], 1);
}

}  // namespace
