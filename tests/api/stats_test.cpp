// GET /api/v1/orgs/{id}/stats: unions (every org but federations) and active members of a
// subtree, by id or division code, scoped like every org read.
#include <set>

#include "core/cn/credit_code.h"
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
                        const char* first17, bool gig, json extra = json::object()) {
        json body = {{"org_id", org},
                     {"name", name},
                     {"id_number", gh::cn::make_id_number(first17)},
                     {"new_form", gig}};
        body.update(extra);
        auto r = world_->ready(user).send("POST", "/api/v1/members", body);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json()["id"];
    }
};
IdentityWorld* Stats::world_ = nullptr;

// The growth entry of `month` ('YYYY-MM'); fails the test when the month is missing.
json month_of(const json& stats, const std::string& month) {
    for (const auto& m : stats["growth"]) {
        if (m["month"] == month) return m;
    }
    ADD_FAILURE() << "no month " << month << " in " << stats["growth"].dump();
    return json{{"joined", -1}, {"departed", -1}};
}

int64_t occupation_count(const json& stats, const std::string& occupation) {
    for (const auto& o : stats["members_by_occupation"]) {
        if (o["occupation"] == occupation) return o["members"];
    }
    return 0;
}

std::string this_month() {
    const auto d = gh::cn::today_in_china();
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()));
    return buf;
}

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

TEST_F(Stats, GrowthByMonthAndOccupationComeFromTheJoinsAndEndings) {
    const int64_t station =
        add_union("qianxian", "乾县总工会", "乾县城关快递驿站工会", "grassroots_union");
    auto before = stats("qianxian", "610424");
    ASSERT_EQ(before["growth"].size(), 24u);  // the default window, oldest first, every month
    EXPECT_EQ(before["growth"].back()["month"], this_month());
    const int64_t jan_before = month_of(before, "2026-01")["joined"];
    const int64_t couriers_before = occupation_count(before, "courier");

    join("qianxian", station, "孙丽", "61042419900101444", true,
         {{"joined_on", "2026-01-10"}, {"occupation", "快递员"}});
    const int64_t rider = join("qianxian", station, "周杰", "61042419910202555", true,
                               {{"joined_on", "2026-01-20"}, {"occupation", "快递员"}});
    auto after = stats("qianxian", "610424");
    EXPECT_EQ(month_of(after, "2026-01")["joined"], jan_before + 2);
    EXPECT_EQ(occupation_count(after, "courier"), couriers_before + 2);
    auto own = stats("qianxian", std::to_string(station));
    EXPECT_EQ(own["members"], 2);
    EXPECT_EQ(own["gig_members"], 2);
    EXPECT_EQ(month_of(own, "2026-01")["net"], 2);

    auto left = world_->ready("qianxian")
                    .send("POST", "/api/v1/members/" + std::to_string(rider) + "/status",
                          {{"status", "left"}, {"reason", "离开本县"}});
    ASSERT_EQ(left.status, 200) << left.body;
    auto later = stats("qianxian", std::to_string(station));
    EXPECT_EQ(later["members"], 1);
    EXPECT_EQ(month_of(later, this_month())["departed"], 1);
    EXPECT_EQ(occupation_count(later, "courier"), 1);

    auto narrow = world_->ready("qianxian").get("/api/v1/orgs/610424/stats?months=3");
    ASSERT_EQ(narrow.status, 200) << narrow.body;
    EXPECT_EQ(narrow.json()["growth"].size(), 3u);
    auto bad = world_->ready("qianxian").get("/api/v1/orgs/610424/stats?months=0");
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(bad.json()["error"]["field"], "months");
}

TEST_F(Stats, ATransferInsideTheCountyMovesCountsButNotTheCountysGrowth) {
    const int64_t from =
        add_union("qianxian", "乾县总工会", "乾县第一运输队工会", "grassroots_union");
    const int64_t to = add_union("qianxian", "乾县总工会", "乾县货车司机工会", "grassroots_union");
    const int64_t driver =
        join("qianxian", from, "吴刚", "61042419800303666", true, {{"occupation", "货车司机"}});
    auto county_before = stats("qianxian", "610424");
    auto t = world_->ready("qianxian")
                 .send("POST", "/api/v1/members/" + std::to_string(driver) + "/transfers",
                       {{"to_org_id", to}, {"reason", "调入货车司机工会"}});
    ASSERT_EQ(t.status, 201) << t.body;
    const int64_t tid = t.json()["id"];
    auto ok =
        world_->ready("qianxian")
            .send("POST", "/api/v1/transfers/" + std::to_string(tid) + "/accept", json::object());
    ASSERT_EQ(ok.status, 200) << ok.body;

    auto county = stats("qianxian", "610424");
    EXPECT_EQ(county["members"], county_before["members"]);
    EXPECT_EQ(month_of(county, this_month()), month_of(county_before, this_month()));
    auto old_home = stats("qianxian", std::to_string(from));
    auto new_home = stats("qianxian", std::to_string(to));
    EXPECT_EQ(old_home["members"], 0);
    EXPECT_EQ(new_home["members"], 1);
    EXPECT_EQ(month_of(old_home, this_month())["departed"], 1);
    EXPECT_EQ(month_of(new_home, this_month())["joined"], 1);
}

