// Member profile fields (issue #5): ethnicity, education, political status, occupation category
// with the gig-worker groups, employer, and the three flags, through create, GET, list and the
// CLI import; each coded field validated with its own code, Chinese message and field.
#include <filesystem>
#include <fstream>

#include "core/cn/credit_code.h"
#include "core/cn/id_number.h"
#include "identity_world.h"

using namespace gh::test;
using nlohmann::json;

namespace {

std::string person(const char* first17) { return gh::cn::make_id_number(first17); }

class MemberFields : public ::testing::Test {
protected:
    static void SetUpTestSuite() { world_ = new IdentityWorld(); }
    static void TearDownTestSuite() { delete world_; }
    static IdentityWorld* world_;

    static HttpResponse create(const std::string& name, const std::string& id_number,
                               json extra = json::object()) {
        extra["org_id"] = world_->org_id("qianxian", "乾县总工会");
        extra["name"] = name;
        extra["id_number"] = id_number;
        return world_->ready("qianxian").send("POST", "/api/v1/members", extra);
    }
};
IdentityWorld* MemberFields::world_ = nullptr;

}  // namespace

TEST_F(MemberFields, LabelsAndCodesAreStoredAsCodesAndAnsweredEverywhere) {
    auto r = create("李四", person("61042419930303112"),
                    {{"ethnicity", "回族"},
                     {"education", "本科"},
                     {"political_status", "cpc"},
                     {"occupation", "外卖员"},
                     {"employer_name", " 乾县美团配送站 "},
                     {"migrant_worker", true},
                     {"hardship", true}});
    ASSERT_EQ(r.status, 201) << r.body;
    const json m = r.json();
    EXPECT_EQ(m["ethnicity"], "回族");
    EXPECT_EQ(m["education"], "bachelor");
    EXPECT_EQ(m["political_status"], "cpc");
    EXPECT_EQ(m["occupation"], "外卖员");
    EXPECT_EQ(m["occupation_category"], "food_delivery");
    EXPECT_EQ(m["new_form"], true);  // derived from the gig-worker category
    EXPECT_EQ(m["employer_name"], "乾县美团配送站");
    EXPECT_EQ(m["employer_id"], nullptr);
    EXPECT_EQ(m["migrant_worker"], true);
    EXPECT_EQ(m["model_worker"], false);
    EXPECT_EQ(m["hardship"], true);

    auto& q = world_->ready("qianxian");
    auto got = q.get("/api/v1/members/" + std::to_string(m["id"].get<int64_t>()));
    ASSERT_EQ(got.status, 200) << got.body;
    for (const char* f : {"ethnicity", "education", "political_status", "occupation_category",
                          "employer_name", "migrant_worker", "model_worker", "hardship"}) {
        EXPECT_EQ(got.json()[f], m[f]) << f;
    }
    auto list = q.get("/api/v1/members?q=" + std::string("%E6%9D%8E%E5%9B%9B"));  // 李四
    ASSERT_EQ(list.status, 200) << list.body;
    ASSERT_EQ(list.json()["items"].size(), 1u) << list.body;
    EXPECT_EQ(list.json()["items"][0]["occupation_category"], "food_delivery");
}

TEST_F(MemberFields, NonGigOccupationIsNotNewFormUnlessFlagged) {
    auto plain = create("周工", person("61042419800202113"),
                        {{"occupation_category", "worker"}, {"ethnicity", "汉"}});
    ASSERT_EQ(plain.status, 201) << plain.body;
    EXPECT_EQ(plain.json()["new_form"], false);
    EXPECT_EQ(plain.json()["ethnicity"], "汉族");
    auto flagged = create("吴工", person("61042419800202121"),
                          {{"occupation", "自由职业"}, {"new_form", true}});
    ASSERT_EQ(flagged.status, 201) << flagged.body;
    EXPECT_EQ(flagged.json()["new_form"], true);
    EXPECT_EQ(flagged.json()["occupation_category"], "");
}

TEST_F(MemberFields, EachCodedFieldIsValidated) {
    const std::vector<std::pair<std::string, std::string>> bad = {
        {"ethnicity", "火星族"},
        {"education", "幼儿园"},
        {"political_status", "党外人士甲"},
        {"occupation_category", "astronaut"}};
    for (const auto& [field, value] : bad) {
        auto r = create("赵工", person("61042419800303114"), {{field, value}});
        ASSERT_EQ(r.status, 422) << field << " " << r.body;
        EXPECT_EQ(r.json()["error"]["code"], "member." + field);
        EXPECT_EQ(r.json()["error"]["field"], field);
        const std::string message = r.json()["error"]["message"];
        EXPECT_GT(message.size(), 6u);
        EXPECT_GE(static_cast<unsigned char>(message[0]), 0xE0u) << message;  // Chinese
    }
    auto flag = create("赵工", person("61042419800303114"), {{"hardship", "是"}});
    EXPECT_EQ(flag.status, 422) << flag.body;
    EXPECT_EQ(flag.json()["error"]["field"], "hardship");
}

