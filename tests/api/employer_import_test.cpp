// Employers edited (fields re-validated, audited with an allow-list) and imported from a roster
// (.xlsx or a GB18030 CSV as the raw body, and through `gonghui import employers`): per-row
// problems, duplicates, re-import adding nothing, scope, and inactive orgs refused.
#include <filesystem>
#include <fstream>

#include "core/cn/credit_code.h"
#include "core/tabular/tabular.h"
#include "core/xlsx/writer.h"
#include "identity_world.h"
#include "import_fixtures.h"

using namespace gh::test;
using gh::test::roster::to_gb18030;
using nlohmann::json;

namespace {

std::string code(const char* first17) { return gh::cn::make_credit_code(first17); }

std::string bad_check(const char* first17) {
    std::string c = gh::cn::make_credit_code(first17);
    c.back() = c.back() == '0' ? '1' : '0';
    return c;
}

class EmployerImport : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new IdentityWorld();
        dir_ = roster::scratch_dir("gonghui_employer_import_");
    }
    static void TearDownTestSuite() {
        delete world_;
        std::filesystem::remove_all(dir_);
    }
    static IdentityWorld* world_;
    static std::filesystem::path dir_;
    static int counter_;

    static StaffSession& as(const std::string& user) { return world_->ready(user); }
    static HttpResponse upload(const std::string& user, const std::string& query,
                               const std::string& bytes) {
        return roster::upload(as(user), "/api/v1/employers/import?" + query, bytes);
    }
    static std::string write(const std::string& bytes) {
        return roster::write_file(dir_ / ("f" + std::to_string(counter_++)), bytes);
    }
    static std::vector<std::vector<std::string>> rows_of(const std::string& bytes) {
        return roster::xlsx_rows(write(bytes));
    }
    // One entry of an .xlsx body.
    static std::string unzip(const std::string& bytes, const std::string& entry) {
        return roster::zip_entry(write(bytes), entry);
    }
    static int64_t create(const std::string& user, const std::string& name,
                          const std::string& credit_code, int64_t staff = 10) {
        auto r =
            as(user).send("POST", "/api/v1/employers",
                          {{"name", name}, {"credit_code", credit_code}, {"staff_size", staff}});
        EXPECT_EQ(r.status, 201) << r.body;
        return r.status == 201 ? r.json()["id"].get<int64_t>() : 0;
    }
    static int64_t total(const std::string& user) {
        return as(user).get("/api/v1/employers").json()["total"].get<int64_t>();
    }
    static json counts(const RunResult& r) { return roster::cli_counts(r); }
};
IdentityWorld* EmployerImport::world_ = nullptr;
std::filesystem::path EmployerImport::dir_;
int EmployerImport::counter_ = 0;

}  // namespace

