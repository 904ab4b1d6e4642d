// The union tree (issue #5 item 1) over HTTP: an org's own record and its rules, moving a
// subtree (scopes and the path copies of members and accounts follow), merging, dissolving,
// honours, the tree API and the workers' union picker.
#include <chrono>
#include <regex>
#include <thread>

#include "core/cn/credit_code.h"
#include "core/cn/id_number.h"
#include "identity_world.h"

using namespace gh::test;
using nlohmann::json;

namespace {

class OrgTree : public ::testing::Test {
protected:
    static void SetUpTestSuite() { world_ = new IdentityWorld(); }
    static void TearDownTestSuite() { delete world_; }
    static IdentityWorld* world_;

    static StaffSession& as(const std::string& user) { return world_->ready(user); }
    static int64_t fed(const std::string& user, const std::string& name) {
        return world_->org_id(user, name);
    }
    static int64_t create(const std::string& user, const std::string& name, const std::string& type,
                          int64_t parent) {
        auto r = as(user).send("POST", "/api/v1/orgs",
                               {{"name", name}, {"type", type}, {"parent_id", parent}});
        EXPECT_EQ(r.status, 201) << r.body;
        return r.status == 201 ? r.json()["id"].get<int64_t>() : 0;
    }
    static std::string org(int64_t id, const std::string& rest = "") {
        return "/api/v1/orgs/" + std::to_string(id) + rest;
    }
    static int64_t member(const std::string& user, int64_t org_id, const std::string& name,
                          const char* first17) {
        auto r = as(user).send(
            "POST", "/api/v1/members",
            {{"org_id", org_id}, {"name", name}, {"id_number", gh::cn::make_id_number(first17)}});
        EXPECT_EQ(r.status, 201) << r.body;
        return r.status == 201 ? r.json()["id"].get<int64_t>() : 0;
    }
    static std::string code(const HttpResponse& r) { return r.json()["error"]["code"]; }
};
IdentityWorld* OrgTree::world_ = nullptr;

TEST_F(OrgTree, FieldsAreCheckedEditedAndAudited) {
    const int64_t id =
        create("qianxian", "乾县城关中学工会", "grassroots_union", fed("qianxian", "乾县总工会"));
    auto put = [&](const json& body) { return as("qianxian").send("PUT", org(id), body); };

    std::string bad = gh::cn::make_credit_code("81610424MA6TX0101");
    bad.back() = bad.back() == '0' ? '1' : '0';
    auto r = put({{"credit_code", bad}});
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(code(r), "credit_code.checksum");
    EXPECT_EQ(r.json()["error"]["field"], "credit_code");

    r = put({{"credit_code", gh::cn::make_credit_code("91610424MA6TX0102")}});
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(code(r), "org.credit_code_not_union");

    r = put({{"lat", 34.52}});
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(code(r), "org.coordinates_pair");
    r = put({{"lat", 10.0}, {"lng", 10.0}});
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(code(r), "org.coordinates_area");
    r = put({{"lat", 95.0}, {"lng", 108.2}});
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(code(r), "org.lat");
    r = put({{"lat", "34.5"}, {"lng", 108.2}});
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(code(r), "field.type");
    EXPECT_EQ(r.json()["error"]["field"], "lat");
    r = put({{"industry", "Z"}});
    EXPECT_EQ(code(r), "org.industry");
    r = put({{"founded_on", "2099-01-01"}});
    EXPECT_EQ(code(r), "org.founded_on_future");
    r = put({{"founded_on", "2021-02-30"}});
    EXPECT_EQ(code(r), "org.founded_on");

    const std::string good = gh::cn::make_credit_code("81610424MA6TX0103");
    r = put({{"credit_code", good},
             {"industry", "P"},
             {"address", "乾县城关街道"},
             {"lat", 34.527},
             {"lng", 108.239},
             {"chair_name", "王主席"},
             {"founded_on", "2015-05-01"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["credit_code"], good);
    EXPECT_EQ(r.json()["industry"], "P");
    EXPECT_EQ(r.json()["status"], "active");
    EXPECT_DOUBLE_EQ(r.json()["lat"].get<double>(), 34.527);
    auto got = as("qianxian").get(org(id)).json();
    EXPECT_EQ(got["chair_name"], "王主席");
    EXPECT_EQ(got["founded_on"], "2015-05-01");

    // The same code on a second union is taken.
    const int64_t other =
        create("qianxian", "乾县城关小学工会", "grassroots_union", fed("qianxian", "乾县总工会"));
    auto dup = as("qianxian").send("PUT", org(other), {{"credit_code", good}});
    ASSERT_EQ(dup.status, 409) << dup.body;
    EXPECT_EQ(code(dup), "org.credit_code_taken");

    // A neighbour cannot edit it; the audit row carries allow-listed values only.
    EXPECT_EQ(as("binzhou").send("PUT", org(id), {{"name", "x"}}).status, 404);
    auto audit =
        as("auditadm").get("/api/v1/audit?action=org.update&entity_id=" + std::to_string(id));
    ASSERT_EQ(audit.status, 200) << audit.body;
    ASSERT_EQ(audit.json()["items"].size(), 1u) << audit.body;
    const json detail = audit.json()["items"][0]["detail"];
    EXPECT_EQ(detail["credit_code"], good);
    EXPECT_FALSE(detail.contains("chair_name")) << detail;
    EXPECT_NE(detail["fields"].dump().find("chair_name"), std::string::npos) << detail;
}

TEST_F(OrgTree, MovingASubtreeMovesScopesAndPathCopies) {
    const int64_t qian = fed("qianxian", "乾县总工会");
    const int64_t bin = fed("binzhou", "彬州市总工会");
    const int64_t town = create("qianxian", "乾县阳洪镇工会", "township_union", qian);
    const int64_t plant = create("qianxian", "阳洪水泥厂工会", "grassroots_union", town);
    const int64_t m = member("qianxian", plant, "李移", "61042419880808001");
    world_->add("yanghong", std::to_string(town), {"union_cadre"});
    // A member of the moving union on the way out to the county federation (pending transfer).
    const int64_t leaving = member("qianxian", plant, "周转", "61042419890909005");
    auto transfer = as("qianxian")
                        .send("POST", "/api/v1/members/" + std::to_string(leaving) + "/transfers",
                              {{"to_org_id", qian}, {"reason", "调动"}});
    ASSERT_EQ(transfer.status, 201) << transfer.body;
    const int64_t transfer_id = transfer.json()["id"];
    const auto outgoing = [&](const std::string& user) {
        const json page = as(user).get("/api/v1/transfers?direction=outgoing").json();
        for (const auto& t : page["items"]) {
            if (t["id"] == transfer_id) return true;
        }
        return false;
    };
    EXPECT_TRUE(outgoing("qianxian"));
    auto employer = as("qianxian")
                        .send("POST", "/api/v1/employers",
                              {{"org_id", town},
                               {"name", "阳洪水泥厂"},
                               {"credit_code", gh::cn::make_credit_code("91610424MA6TX0201")},
                               {"staff_size", 50},
                               {"union_org_id", plant}});
    ASSERT_EQ(employer.status, 201) << employer.body;
    const std::string employer_path =
        "/api/v1/employers/" + std::to_string(employer.json()["id"].get<int64_t>());

    // Not into its own subtree; not by a cadre who cannot reach the new parent; a federation
    // keyed by a division code stays under its division's parent.
    auto self = as("xianyang").send("POST", org(town, "/move"), {{"parent_id", plant}});
    ASSERT_EQ(self.status, 422) << self.body;
    EXPECT_EQ(code(self), "org.move_into_self");
    auto away = as("qianxian").send("POST", org(town, "/move"), {{"parent_id", bin}});
    ASSERT_EQ(away.status, 422) << away.body;
    EXPECT_EQ(away.json()["error"]["field"], "parent_id");
    auto keyed = as("xianyang").send("POST", org(qian, "/move"), {{"parent_id", bin}});
    ASSERT_EQ(keyed.status, 422) << keyed.body;
    EXPECT_EQ(code(keyed), "org.division_parent");

    auto moved = as("xianyang").send("POST", org(town, "/move"), {{"parent_id", bin}});
    ASSERT_EQ(moved.status, 200) << moved.body;
    EXPECT_EQ(moved.json()["parent_id"], bin);

    // The old parent's cadre no longer sees the subtree or its member; the new one does.
    EXPECT_EQ(as("qianxian").get(org(town)).status, 404);
    EXPECT_EQ(as("qianxian").get(org(plant)).status, 404);
    EXPECT_EQ(as("qianxian").get("/api/v1/members/" + std::to_string(m)).status, 404);
    EXPECT_EQ(as("binzhou").get(org(plant)).status, 200);
    auto found = as("binzhou").get("/api/v1/members?org=" + std::to_string(bin));
    ASSERT_EQ(found.status, 200) << found.body;
    bool seen = false;
    const json listed = found.json();
    for (const auto& it : listed["items"]) seen |= it["id"] == m;
    EXPECT_TRUE(seen) << found.body;
    EXPECT_EQ(as("qianxian").get(employer_path).status, 404);
    EXPECT_EQ(as("binzhou").get(employer_path).status, 200);
    // The pending transfer's giving side moved with the union (member_transfers.from_path).
    EXPECT_FALSE(outgoing("qianxian"));
    EXPECT_TRUE(outgoing("binzhou"));
    // The cadre whose account belongs to the moved union keeps exactly that subtree.
    EXPECT_EQ(as("yanghong").get(org(plant)).status, 200);
    EXPECT_EQ(as("yanghong").get(org(bin)).status, 404);
    EXPECT_EQ(as("yanghong").get("/api/v1/members/" + std::to_string(m)).status, 200);

    auto audit =
        as("auditadm").get("/api/v1/audit?action=org.move&entity_id=" + std::to_string(town));
    ASSERT_EQ(audit.json()["items"].size(), 1u) << audit.body;
}

TEST_F(OrgTree, MergeMovesChildrenAndMembers) {
    const int64_t qian = fed("qianxian", "乾县总工会");
    const int64_t keep = create("qianxian", "乾县物流园工会", "grassroots_union", qian);
    const int64_t gone = create("qianxian", "乾县快递站工会", "grassroots_union", qian);
    const int64_t group = create("qianxian", "快递站第一工会小组", "union_group", gone);
    const int64_t m = member("qianxian", gone, "赵合", "61042419900909002");
    const int64_t deep = member("qianxian", group, "钱小组", "61042419910101003");

    auto self = as("qianxian").send("POST", org(gone, "/merge"), {{"into_id", group}});
    ASSERT_EQ(self.status, 422) << self.body;
    EXPECT_EQ(code(self), "org.merge_into_self");

    auto r = as("qianxian").send("POST", org(gone, "/merge"), {{"into_id", keep}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["status"], "merged");
    EXPECT_EQ(r.json()["merged_into"], keep);
    EXPECT_EQ(as("qianxian").get(org(group)).json()["parent_id"], keep);
    auto moved = as("qianxian").get("/api/v1/members/" + std::to_string(m)).json();
    EXPECT_EQ(moved["org_id"], keep);
    auto history = as("qianxian").get("/api/v1/members/" + std::to_string(m) + "/history");
    ASSERT_EQ(history.status, 200) << history.body;
    EXPECT_EQ(history.json()["items"].back()["reason"], "组织合并") << history.body;
    auto under = as("qianxian").get("/api/v1/members?org=" + std::to_string(keep)).json();
    EXPECT_EQ(under["total"], 2) << under;
    (void)deep;

    auto again = as("qianxian").send("POST", org(gone, "/merge"), {{"into_id", keep}});
    EXPECT_EQ(again.status, 409) << again.body;
    auto audit =
        as("auditadm").get("/api/v1/audit?action=org.merge&entity_id=" + std::to_string(gone));
    ASSERT_EQ(audit.json()["items"].size(), 1u) << audit.body;
    EXPECT_EQ(audit.json()["items"][0]["detail"]["into_id"], keep);
}

TEST_F(OrgTree, DissolveOnlyWhenEmptyOrWithATransfer) {
    const int64_t bin = fed("binzhou", "彬州市总工会");
    const int64_t parent = create("binzhou", "彬州北极镇工会", "township_union", bin);
    const int64_t child = create("binzhou", "北极砖厂工会", "grassroots_union", parent);
    const int64_t full = create("binzhou", "北极煤矿工会", "grassroots_union", bin);
    const int64_t m = member("binzhou", full, "孙散", "61048219870707004");
    const auto unions = [&] {
        return as("binzhou").get("/api/v1/orgs/" + std::to_string(bin) + "/stats").json()["unions"];
    };
    const auto before = unions();

    auto r = as("binzhou").send("POST", org(parent, "/dissolve"));
    ASSERT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(code(r), "org.has_children");
    r = as("binzhou").send("POST", org(full, "/dissolve"));
    ASSERT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(code(r), "org.has_members");

    r = as("binzhou").send("POST", org(full, "/dissolve"), {{"transfer_to", child}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["status"], "dissolved");
    EXPECT_EQ(as("binzhou").get("/api/v1/members/" + std::to_string(m)).json()["org_id"], child);
    EXPECT_EQ(unions(), before.get<int64_t>() - 1);  // dissolved unions are not counted
    auto audit =
        as("auditadm").get("/api/v1/audit?action=org.dissolve&entity_id=" + std::to_string(full));
    ASSERT_EQ(audit.json()["items"].size(), 1u) << audit.body;
    EXPECT_EQ(audit.json()["items"][0]["detail"]["transfer_to"], child);

    EXPECT_EQ(as("binzhou").send("POST", org(child, "/dissolve")).status, 409);
    EXPECT_EQ(as("qianxian").send("POST", org(parent, "/dissolve")).status, 404);
    // Nothing can be created under a dissolved org.
    const int64_t empty = create("binzhou", "北极瓦厂工会", "grassroots_union", bin);
    ASSERT_EQ(as("binzhou").send("POST", org(empty, "/dissolve")).status, 200);
    auto under =
        as("binzhou").send("POST", "/api/v1/orgs",
                           {{"name", "瓦厂小组"}, {"type", "union_group"}, {"parent_id", empty}});
    EXPECT_EQ(under.status, 422) << under.body;
}

TEST_F(OrgTree, Honours) {
    const int64_t id = create("binzhou", "彬州模范职工之家工会", "grassroots_union",
                              fed("binzhou", "彬州市总工会"));
    auto bad = as("binzhou").send("POST", org(id, "/honours"),
                                  {{"title", "模范职工之家"}, {"year", 1800}});
    ASSERT_EQ(bad.status, 422) << bad.body;
    EXPECT_EQ(code(bad), "org.honour_year");
    auto add = as("binzhou").send(
        "POST", org(id, "/honours"),
        {{"title", "全国模范职工之家"}, {"year", 2023}, {"granted_by", "中华全国总工会"}});
    ASSERT_EQ(add.status, 201) << add.body;
    const int64_t hid = add.json()["id"];
    auto list = as("binzhou").get(org(id, "/honours"));
    ASSERT_EQ(list.json()["items"].size(), 1u) << list.body;
    EXPECT_EQ(list.json()["items"][0]["granted_by"], "中华全国总工会");
    EXPECT_EQ(as("qianxian").get(org(id, "/honours")).status, 404);
    const std::string one = org(id, "/honours/" + std::to_string(hid));
    EXPECT_EQ(as("qianxian").send("DELETE", one).status, 404);
    EXPECT_EQ(as("binzhou").send("DELETE", one).status, 200);
    EXPECT_EQ(as("binzhou").send("DELETE", one).status, 404);
    EXPECT_TRUE(as("binzhou").get(org(id, "/honours")).json()["items"].empty());
}

TEST_F(OrgTree, TreeShapeDepthAndSearch) {
    const int64_t town =
        create("qianxian", "树测试镇工会", "township_union", fed("qianxian", "乾县总工会"));
    const int64_t a = create("qianxian", "树测试甲厂工会", "grassroots_union", town);
    const int64_t b = create("qianxian", "树测试乙厂工会", "grassroots_union", town);
    const int64_t g = create("qianxian", "树测试甲厂小组", "union_group", a);

    auto flat = as("qianxian").get("/api/v1/orgs/tree?root=" + std::to_string(town) + "&depth=1");
    ASSERT_EQ(flat.status, 200) << flat.body;
    auto items = flat.json()["items"];
    ASSERT_EQ(items.size(), 3u) << flat.body;
    EXPECT_EQ(items[0]["id"], town);
    EXPECT_EQ(items[0]["depth"], 0);
    EXPECT_EQ(items[0]["child_count"], 2);
    for (auto& it : items) {
        if (it["id"] == a) {
            EXPECT_EQ(it["child_count"], 1);  // counted, though not listed
        }
        if (it["id"] == b) {
            EXPECT_EQ(it["child_count"], 0);
        }
        EXPECT_NE(it["id"], g);
        EXPECT_TRUE(it.contains("parent_id") && it.contains("type") && it.contains("status"));
    }
    auto deeper =
        as("qianxian")
            .get("/api/v1/orgs/tree?root=" + std::to_string(town) + "&depth=2&format=nested");
    ASSERT_EQ(deeper.status, 200) << deeper.body;
    auto root = deeper.json()["root"];
    EXPECT_EQ(root["id"], town);
    ASSERT_EQ(root["children"].size(), 2u) << deeper.body;
    size_t grand = 0;
    for (auto& c : root["children"]) grand += c["children"].size();
    EXPECT_EQ(grand, 1u);
    EXPECT_EQ(deeper.json()["count"], 4);

    auto compact =
        as("qianxian")
            .get("/api/v1/orgs/tree?root=" + std::to_string(town) + "&depth=2&format=compact");
    ASSERT_EQ(compact.status, 200) << compact.body;
    const json cj = compact.json();
    EXPECT_EQ(cj["columns"][0], "id");
    EXPECT_EQ(cj["columns"][6], "child_count");
    ASSERT_EQ(cj["rows"].size(), 4u) << compact.body;
    EXPECT_EQ(cj["rows"][0][0], town);
    EXPECT_EQ(cj["rows"][0][6], 2);

    // A dissolved org leaves the default tree; include_inactive shows it.
    ASSERT_EQ(as("qianxian").send("POST", org(b, "/dissolve")).status, 200);
    auto after = as("qianxian").get("/api/v1/orgs/tree?root=" + std::to_string(town));
    EXPECT_EQ(after.json()["items"].size(), 2u) << after.body;
    auto all = as("qianxian")
                   .get("/api/v1/orgs/tree?root=" + std::to_string(town) + "&include_inactive=1");
    EXPECT_EQ(all.json()["items"].size(), 3u) << all.body;

    EXPECT_EQ(as("binzhou").get("/api/v1/orgs/tree?root=" + std::to_string(town)).status, 404);
    auto mine = as("binzhou").get("/api/v1/orgs/tree").json();
    EXPECT_EQ(mine["root_id"], fed("binzhou", "彬州市总工会"));
    EXPECT_EQ(as("qianxian").get("/api/v1/orgs/tree?depth=99").status, 400);

    // Name search: a substring, within the caller's scope only.
    const std::string q = "/api/v1/orgs?q=%E6%B5%8B%E8%AF%95%E7%94%B2";  // 测试甲
    auto hits = as("qianxian").get(q).json();
    EXPECT_EQ(hits["total"], 2) << hits;
    EXPECT_EQ(as("binzhou").get(q).json()["total"], 0);
}

TEST_F(OrgTree, WorkersPickTheNearestUnion) {
    const int64_t bin = fed("binzhou", "彬州市总工会");
    const int64_t far = create("binzhou", "测距远处快递工会", "grassroots_union", bin);
    const int64_t near = create("binzhou", "测距近处快递工会", "grassroots_union", bin);
    const int64_t none = create("binzhou", "测距无坐标工会", "grassroots_union", bin);
    const int64_t town = create("binzhou", "测距镇工会", "township_union", bin);
    ASSERT_EQ(as("binzhou").send("PUT", org(far), {{"lat", 35.20}, {"lng", 108.10}}).status, 200);
    ASSERT_EQ(as("binzhou")
                  .send("PUT", org(near), {{"lat", 35.05}, {"lng", 108.08}, {"industry", "G"}})
                  .status,
              200);
    ASSERT_EQ(as("binzhou").send("PUT", org(town), {{"lat", 35.04}, {"lng", 108.08}}).status, 200);

    // A worker signs in on a phone with a one-time code from the development log.
    const std::string phone = "13700001111";
    HttpClient c(world_->port());
    ASSERT_EQ(c.post_json("/api/v1/worker/otp", {{"phone", phone}}).status, 200);
    const std::string otp = logged_code(*world_->server, phone);
    auto login = c.post_json("/api/v1/worker/login", {{"phone", phone}, {"code", otp}});
    ASSERT_EQ(login.status, 200) << login.body;
    const std::string set = login.header("set-cookie");
    const std::vector<std::pair<std::string, std::string>> cookie = {
        {"Cookie", set.substr(0, set.find(';'))}};

    auto r = c.request("GET", "/api/v1/join/unions?q=%E6%B5%8B%E8%B7%9D&lat=35.04&lng=108.08", "",
                       cookie);  // q=测距
    ASSERT_EQ(r.status, 200) << r.body;
    auto items = r.json()["items"];
    ASSERT_EQ(items.size(), 3u) << r.body;  // the township union is not joinable
    EXPECT_EQ(items[0]["id"], near);
    EXPECT_EQ(items[1]["id"], far);
    EXPECT_EQ(items[2]["id"], none);
    EXPECT_GT(items[0]["distance_m"].get<int64_t>(), 1000);
    EXPECT_LT(items[0]["distance_m"].get<int64_t>(), 1300);
    EXPECT_LT(items[0]["distance_m"], items[1]["distance_m"]);
    EXPECT_TRUE(items[2]["distance_m"].is_null());
    EXPECT_FALSE(items[0].contains("chair_name"));
    EXPECT_FALSE(items[0].contains("credit_code"));

    auto g = c.request("GET", "/api/v1/join/unions?q=%E6%B5%8B%E8%B7%9D&industry=G", "", cookie);
    ASSERT_EQ(g.json()["items"].size(), 1u) << g.body;
    EXPECT_EQ(g.json()["items"][0]["id"], near);
    EXPECT_EQ(c.request("GET", "/api/v1/join/unions?lat=35.04", "", cookie).status, 422);
    // A dissolved union is no longer offered.
    ASSERT_EQ(as("binzhou").send("POST", org(none, "/dissolve")).status, 200);
    auto left = c.request("GET", "/api/v1/join/unions?q=%E6%B5%8B%E8%B7%9D", "", cookie);
    EXPECT_EQ(left.json()["items"].size(), 2u) << left.body;
    EXPECT_EQ(as("binzhou").get("/api/v1/join/unions").status, 403);
}

}  // namespace