TEST_F(MemberFields, EmployerIdIsCheckedThroughTheEmployersDomain) {
    auto& q = world_->ready("qianxian");
    auto e = q.send("POST", "/api/v1/employers",
                    {{"name", "乾县顺丰速运营业部"},
                     {"credit_code", gh::cn::make_credit_code("91610424MA6TX0101")},
                     {"staff_size", 30},
                     {"industry", "G"},
                     {"address", "乾县城关街道"}});
    ASSERT_EQ(e.status, 201) << e.body;
    const int64_t eid = e.json()["id"];
    auto m = create("钱工", person("61042419810404115"), {{"employer_id", eid}});
    ASSERT_EQ(m.status, 201) << m.body;
    EXPECT_EQ(m.json()["employer_id"], eid);
    EXPECT_EQ(m.json()["employer_name"], "乾县顺丰速运营业部");
    // The list filters by employer id.
    auto by_employer = q.get("/api/v1/members?employer=" + std::to_string(eid));
    ASSERT_EQ(by_employer.status, 200) << by_employer.body;
    const json page = by_employer.json();
    ASSERT_EQ(page["total"], 1) << page;
    EXPECT_EQ(page["items"][0]["name"], "钱工");

    // An employer outside 乾县 (彬州's) is refused like a missing one.
    auto other = world_->ready("binzhou").send(
        "POST", "/api/v1/employers",
        {{"name", "彬州煤矿"},
         {"credit_code", gh::cn::make_credit_code("91610482MA6TX0102")},
         {"staff_size", 300},
         {"industry", "B"},
         {"address", "彬州"}});
    ASSERT_EQ(other.status, 201) << other.body;
    for (int64_t id : {other.json()["id"].get<int64_t>(), int64_t{999999}}) {
        auto r = create("孙工", person("61042419810404123"), {{"employer_id", id}});
        EXPECT_EQ(r.status, 422) << r.body;
        EXPECT_EQ(r.json()["error"]["code"], "member.employer_id");
    }
}

TEST_F(MemberFields, CliImportStoresEmployerAndProfileColumns) {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("gonghui_fields_" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    const auto file = (dir / "roster.csv").string();
    std::ofstream(file, std::ios::binary)
        << "姓名,身份证号,手机号,职业,工作单位,入会日期,民族,学历,政治面貌,农民工,劳模,困难职工\n"
        << "陈一," << person("61042419870707116") << ",,快递员,乾县中通,2025-01-02,满族,大专,群众,是,否,\n"
        << "陈二," << person("61042419870707124") << ",,,,,苗族,火箭学,,,,\n"
        << "陈三," << person("61042419870707132") << ",,,,,,,,也许,,\n";
    auto r = run_gonghui({"import", "members", file, "--db", world_->db.url(), "--key-file",
                          world_->key_file, "--org", "610424", "--mode", "good-rows", "--json"});
    EXPECT_EQ(r.exit_code, 3) << r.output;
    EXPECT_NE(r.output.find("[学历]"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("[农民工]: 农民工一栏应填“是”或“否”"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("{\"imported\":1,\"rejected\":2,\"duplicates\":0}"), std::string::npos)
        << r.output;
    std::filesystem::remove_all(dir);

    auto list = world_->ready("qianxian").get("/api/v1/members?q=%E9%99%88");  // 陈
    ASSERT_EQ(list.status, 200) << list.body;
    ASSERT_EQ(list.json()["items"].size(), 1u) << list.body;
    const json m = list.json()["items"][0];
    EXPECT_EQ(m["employer_name"], "乾县中通");
    EXPECT_EQ(m["ethnicity"], "满族");
    EXPECT_EQ(m["education"], "college");
    EXPECT_EQ(m["political_status"], "masses");
    EXPECT_EQ(m["occupation_category"], "courier");
    EXPECT_EQ(m["new_form"], true);
    EXPECT_EQ(m["migrant_worker"], true);
    EXPECT_EQ(m["model_worker"], false);
}
