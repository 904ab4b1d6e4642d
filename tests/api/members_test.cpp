// The real-name member registry: ID numbers validated and never shown or stored in clear, one
// active membership per person nationwide (also under concurrent requests), reads scoped.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "core/cn/id_number.h"
#include "identity_world.h"

using namespace gh::test;
using nlohmann::json;

namespace {

const std::string kPhone = "13912345678";

std::string person(const char* first17) { return gh::cn::make_id_number(first17); }

class Members : public ::testing::Test {
protected:
    static void SetUpTestSuite() { world_ = new IdentityWorld(); }
    static void TearDownTestSuite() { delete world_; }
    static IdentityWorld* world_;

    static int64_t org_id(const std::string& user, const std::string& name) {
        return world_->org_id(user, name);
    }
    static HttpResponse create(const std::string& user, const std::string& org,
                               const std::string& name, const std::string& id_number,
                               json extra = json::object()) {
        extra["org_id"] = org_id(user, org);
        extra["name"] = name;
        extra["id_number"] = id_number;
        return world_->ready(user).send("POST", "/api/v1/members", extra);
    }
    // 张三 of 乾县, registered once for the whole suite.
    static const json& zhang() {
        static json m = [] {
            auto r = create(
                "qianxian", "乾县总工会", "张三", person("61042419900101123"),
                {{"phone", "+86 139-1234-5678"}, {"occupation", "快递员"}, {"new_form", true}});
            EXPECT_EQ(r.status, 201) << r.body;
            return r.json();
        }();
        return m;
    }
    static std::string path(const json& m, const std::string& query = "") {
        return "/api/v1/members/" + std::to_string(m["id"].get<int64_t>()) + query;
    }
};
IdentityWorld* Members::world_ = nullptr;

}  // namespace

TEST_F(Members, CreatedMemberIsMaskedAndRevealIsAudited) {
    const auto& m = zhang();
    const std::string id = person("61042419900101123");
    EXPECT_EQ(m["id_number"], id.substr(0, 6) + "********" + id.substr(14));
    EXPECT_EQ(m["phone"], "139****5678");
    EXPECT_EQ(m["birth_date"], "1990-01-01");
    EXPECT_EQ(m["gender"], "M");  // 17th digit 3 is odd
    EXPECT_EQ(m["status"], "active");
    EXPECT_EQ(m["new_form"], true);
    char card[32];
    std::snprintf(card, sizeof card, "GH%06lld%08lld",
                  static_cast<long long>(m["org_id"].get<int64_t>()),
                  static_cast<long long>(m["id"].get<int64_t>()));
    EXPECT_EQ(m["card_no"], card);

    auto& q = world_->ready("qianxian");
    auto plain = q.get(path(m));
    ASSERT_EQ(plain.status, 200) << plain.body;
    EXPECT_EQ(plain.json()["id_number"], m["id_number"]);
    auto shown = q.get(path(m, "?reveal=id_number"));
    ASSERT_EQ(shown.status, 200) << shown.body;
    EXPECT_EQ(shown.json()["id_number"], id);
    EXPECT_EQ(shown.json()["phone"], "139****5678");
    EXPECT_EQ(q.get(path(m, "?reveal=phone")).json()["phone"], kPhone);
    EXPECT_EQ(q.get(path(m, "?reveal=everything")).status, 422);

    auto log = world_->ready("auditadm").get("/api/v1/audit?action=pii.reveal").json();
    int reveals = 0;
    for (auto& e : log["items"]) {
        if (e["entity_id"] == std::to_string(m["id"].get<int64_t>()) &&
            e["actor_name"] == "qianxian") {
            ++reveals;
        }
    }
    EXPECT_EQ(reveals, 2);
}

TEST_F(Members, BadIdNumbersAnswer422WithTheirRule) {
    std::string wrong = person("61042419900101123");
    wrong.back() = wrong.back() == '0' ? '1' : '0';
    auto r = create("qianxian", "乾县总工会", "李四", wrong);
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(r.json()["error"]["code"], "id_number.checksum");
    EXPECT_EQ(r.json()["error"]["field"], "id_number");
    auto excel = create("qianxian", "乾县总工会", "李四", "6.10424E+17");
    ASSERT_EQ(excel.status, 422) << excel.body;
    EXPECT_EQ(excel.json()["error"]["code"], "id_number.excel_scientific");
    EXPECT_EQ(create("qianxian", "乾县总工会", "", person("61042419900101220")).status, 422);
    auto phone =
        create("qianxian", "乾县总工会", "李四", person("61042419900101220"), {{"phone", "12345"}});
    EXPECT_EQ(phone.status, 422);
    EXPECT_EQ(phone.json()["error"]["field"], "phone");
    json body = {{"org_id", org_id("binzhou", "彬州市总工会")},
                 {"name", "王五"},
                 {"id_number", person("61042419800202331")}};
    auto neighbour = world_->ready("qianxian").send("POST", "/api/v1/members", body);
    EXPECT_EQ(neighbour.status, 422);
    EXPECT_EQ(neighbour.json()["error"]["field"], "org_id");
}

TEST_F(Members, SamePersonElsewhereIs409WithoutSayingWhere) {
    zhang();
    auto r = create("binzhou", "彬州市总工会", "张三", person("61042419900101123"));
    ASSERT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(r.json()["error"]["code"], "member.already_active");
    EXPECT_EQ(r.body.find("乾县"), std::string::npos) << r.body;
    // The city sees both counties, so it is told where.
    auto city = create("xianyang", "彬州市总工会", "张三", person("61042419900101123"));
    ASSERT_EQ(city.status, 409) << city.body;
    EXPECT_NE(city.body.find("乾县总工会"), std::string::npos) << city.body;
}

