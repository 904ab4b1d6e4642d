// GET /api/v1/members: pinyin search ("zs" finds 张三, surnames read as surnames), the filters
// (occupation, status, flags, joined_from/joined_to, employer, subtree), keyset pages and scope.
#include "core/cn/id_number.h"
#include "identity_world.h"

using namespace gh::test;
using nlohmann::json;

namespace {

std::string person(const char* first17) { return gh::cn::make_id_number(first17); }

std::string enc(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char ch : s) {
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')) {
            out += static_cast<char>(ch);
        } else {
            out += '%';
            out += hex[ch >> 4];
            out += hex[ch & 15];
        }
    }
    return out;
}

class MemberSearch : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new IdentityWorld();
        add("qianxian", "乾县总工会", "张三", "61042419900101111",
            {{"occupation", "快递员"},
             {"migrant_worker", true},
             {"joined_on", "2024-01-10"},
             {"employer_name", "顺丰乾县营业部"}});
        add("qianxian", "乾县总工会", "张思", "61042419900101129",
            {{"occupation_category", "worker"}, {"joined_on", "2025-06-01"}});
        add("qianxian", "乾县总工会", "赵四", "61042419900101137",
            {{"occupation", "外卖骑手"}, {"joined_on", "2025-07-01"}, {"model_worker", true}});
        add("qianxian", "乾县总工会", "单田芳", "61042419900101145", {{"joined_on", "2023-03-03"}});
        add("binzhou", "彬州市总工会", "张山", "61048219900101110", {{"occupation", "快递员"}});
    }
    static void TearDownTestSuite() { delete world_; }
    static IdentityWorld* world_;

    static void add(const std::string& user, const std::string& org, const std::string& name,
                    const char* id17, json extra) {
        extra["org_id"] = world_->org_id(user, org);
        extra["name"] = name;
        extra["id_number"] = person(id17);
        auto r = world_->ready(user).send("POST", "/api/v1/members", extra);
        ASSERT_EQ(r.status, 201) << r.body;
    }
    // The names a user's search answers, in id order.
    static std::vector<std::string> names(const std::string& user, const std::string& query) {
        auto r = world_->ready(user).get("/api/v1/members?" + query);
        EXPECT_EQ(r.status, 200) << query << " " << r.body;
        std::vector<std::string> out;
        if (r.status != 200) return out;
        const json body = r.json();
        for (const auto& m : body["items"]) out.push_back(m["name"]);
        EXPECT_EQ(body["total"].get<size_t>(), out.size()) << query;
        return out;
    }
    using V = std::vector<std::string>;
};
IdentityWorld* MemberSearch::world_ = nullptr;

}  // namespace

TEST_F(MemberSearch, PinyinInitialsAndFullPinyinPrefix) {
    EXPECT_EQ(names("qianxian", "q=zs"), (V{"张三", "张思", "赵四"}));
    EXPECT_EQ(names("qianxian", "q=ZS"), (V{"张三", "张思", "赵四"}));
    EXPECT_EQ(names("qianxian", "q=zhangs"), (V{"张三", "张思"}));
    EXPECT_EQ(names("qianxian", "q=zhangsan"), (V{"张三"}));
    EXPECT_EQ(names("qianxian", "q=zsx"), V{});
    // 单 as a surname is shan, not dan.
    EXPECT_EQ(names("qianxian", "q=stf"), (V{"单田芳"}));
    EXPECT_EQ(names("qianxian", "q=shantian"), (V{"单田芳"}));
    EXPECT_EQ(names("qianxian", "q=dtf"), V{});
    // Chinese prefixes still work.
    EXPECT_EQ(names("qianxian", "q=" + enc("张")), (V{"张三", "张思"}));
}

TEST_F(MemberSearch, PinyinStaysInsideTheScopeAndTheAskedSubtree) {
    EXPECT_EQ(names("binzhou", "q=zs"), (V{"张山"}));
    EXPECT_EQ(names("xianyang", "q=zs"), (V{"张三", "张思", "赵四", "张山"}));
    const int64_t qian = world_->org_id("xianyang", "乾县总工会");
    EXPECT_EQ(names("xianyang", "q=zs&org=" + std::to_string(qian)), (V{"张三", "张思", "赵四"}));
    const int64_t bin = world_->org_id("binzhou", "彬州市总工会");
    auto r = world_->ready("qianxian").get("/api/v1/members?q=zs&org=" + std::to_string(bin));
    EXPECT_EQ(r.status, 404) << r.body;
}