TEST_F(Stats, TheFiguresFollowAMovedSubtreeAndAMergedUnion) {
    auto& q = world_->ready("qianxian");
    const int64_t east = add_union("qianxian", "乾县总工会", "乾县东片乡镇工会", "township_union");
    const int64_t west = add_union("qianxian", "乾县总工会", "乾县西片乡镇工会", "township_union");
    json body = {{"name", "乾县东片砖厂工会"}, {"type", "grassroots_union"}, {"parent_id", east}};
    auto created = q.send("POST", "/api/v1/orgs", body);
    ASSERT_EQ(created.status, 201) << created.body;
    const int64_t plant = created.json()["id"];
    join("qianxian", plant, "蒋华", "61042419700707123", false, {{"occupation", "工人"}});
    join("qianxian", plant, "沈梅", "61042419750808234", true, {{"occupation", "快递员"}});
    const auto county_before = stats("qianxian", "610424");
    ASSERT_EQ(stats("qianxian", std::to_string(east))["members"], 2);

    auto moved =
        q.send("POST", "/api/v1/orgs/" + std::to_string(plant) + "/move", {{"parent_id", west}});
    ASSERT_EQ(moved.status, 200) << moved.body;
    EXPECT_EQ(stats("qianxian", std::to_string(east))["members"], 0);
    auto w = stats("qianxian", std::to_string(west));
    EXPECT_EQ(w["members"], 2);
    EXPECT_EQ(w["gig_members"], 1);
    EXPECT_EQ(occupation_count(w, "courier"), 1);
    EXPECT_EQ(stats("qianxian", std::to_string(plant))["members"], 2);
    auto county = stats("qianxian", "610424");
    EXPECT_EQ(county["members"], county_before["members"]);
    EXPECT_EQ(county["growth"], county_before["growth"]);

    // Merged into a union of the other township: its members count there now.
    body = {{"name", "乾县东片预制厂工会"}, {"type", "grassroots_union"}, {"parent_id", east}};
    auto target = q.send("POST", "/api/v1/orgs", body);
    ASSERT_EQ(target.status, 201) << target.body;
    const int64_t into = target.json()["id"];
    auto merged =
        q.send("POST", "/api/v1/orgs/" + std::to_string(plant) + "/merge", {{"into_id", into}});
    ASSERT_EQ(merged.status, 200) << merged.body;
    EXPECT_EQ(stats("qianxian", std::to_string(into))["members"], 2);
    EXPECT_EQ(stats("qianxian", std::to_string(east))["members"], 2);
    EXPECT_EQ(stats("qianxian", std::to_string(west))["members"], 0);
    EXPECT_EQ(stats("qianxian", "610424")["members"], county_before["members"]);
}

