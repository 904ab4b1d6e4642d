// Employers (用人单位) and the 建会率: registration with a checked credit code, scoped reads,
// linking a grassroots union, and the stats that follow.
#include <cctype>

#include "core/cn/credit_code.h"
#include "identity_world.h"

using namespace gh::test;
using nlohmann::json;

namespace {

class Employers : public ::testing::Test {
protected:
    static void SetUpTestSuite() { world_ = new IdentityWorld(); }
    static void TearDownTestSuite() { delete world_; }
    static IdentityWorld* world_;

    static HttpResponse create(const std::string& user, const std::string& name,
                               const std::string& code, int64_t staff) {
        json body = {{"name", name},
                     {"credit_code", code},
                     {"staff_size", staff},
                     {"industry", "C"},
                     {"address", "乾县城关街道"}};
        return world_->ready(user).send("POST", "/api/v1/employers", body);
    }
    static json stats(const std::string& user, const std::string& org) {
        auto r = world_->ready(user).get("/api/v1/orgs/" + org + "/stats");
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json();
    }
    static std::string percent_encoded(const std::string& s) {
        static const char* hex = "0123456789ABCDEF";
        std::string out;
        for (unsigned char ch : s) {
            if (std::isalnum(ch)) {
                out += static_cast<char>(ch);
            } else {
                out += {'%', hex[ch >> 4], hex[ch & 15]};
            }
        }
        return out;
    }
    static std::string bad_check(const std::string& first17) {
        std::string code = gh::cn::make_credit_code(first17);
        code.back() = code.back() == '0' ? '1' : '0';
        return code;
    }
};
IdentityWorld* Employers::world_ = nullptr;

TEST_F(Employers, CreateValidatesAndRejectsDuplicates) {
    const std::string code = gh::cn::make_credit_code("91610424MA6TX0001");
    auto r = create("qianxian", "乾县机械厂", code, 120);
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.json()["credit_code"], code);
    EXPECT_EQ(r.json()["org_id"], world_->org_id("qianxian", "乾县总工会"));
    EXPECT_EQ(r.json()["unionized"], false);
    EXPECT_EQ(r.json()["should_unionize"], true);

    auto bad = create("qianxian", "乾县纺织厂", bad_check("91610424MA6TX0002"), 30);
    ASSERT_EQ(bad.status, 422) << bad.body;
    EXPECT_EQ(bad.json()["error"]["code"], "credit_code.checksum");
    EXPECT_EQ(bad.json()["error"]["field"], "credit_code");

    auto dup = create("qianxian", "乾县机械厂（重复）", code, 10);
    ASSERT_EQ(dup.status, 409) << dup.body;
    EXPECT_EQ(dup.json()["error"]["code"], "employer.credit_code_taken");

    auto neg = create("qianxian", "乾县砖厂", gh::cn::make_credit_code("91610424MA6TX0003"), -1);
    ASSERT_EQ(neg.status, 422) << neg.body;
    EXPECT_EQ(neg.json()["error"]["field"], "staff_size");
}

TEST_F(Employers, NeighbourCannotSeeThem) {
    auto r = create("qianxian", "乾县面粉厂", gh::cn::make_credit_code("91610424MA6TX0004"), 40);
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string id = std::to_string(r.json()["id"].get<int64_t>());
    EXPECT_EQ(world_->ready("qianxian").get("/api/v1/employers/" + id).status, 200);
    auto hidden = world_->ready("binzhou").get("/api/v1/employers/" + id);
    EXPECT_EQ(hidden.status, 404) << hidden.body;
    auto list = world_->ready("binzhou").get("/api/v1/employers");
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_EQ(list.json()["total"], 0);
    auto link = world_->ready("binzhou").send("PUT", "/api/v1/employers/" + id + "/union",
                                              {{"union_org_id", nullptr}});
    EXPECT_EQ(link.status, 404) << link.body;
    auto mine = world_->ready("qianxian").get("/api/v1/employers?q=" + percent_encoded("乾县面粉"));
    ASSERT_EQ(mine.status, 200) << mine.body;
    ASSERT_EQ(mine.json()["items"].size(), 1u);
    EXPECT_EQ(mine.json()["items"][0]["name"], "乾县面粉厂");
}

TEST_F(Employers, LinkingAUnionMovesTheUnionizationRate) {
    // A county of its own (彬州) keeps this test's counts apart from the other tests'.
    auto a = create("binzhou", "彬州煤矿", gh::cn::make_credit_code("91610482MA6TX0005"), 300);
    auto b = create("binzhou", "彬州电厂", gh::cn::make_credit_code("91610482MA6TX0006"), 80);
    ASSERT_EQ(a.status, 201) << a.body;
    ASSERT_EQ(b.status, 201) << b.body;
    auto before = stats("binzhou", "610482");
    EXPECT_EQ(before["employers"], 2);
    EXPECT_EQ(before["employers_should_unionize"], 2);
    EXPECT_EQ(before["employers_unionized"], 0);
    EXPECT_EQ(before["employers_unionized_expected"], 0);
    EXPECT_EQ(before["unionization_rate"], 0.0);
    EXPECT_EQ(before["unions"], 0);

    const int64_t fed = world_->org_id("binzhou", "彬州市总工会");
    auto un = world_->ready("binzhou").send(
        "POST", "/api/v1/orgs",
        {{"name", "彬州煤矿工会"}, {"type", "grassroots_union"}, {"parent_id", fed}});
    ASSERT_EQ(un.status, 201) << un.body;
    const int64_t union_id = un.json()["id"];
    const std::string path = "/api/v1/employers/" + std::to_string(a.json()["id"].get<int64_t>());

    auto to_fed = world_->ready("binzhou").send("PUT", path + "/union", {{"union_org_id", fed}});
    ASSERT_EQ(to_fed.status, 422) << to_fed.body;
    EXPECT_EQ(to_fed.json()["error"]["field"], "union_org_id");

    auto linked =
        world_->ready("binzhou").send("PUT", path + "/union", {{"union_org_id", union_id}});
    ASSERT_EQ(linked.status, 200) << linked.body;
    EXPECT_EQ(linked.json()["union_org_id"], union_id);
    auto after = stats("binzhou", "610482");
    EXPECT_EQ(after["employers_unionized"], 1);
    EXPECT_EQ(after["employers_unionized_expected"], 1);
    EXPECT_EQ(after["unionization_rate"], 0.5);
    auto with = world_->ready("binzhou").get("/api/v1/employers?unionized=true");
    ASSERT_EQ(with.status, 200) << with.body;
    EXPECT_EQ(with.json()["total"], 1);
    EXPECT_EQ(world_->ready("binzhou").get("/api/v1/employers?unionized=maybe").status, 422);

    auto unlinked =
        world_->ready("binzhou").send("PUT", path + "/union", {{"union_org_id", nullptr}});
    ASSERT_EQ(unlinked.status, 200) << unlinked.body;
    EXPECT_EQ(stats("binzhou", "610482")["employers_unionized"], 0);
    // No employers anywhere under an org: no denominator, no rate.
    EXPECT_TRUE(stats("binzhou", std::to_string(union_id))["unionization_rate"].is_null());
}

}  // namespace