TEST_F(MemberSearch, Filters) {
    EXPECT_EQ(names("qianxian", "occupation=courier"), (V{"张三"}));
    EXPECT_EQ(names("qianxian", "occupation=" + enc("外卖骑手")), (V{"赵四"}));
    EXPECT_EQ(names("xianyang", "occupation=courier"), (V{"张三", "张山"}));
    EXPECT_EQ(names("qianxian", "flags=migrant_worker"), (V{"张三"}));
    EXPECT_EQ(names("qianxian", "flags=new_form"), (V{"张三", "赵四"}));
    EXPECT_EQ(names("qianxian", "flags=new_form,model_worker"), (V{"赵四"}));
    EXPECT_EQ(names("qianxian", "joined_from=2025-01-01"), (V{"张思", "赵四"}));
    EXPECT_EQ(names("qianxian", "joined_from=2024-01-01&joined_to=2025-06-30"), (V{"张三", "张思"}));
    EXPECT_EQ(names("qianxian", "status=active&q=zs&joined_to=2025-06-01"), (V{"张三", "张思"}));
    EXPECT_EQ(names("qianxian", "status=left"), V{});
    EXPECT_EQ(names("qianxian", "employer=" + enc("顺丰")), (V{"张三"}));
    EXPECT_EQ(names("qianxian", "employer=" + enc("京东")), V{});
}

TEST_F(MemberSearch, BadFiltersAre422WithTheirField) {
    const std::vector<std::pair<std::string, std::string>> bad = {
        {"status=gone", "status"},
        {"flags=rich", "flags"},
        {"occupation=astronaut", "occupation"},
        {"joined_from=2025-13-01", "joined_from"},
        {"joined_to=yesterday", "joined_to"}};
    for (const auto& [query, field] : bad) {
        auto r = world_->ready("qianxian").get("/api/v1/members?" + query);
        EXPECT_EQ(r.status, 422) << query << " " << r.body;
        EXPECT_EQ(r.json()["error"]["code"], "member.filter") << query;
        EXPECT_EQ(r.json()["error"]["field"], field) << query;
    }
}

TEST_F(MemberSearch, KeysetPagesOverAFilteredSearch) {
    auto& q = world_->ready("qianxian");
    std::vector<std::string> seen;
    std::string cursor;
    for (int page = 0; page < 5; ++page) {
        auto r = q.get("/api/v1/members?q=zs&limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor));
        ASSERT_EQ(r.status, 200) << r.body;
        const json body = r.json();
        EXPECT_EQ(body["total"], 3);
        for (const auto& m : body["items"]) seen.push_back(m["name"]);
        if (body["next_cursor"].is_null()) break;
        cursor = body["next_cursor"].get<std::string>();
    }
    EXPECT_EQ(seen, (V{"张三", "张思", "赵四"}));
}

// A search by a name in Chinese pages in name order (the name index's), across the subtree's
// orgs, and its cursor neither skips nor repeats.
TEST_F(MemberSearch, ANameSearchPagesInNameOrder) {
    auto& x = world_->ready("xianyang");
    const std::string zhang = "%E5%BC%A0";  // 张
    std::vector<std::string> seen;
    std::string cursor;
    for (int page = 0; page < 5; ++page) {
        auto r = x.get("/api/v1/members?q=" + zhang + "&limit=1" +
                       (cursor.empty() ? "" : "&cursor=" + cursor));
        ASSERT_EQ(r.status, 200) << r.body;
        const json body = r.json();
        EXPECT_EQ(body["total"], 3);
        for (const auto& m : body["items"]) seen.push_back(m["name"]);
        if (body["next_cursor"].is_null()) break;
        cursor = body["next_cursor"].get<std::string>();
    }
    // 张三 (乾县), 张山 (彬州), 张思 (乾县): by name, not by org.
    EXPECT_EQ(seen, (V{"张三", "张山", "张思"}));
}