// The member list pages a subtree in (org path, id) order: members of three unions created
// interleaved come back each exactly once, and the total without filters (from the rollups)
// matches both the rows paged and the total the same list counts with a filter.
TEST_F(Stats, MemberPagesCoverASubtreeOnceAndTheTotalsAgree) {
    auto& q = world_->ready("binzhou");
    const int64_t town =
        add_union("binzhou", "彬州市总工会", "彬州市北极镇总工会", "township_union");
    std::vector<int64_t> unions;
    for (const char* name :
         {"彬州市北极镇一厂工会", "彬州市北极镇二厂工会", "彬州市北极镇三厂工会"}) {
        json body = {{"name", name}, {"type", "grassroots_union"}, {"parent_id", town}};
        auto r = q.send("POST", "/api/v1/orgs", body);
        ASSERT_EQ(r.status, 201) << r.body;
        unions.push_back(r.json()["id"]);
    }
    const char* people[] = {"61048219800101011", "61048219800102012", "61048219800103013",
                            "61048219800104014", "61048219800105015", "61048219800106016",
                            "61048219800107017"};
    std::set<int64_t> created;
    for (size_t i = 0; i < std::size(people); ++i) {
        created.insert(join("binzhou", unions[i % unions.size()], "北极" + gh::test::cn_numeral(i),
                            people[i], i % 2 == 0));
    }
    const int64_t left = *created.begin();
    ASSERT_EQ(q.send("POST", "/api/v1/members/" + std::to_string(left) + "/status",
                     {{"status", "left"}, {"reason", "退休"}})
                  .status,
              200);

    const std::string base = "/api/v1/members?org=" + std::to_string(town) + "&limit=2";
    std::set<int64_t> seen;
    std::string cursor;
    int64_t total = -1;
    for (int page = 0; page < 10; ++page) {
        auto r = q.get(base + (cursor.empty() ? "" : "&cursor=" + cursor));
        ASSERT_EQ(r.status, 200) << r.body;
        const json body = r.json();
        total = body["total"];
        EXPECT_FALSE(body["total_capped"].get<bool>());
        for (const auto& m : body["items"]) EXPECT_TRUE(seen.insert(m["id"].get<int64_t>()).second);
        if (body["next_cursor"].is_null()) break;
        cursor = body["next_cursor"].get<std::string>();
    }
    EXPECT_EQ(seen, created);  // every status, each once
    EXPECT_EQ(total, static_cast<int64_t>(created.size()));
    auto active = q.get(base + "&status=active");
    ASSERT_EQ(active.status, 200) << active.body;
    EXPECT_EQ(active.json()["total"], static_cast<int64_t>(created.size()) - 1);
    EXPECT_EQ(stats("binzhou", std::to_string(town))["members"],
              static_cast<int64_t>(created.size()) - 1);
    EXPECT_EQ(q.get(base + "&cursor=99999999").status, 422);
}

TEST_F(Stats, ADissolvedUnionTakesNoNewMembersByHandOrByImport) {
    auto& q = world_->ready("qianxian");
    const int64_t gone =
        add_union("qianxian", "乾县总工会", "乾县已撤销砂石厂工会", "grassroots_union");
    auto dissolved =
        q.send("POST", "/api/v1/orgs/" + std::to_string(gone) + "/dissolve", json::object());
    ASSERT_EQ(dissolved.status, 200) << dissolved.body;
    json body = {{"org_id", gone},
                 {"name", "韩梅"},
                 {"id_number", gh::cn::make_id_number("61042419820202345")}};
    auto r = q.send("POST", "/api/v1/members", body);
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(r.json()["error"]["code"], "member.org_inactive");
    const std::string csv =
        "姓名,身份证号\n韩梅," + gh::cn::make_id_number("61042419820202345") + "\n";
    auto imported = q.client().request(
        "POST", "/api/v1/members/import?org=" + std::to_string(gone) + "&mode=good-rows", csv,
        {{"Cookie", q.cookie()},
         {"X-CSRF-Token", q.csrf()},
         {"Content-Type", "application/octet-stream"}});
    EXPECT_EQ(imported.status, 422) << imported.body;
    EXPECT_EQ(imported.json()["error"]["code"], "member.org_inactive");
}

TEST_F(Stats, MembershipRateIsMembersOfUnionizedEmployersOverTheirStaff) {
    const int64_t county = world_->org_id("binzhou", "彬州市总工会");
    const int64_t plant =
        add_union("binzhou", "彬州市总工会", "彬州市水泥厂工会", "grassroots_union");
    auto employer = world_->ready("binzhou").send(
        "POST", "/api/v1/employers",
        {{"org_id", county},
         {"name", "彬州市水泥厂"},
         {"credit_code", gh::cn::make_credit_code("91610482MA6TX0077")},
         {"staff_size", 8}});
    ASSERT_EQ(employer.status, 201) << employer.body;
    const int64_t eid = employer.json()["id"];
    auto linked = world_->ready("binzhou").send(
        "PUT", "/api/v1/employers/" + std::to_string(eid) + "/union", {{"union_org_id", plant}});
    ASSERT_EQ(linked.status, 200) << linked.body;
    join("binzhou", plant, "郑敏", "61048219880808777", false);
    join("binzhou", plant, "冯涛", "61048219890909888", false);

    auto s = stats("binzhou", std::to_string(county));
    EXPECT_GE(s["unionized_staff"].get<int64_t>(), 8);
    EXPECT_GE(s["members_in_unionized_employers"].get<int64_t>(), 2);
    const double expected =
        static_cast<double>(s["members_in_unionized_employers"].get<int64_t>()) /
        static_cast<double>(s["unionized_staff"].get<int64_t>());
    EXPECT_NEAR(s["membership_rate"].get<double>(), expected, 0.0001);
    EXPECT_FALSE(s["formulas"]["membership_rate"].get<std::string>().empty());
    auto own = stats("binzhou", std::to_string(plant));
    EXPECT_EQ(own["unions_by_type"]["grassroots_union"], 1);
}

}  // namespace