TEST_F(Members, ConcurrentCreatesOfOnePersonLetExactlyOneIn) {
    auto& q = world_->ready("qianxian");
    json body = {{"org_id", org_id("qianxian", "乾县总工会")},
                 {"name", "赵六"},
                 {"id_number", person("61042419950505456")}};
    std::vector<int> statuses(8);
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back([&, i] {
            HttpClient c(world_->port());
            statuses[i] = c.request("POST", "/api/v1/members", body.dump(),
                                    {{"Cookie", q.cookie()},
                                     {"X-CSRF-Token", q.csrf()},
                                     {"Content-Type", "application/json"}})
                              .status;
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 201), 1);
    EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 409), 7);
}

TEST_F(Members, NeighbourCannotSeeAMemberTheCityCan) {
    const auto& m = zhang();
    auto& b = world_->ready("binzhou");
    EXPECT_EQ(b.get(path(m)).status, 404);
    EXPECT_EQ(b.get(path(m, "?reveal=id_number")).status, 404);
    auto missing = b.get("/api/v1/members/999999").json()["error"];
    auto hidden = b.get(path(m)).json()["error"];
    EXPECT_EQ(missing["code"], hidden["code"]);
    EXPECT_EQ(missing["message"], hidden["message"]);
    auto neighbours = b.get("/api/v1/members?limit=500").json();
    EXPECT_EQ(neighbours["total"], 0);
    for (auto& item : neighbours["items"]) {
        EXPECT_NE(item["id"], m["id"]);
    }
    auto& x = world_->ready("xianyang");
    EXPECT_EQ(x.get(path(m)).status, 200);
    bool seen = false;
    auto listed = x.get("/api/v1/members?limit=500");
    ASSERT_EQ(listed.status, 200) << listed.body;
    auto listed_json = listed.json();
    for (auto& item : listed_json["items"]) {
        seen |= item["id"] == m["id"];
    }
    EXPECT_TRUE(seen);
    // ?org= takes an org id or a federation's division code, within the scope only.
    auto by_code = x.get("/api/v1/members?org=610424&limit=500");
    ASSERT_EQ(by_code.status, 200) << by_code.body;
    auto by_code_json = by_code.json();
    bool in_county = false;
    for (auto& item : by_code_json["items"]) in_county |= item["id"] == m["id"];
    EXPECT_TRUE(in_county);
    EXPECT_EQ(x.get("/api/v1/members?org=610482&limit=500").json()["total"], 0);
    EXPECT_EQ(b.get("/api/v1/members?org=610424").status, 404);
}

TEST_F(Members, SearchByNamePrefixIdNumberPhoneAndCard) {
    const auto& m = zhang();
    auto& q = world_->ready("qianxian");
    auto only_zhang = [&](const std::string& query) {
        auto r = q.get("/api/v1/members?q=" + query);
        EXPECT_EQ(r.status, 200) << r.body;
        auto j = r.json();
        EXPECT_EQ(j["total"], 1) << query << ": " << r.body;
        ASSERT_EQ(j["items"].size(), 1u) << query;
        EXPECT_EQ(j["items"][0]["id"], m["id"]);
    };
    only_zhang("%E5%BC%A0");  // 张
    only_zhang(person("61042419900101123"));
    only_zhang(kPhone);
    only_zhang(m["card_no"].get<std::string>());
    EXPECT_EQ(q.get("/api/v1/members?q=%E6%AC%A7").json()["total"], 0);  // 欧
    auto first = q.get("/api/v1/members?limit=1").json();
    ASSERT_FALSE(first["next_cursor"].is_null());
    auto second =
        q.get("/api/v1/members?limit=1&cursor=" + first["next_cursor"].get<std::string>()).json();
    ASSERT_EQ(second["items"].size(), 1u);
    EXPECT_GT(second["items"][0]["id"], first["items"][0]["id"]);
    EXPECT_EQ(world_->ready("binzhou").get("/api/v1/members?q=" + kPhone).json()["total"], 0);
}

TEST_F(Members, NoIdNumberOrPhoneInClearInTheDatabaseFileOrTheLog) {
    zhang();
    const std::string id = person("61042419900101123");
    if (world_->db.backend() == gh::db::Backend::sqlite) {
        auto c = gh::db::connect(gh::db::parse_url(world_->db.url()));
        c->query("PRAGMA wal_checkpoint(TRUNCATE)");
        const std::string file = gh::db::parse_url(world_->db.url()).target;
        for (const auto& f : {file, file + "-wal"}) {
            if (!std::filesystem::exists(f)) continue;
            std::ifstream in(f, std::ios::binary);
            std::string bytes((std::istreambuf_iterator<char>(in)), {});
            EXPECT_EQ(bytes.find(id), std::string::npos) << f;
            EXPECT_EQ(bytes.find(kPhone), std::string::npos) << f;
            EXPECT_EQ(bytes.find("6104241990"), std::string::npos) << f;
        }
    }
    const std::string log = world_->server->log();
    EXPECT_EQ(log.find(id), std::string::npos);
    EXPECT_EQ(log.find(kPhone), std::string::npos);
}