TEST_F(EmployerImport, EditRevalidatesAndAuditsTheChangedFields) {
    const int64_t id = create("qianxian", "乾县农机厂", code("91610424MA6TY0001"), 50);
    const int64_t other = create("qianxian", "乾县酒厂", code("91610424MA6TY0002"), 20);
    const std::string path = "/api/v1/employers/" + std::to_string(id);

    auto r =
        as("qianxian")
            .send("PUT", path, {{"name", "乾县农业机械厂"}, {"staff_size", 64}, {"industry", "C"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["name"], "乾县农业机械厂");
    EXPECT_EQ(r.json()["staff_size"], 64);
    EXPECT_EQ(r.json()["credit_code"], code("91610424MA6TY0001"));  // untouched

    // Re-validated as at registration: a bad checksum, a union's code, another's code.
    auto bad = as("qianxian").send("PUT", path, {{"credit_code", bad_check("91610424MA6TY0003")}});
    ASSERT_EQ(bad.status, 422) << bad.body;
    EXPECT_EQ(bad.json()["error"]["code"], "credit_code.checksum");
    auto unionish = as("qianxian").send("PUT", path, {{"credit_code", code("81610424MA6TY0003")}});
    EXPECT_EQ(unionish.status, 422) << unionish.body;
    auto taken = as("qianxian").send("PUT", path, {{"credit_code", code("91610424MA6TY0002")}});
    ASSERT_EQ(taken.status, 409) << taken.body;
    EXPECT_EQ(taken.json()["error"]["code"], "employer.credit_code_taken");
    auto industry = as("qianxian").send("PUT", path, {{"industry", "Z"}});
    EXPECT_EQ(industry.status, 422) << industry.body;
    // A corrected credit code is accepted.
    auto fixed = as("qianxian").send("PUT", path, {{"credit_code", code("91610424MA6TY0004")}});
    ASSERT_EQ(fixed.status, 200) << fixed.body;
    EXPECT_EQ(fixed.json()["credit_code"], code("91610424MA6TY0004"));

    // Scope: a neighbour gets 404; the responsible org must be in the caller's scope.
    EXPECT_EQ(as("binzhou").send("PUT", path, {{"name", "x"}}).status, 404);
    const int64_t bin = world_->org_id("binzhou", "彬州市总工会");
    auto away = as("qianxian").send("PUT", path, {{"org_id", bin}});
    ASSERT_EQ(away.status, 422) << away.body;
    EXPECT_EQ(away.json()["error"]["field"], "org_id");
    EXPECT_EQ(as("qianxian").get("/api/v1/employers/" + std::to_string(other)).status, 200);

    // The audit rows name the changed fields of the allow-list, each {from, to}.
    auto audit =
        as("auditadm").get("/api/v1/audit?action=employer.update&entity_id=" + std::to_string(id));
    ASSERT_EQ(audit.status, 200) << audit.body;
    ASSERT_EQ(audit.json()["items"].size(), 2u) << audit.body;
    json changes;
    const json items = audit.json()["items"];
    for (const auto& item : items) {
        if (item["detail"]["changes"].contains("name")) changes = item["detail"]["changes"];
    }
    ASSERT_TRUE(changes.is_object()) << audit.body;
    EXPECT_EQ(changes["name"]["from"], "乾县农机厂");
    EXPECT_EQ(changes["name"]["to"], "乾县农业机械厂");
    EXPECT_EQ(changes["staff_size"]["to"], 64);
    EXPECT_FALSE(changes.contains("address"));
}

TEST_F(EmployerImport, TemplateHasTheChineseHeaderAndIndustryList) {
    auto r = as("qianxian").get("/api/v1/employers/import-template");
    ASSERT_EQ(r.status, 200) << r.body;
    auto rows = rows_of(r.body);
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(rows[0], (std::vector<std::string>{"单位名称", "统一社会信用代码", "职工人数",
                                                 "行业门类", "地址"}));
    EXPECT_EQ(r.header("content-type"), gh::xlsx::content_type());
    // 行业门类 (column D) is a strict drop-down of the 20 sections, its labels in a hidden list.
    const std::string sheet = unzip(r.body, "xl/worksheets/sheet1.xml");
    EXPECT_NE(sheet.find("sqref=\"D2:D1048576\""), std::string::npos) << sheet;
    const std::string strings = unzip(r.body, "xl/sharedStrings.xml") + sheet;
    EXPECT_NE(strings.find("C 制造业"), std::string::npos);
    EXPECT_NE(strings.find("T 国际组织"), std::string::npos);
    // 统一社会信用代码 (column B) is formatted as text.
    EXPECT_NE(unzip(r.body, "xl/styles.xml").find("<xf numFmtId=\"49\""), std::string::npos);
    const auto col_b = sheet.find("<col min=\"2\"");
    ASSERT_NE(col_b, std::string::npos) << sheet;
    EXPECT_NE(sheet.substr(col_b, sheet.find('>', col_b) - col_b).find("style="),
              std::string::npos);
}

TEST_F(EmployerImport, Gb18030CsvAllOrNothingThenGoodRowsThenAgain) {
    const std::string qian = std::to_string(world_->org_id("qianxian", "乾县总工会"));
    const std::string csv = to_gb18030(
        "单位名称,统一社会信用代码,职工人数,行业门类,地址\r\n"
        "乾县面粉一厂," +
        code("91610424MA6TW0001") +
        ",120,C 制造业,乾县城关街道\r\n"
        "乾县运输公司," +
        code("91610424MA6TW0002") +
        ",45,交通运输、仓储和邮政业,\r\n"
        "乾县错码厂," +
        bad_check("91610424MA6TW0003") +
        ",10,C,\r\n"
        ",,,,\r\n"
        "乾县面粉一厂分厂," +
        code("91610424MA6TW0001") +
        ",5,C,\r\n"
        "乾县人数厂," +
        code("91610424MA6TW0004") +
        ",许多,C,\r\n"
        "乾县行业厂," +
        code("91610424MA6TW0005") + ",3,Z 外星业,\r\n");
    const int64_t before = total("qianxian");

    auto strict = upload("qianxian", "org=" + qian, csv);
    ASSERT_EQ(strict.status, 200) << strict.body;
    EXPECT_EQ(strict.json()["imported"], 0);
    const json rejected = strict.json()["rejected"];
    ASSERT_EQ(rejected.size(), 4u) << strict.body;
    EXPECT_EQ(rejected[0]["row"], 4);
    EXPECT_EQ(rejected[0]["column"], "统一社会信用代码");
    EXPECT_EQ(rejected[1]["row"], 6);  // the same code as row 2
    EXPECT_NE(rejected[1]["reason"].get<std::string>().find("第 2 行"), std::string::npos);
    EXPECT_EQ(rejected[2]["column"], "职工人数");
    EXPECT_EQ(rejected[3]["column"], "行业门类");
    EXPECT_EQ(total("qianxian"), before);

    auto lenient = upload("qianxian", "org=" + qian + "&mode=good-rows", csv);
    ASSERT_EQ(lenient.status, 200) << lenient.body;
    EXPECT_EQ(lenient.json()["imported"], 2);
    EXPECT_EQ(total("qianxian"), before + 2);
    auto found = as("qianxian").get("/api/v1/employers?q=" + code("91610424MA6TW0002"));
    ASSERT_EQ(found.json()["items"].size(), 1u) << found.body;
    EXPECT_EQ(found.json()["items"][0]["industry"], "G");
    EXPECT_EQ(found.json()["items"][0]["name"], "乾县运输公司");

    auto again = upload("qianxian", "org=" + qian + "&mode=good-rows", csv);
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(again.json()["imported"], 0);
    EXPECT_EQ(again.json()["duplicates"], 2);
    EXPECT_EQ(total("qianxian"), before + 2);

    auto audit = as("auditadm").get("/api/v1/audit?action=employer.import&entity_id=" + qian);
    ASSERT_EQ(audit.status, 200) << audit.body;
    EXPECT_EQ(audit.json()["items"].size(), 3u) << audit.body;

    EXPECT_EQ(upload("qianxian", "org=" + qian, "").json()["error"]["code"],
              "employer.import_file");
    EXPECT_EQ(upload("qianxian", "org=" + qian, "姓名,身份证号\n张三,1\n").status, 422);
    EXPECT_EQ(upload("qianxian", "org=" + qian + "&mode=some", csv).status, 422);
}

TEST_F(EmployerImport, XlsxBodyAndScope) {
    gh::xlsx::Sheet sheet;
    sheet.name = "用人单位名册";
    for (const char* h : {"单位名称", "统一社会信用代码", "职工人数", "行业门类", "地址"}) {
        sheet.columns.push_back(gh::xlsx::Column{h, 14, true, {}});
    }
    sheet.rows = {{"彬州煤业公司", code("91610482MA6TW0006"), "300", "B 采矿业", "彬州"},
                  {"彬州电力公司", code("91610482MA6TW0007"), "80", "D", ""}};
    const std::string bytes = gh::xlsx::write_workbook({sheet});
    const std::string bin = std::to_string(world_->org_id("binzhou", "彬州市总工会"));
    const std::string qian = std::to_string(world_->org_id("qianxian", "乾县总工会"));

    // Out of scope: 乾县 cannot import into 彬州.
    auto away = upload("qianxian", "org=" + bin, bytes);
    ASSERT_EQ(away.status, 422) << away.body;
    EXPECT_EQ(away.json()["error"]["code"], "employer.org");

    const int64_t before = total("binzhou");
    auto ok = upload("binzhou", "org=" + bin, bytes);
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(ok.json()["imported"], 2);
    EXPECT_EQ(total("binzhou"), before + 2);
    // Imported into 彬州: 乾县 sees none of them, nor counts them as its duplicates to import.
    auto hidden = as("qianxian").get("/api/v1/employers?q=" + code("91610482MA6TW0006"));
    EXPECT_EQ(hidden.json()["total"], 0) << hidden.body;
    auto dup = upload("qianxian", "org=" + qian, bytes);
    ASSERT_EQ(dup.status, 200) << dup.body;
    EXPECT_EQ(dup.json()["imported"], 0);
    EXPECT_EQ(dup.json()["duplicates"], 2);
}

TEST_F(EmployerImport, InactiveOrgsAreRefused) {
    const int64_t bin = world_->org_id("binzhou", "彬州市总工会");
    auto un = as("binzhou").send(
        "POST", "/api/v1/orgs",
        {{"name", "彬州撤销厂工会"}, {"type", "grassroots_union"}, {"parent_id", bin}});
    ASSERT_EQ(un.status, 201) << un.body;
    const int64_t dead = un.json()["id"];
    ASSERT_EQ(
        as("binzhou").send("POST", "/api/v1/orgs/" + std::to_string(dead) + "/dissolve").status,
        200);
    auto r = as("binzhou").send("POST", "/api/v1/employers",
                                {{"name", "彬州撤销厂"},
                                 {"credit_code", code("91610482MA6TW0008")},
                                 {"staff_size", 5},
                                 {"union_org_id", dead}});
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(r.json()["error"]["code"], "employer.org_inactive");
    const int64_t id = create("binzhou", "彬州新厂", code("91610482MA6TW0009"));
    auto link = as("binzhou").send("PUT", "/api/v1/employers/" + std::to_string(id) + "/union",
                                   {{"union_org_id", dead}});
    ASSERT_EQ(link.status, 422) << link.body;
    EXPECT_EQ(link.json()["error"]["code"], "employer.org_inactive");

    auto town = as("binzhou").send(
        "POST", "/api/v1/orgs",
        {{"name", "彬州撤销镇工会"}, {"type", "township_union"}, {"parent_id", bin}});
    ASSERT_EQ(town.status, 201) << town.body;
    const int64_t town_id = town.json()["id"];
    ASSERT_EQ(
        as("binzhou").send("POST", "/api/v1/orgs/" + std::to_string(town_id) + "/dissolve").status,
        200);
    auto moved =
        as("binzhou").send("PUT", "/api/v1/employers/" + std::to_string(id), {{"org_id", town_id}});
    ASSERT_EQ(moved.status, 422) << moved.body;
    EXPECT_EQ(moved.json()["error"]["code"], "employer.org_inactive");
}

TEST_F(EmployerImport, CliExitCodes) {
    const std::string bad = write(
        "单位名称,统一社会信用代码,职工人数\n"
        "咸阳纺织厂," +
        code("91610400MA6TW0010") +
        ",200\n"
        "咸阳错码厂," +
        bad_check("91610400MA6TW0011") + ",20\n");
    auto run = [&](const std::string& file, std::vector<std::string> extra = {}) {
        std::vector<std::string> args = {
            "import",     "employers",      file,    "--db",   world_->db.url(),
            "--key-file", world_->key_file, "--org", "610400", "--json"};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_gonghui(args);
    };
    auto strict = run(bad);
    EXPECT_EQ(strict.exit_code, 3) << strict.output;
    EXPECT_EQ(counts(strict)["imported"], 0);
    EXPECT_NE(strict.output.find("统一社会信用代码"), std::string::npos) << strict.output;
    auto lenient = run(bad, {"--mode", "good-rows"});
    EXPECT_EQ(lenient.exit_code, 3) << lenient.output;
    EXPECT_EQ(counts(lenient)["imported"], 1);
    const std::string good = write("单位名称,统一社会信用代码,职工人数\n咸阳纺织厂," +
                                   code("91610400MA6TW0010") + ",200\n");
    auto again = run(good);
    EXPECT_EQ(again.exit_code, 0) << again.output;
    EXPECT_EQ(counts(again)["duplicates"], 1);
    auto missing = run((dir_ / "nope.csv").string());
    EXPECT_EQ(missing.exit_code, 1) << missing.output;
}
