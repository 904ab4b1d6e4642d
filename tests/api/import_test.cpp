// gonghui import members: a messy GB18030 CSV and an .xlsx roster through the real CLI, in both
// modes, re-imported, with a report of the rejected rows.
#include <filesystem>
#include <fstream>

#include "core/cn/id_number.h"
#include "core/tabular/tabular.h"
#include "core/xlsx/writer.h"
#include "identity_world.h"
#include "import_fixtures.h"

using namespace gh::test;
using gh::test::roster::full_width;
using gh::test::roster::to_gb18030;
using nlohmann::json;

namespace {

std::string person(const char* first17) { return gh::cn::make_id_number(first17); }

class Import : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new IdentityWorld();
        dir_ = roster::scratch_dir("gonghui_import_");
    }
    static void TearDownTestSuite() {
        delete world_;
        std::filesystem::remove_all(dir_);
    }
    static IdentityWorld* world_;
    static std::filesystem::path dir_;

    static std::string write(const std::string& name, const std::string& bytes) {
        return roster::write_file(dir_ / name, bytes);
    }
    static RunResult import(const std::string& file, const std::string& org,
                            std::vector<std::string> extra = {}) {
        std::vector<std::string> args = {
            "import",     "members",        file,    "--db", world_->db.url(),
            "--key-file", world_->key_file, "--org", org,    "--json"};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_gonghui(args);
    }
    static json counts(const RunResult& r) { return roster::cli_counts(r); }
    static int64_t members_of(const std::string& user, const std::string& org) {
        const int64_t id = world_->org_id(user, org);
        auto r = world_->ready(user).get("/api/v1/members?org=" + std::to_string(id));
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json()["total"].get<int64_t>();
    }
};
IdentityWorld* Import::world_ = nullptr;
std::filesystem::path Import::dir_;

}  // namespace

TEST_F(Import, MessyCsvAllOrNothingThenGoodRowsThenAgain) {
    const std::string good = person("61048219850302211");
    const std::string wide = person("61048219920715122");
    std::string wrong = person("61048219800101001");
    wrong.back() = wrong.back() == '1' ? '2' : '1';
    const std::string text =
        "姓名,身份证号,手机号,职业,工作单位,入会日期\r\n"
        "王五," +
        good +
        ",13800138000,司机,顺丰,2024/3/1\r\n"
        "赵六," +
        wrong +
        ",,,,\r\n"
        "孙七,6.10424E+17,,,,\r\n"
        "王五重复," +
        good +
        ",,,,\r\n"
        "\r\n"
        "周八," +
        full_width(wide) +
        ",,外卖员,,45231\r\n"
        "吴九," +
        person("61048219750505331") + ",12345,,,2024-01-01\r\n";
    const auto file = write("messy.csv", to_gb18030(text));

    auto strict = import(file, "610482");
    EXPECT_EQ(strict.exit_code, 3) << strict.output;
    EXPECT_EQ(counts(strict), json({{"imported", 0}, {"rejected", 4}, {"duplicates", 0}}));
    EXPECT_EQ(members_of("binzhou", "彬州市总工会"), 0);
    // Exactly one JSON object, last, keys in the documented order.
    EXPECT_TRUE(strict.output.ends_with("{\"imported\":0,\"rejected\":4,\"duplicates\":0}\n"))
        << strict.output;

    const auto report = (dir_ / "report.xlsx").string();
    auto lenient = import(file, "610482", {"--mode", "good-rows", "--report", report});
    EXPECT_EQ(lenient.exit_code, 3) << lenient.output;
    EXPECT_EQ(counts(lenient), json({{"imported", 2}, {"rejected", 4}, {"duplicates", 0}}));
    EXPECT_EQ(members_of("binzhou", "彬州市总工会"), 2);
    EXPECT_NE(lenient.output.find("文件内重复（与第 2 行相同）"), std::string::npos);
    EXPECT_NE(lenient.output.find("科学计数法"), std::string::npos);

    ASSERT_TRUE(std::filesystem::exists(report));
    auto reader = gh::tabular::open_xlsx(report);
    gh::tabular::Row row;
    std::vector<std::string> numbers;
    while (reader->next(row)) numbers.push_back(row.cells.at(0));
    EXPECT_EQ(numbers, (std::vector<std::string>{"行号", "3", "4", "5", "8"}));

    auto again = import(file, "610482", {"--mode", "good-rows"});
    EXPECT_EQ(again.exit_code, 3) << again.output;
    EXPECT_EQ(counts(again), json({{"imported", 0}, {"rejected", 4}, {"duplicates", 2}}));
    EXPECT_EQ(members_of("binzhou", "彬州市总工会"), 2);
}

TEST_F(Import, XlsxRosterGoesInAndReimportAddsNothing) {
    gh::xlsx::Sheet sheet;
    sheet.name = "会员";
    // Columns out of template order: mapped by header name.
    for (const char* h : {"身份证号", "姓名", "手机号", "入会日期"}) {
        gh::xlsx::Column c;
        c.header = h;
        c.text = true;
        sheet.columns.push_back(c);
    }
    sheet.rows = {{person("61042419880808441"), "郑一", "+86 139 0000 1111", "2025-05-04"},
                  {},
                  {person("61042419910909552"), "钱二", "", ""}};
    const auto file = write("roster.xlsx", gh::xlsx::write_workbook({sheet}));

    auto first = import(file, "610424");
    EXPECT_EQ(first.exit_code, 0) << first.output;
    EXPECT_EQ(counts(first), json({{"imported", 2}, {"rejected", 0}, {"duplicates", 0}}));
    EXPECT_EQ(members_of("qianxian", "乾县总工会"), 2);

    auto second = import(file, "610424");
    EXPECT_EQ(second.exit_code, 0) << second.output;
    EXPECT_EQ(counts(second), json({{"imported", 0}, {"rejected", 0}, {"duplicates", 2}}));
    EXPECT_EQ(members_of("qianxian", "乾县总工会"), 2);

    // Already active in 乾县: into 彬州 it is a rejection naming where the person is.
    auto elsewhere = import(file, "610482", {"--mode", "good-rows"});
    EXPECT_EQ(elsewhere.exit_code, 3) << elsewhere.output;
    EXPECT_EQ(counts(elsewhere)["rejected"], 2);
    EXPECT_NE(elsewhere.output.find("乾县总工会"), std::string::npos);
}

TEST_F(Import, NotATableOrBadUsage) {
    const auto junk = write("junk.xlsx", std::string("PK\x03\x04", 4) + "not really a zip");
    auto r = import(junk, "610424");
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_EQ(import((dir_ / "missing.csv").string(), "610424").exit_code, 1);
    const auto prose = write("prose.csv", "这不是名册\n只是一段文字\n");
    EXPECT_EQ(import(prose, "610424").exit_code, 1);
    EXPECT_EQ(import(prose, "610424", {"--mode", "some-rows"}).exit_code, 2);

    // Malformed past the first transaction's rows (an unclosed quote on the last row, further
    // on than the validating thread reads ahead of the writer), though the file is read as the
    // import goes and good-rows commits about every 20,000 rows: exit 1 with the reader's row
    // number, nothing written.
    auto& qian = world_->ready("qianxian");
    const int64_t before = qian.get("/api/v1/orgs/610424/stats").json()["members"];
    std::string text = "姓名,身份证号\n";
    for (int i = 0; i < 26000; ++i) {
        char first17[18];
        std::snprintf(first17, sizeof first17, "610424197702%02d%03d", 1 + i / 1000, i % 1000);
        text += "职工" + gh::test::cn_numeral(i) + "," + person(first17) + "\n";
    }
    const auto broken = write("broken.csv", text + "末行,\"610424\n");
    auto late = import(broken, "610424", {"--mode", "good-rows"});
    EXPECT_EQ(late.exit_code, 1) << late.output;
    EXPECT_NE(late.output.find("第 26002 行引号不匹配"), std::string::npos) << late.output;
    EXPECT_EQ(qian.get("/api/v1/orgs/610424/stats").json()["members"], before);
}

// Given a federation, the roster goes into its holding pool (会员周转库): created once, a child
// of the federation, holding the members, and not counted as a union.
TEST_F(Import, AFederationsRosterGoesIntoItsHoldingPool) {
    auto& qian = world_->ready("qianxian");
    const int64_t fed = world_->org_id("qianxian", "乾县总工会");
    const auto before = qian.get("/api/v1/orgs/610424/stats").json();
    const std::string text = "姓名,身份证号\n冯十," + person("61042419930303771") + "\n";
    auto r = import(write("pool.csv", text), "610424");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    auto again =
        import(write("pool2.csv", "姓名,身份证号\n陈十一," + person("61042419940404881") + "\n"),
               std::to_string(fed));
    ASSERT_EQ(again.exit_code, 0) << again.output;

    int pools = 0;
    int64_t pool_id = 0;
    const auto listing = qian.get("/api/v1/orgs?limit=500").json();
    for (auto& o : listing["items"]) {
        if (o["name"] == "乾县总工会会员周转库") {
            ++pools;
            pool_id = o["id"];
            EXPECT_EQ(o["parent_id"], fed);
            EXPECT_EQ(o["type"], "grassroots_union");
        }
    }
    EXPECT_EQ(pools, 1) << "one pool per federation, however often it is used";
    for (const char* id : {"61042419930303771", "61042419940404881"}) {
        auto m = qian.get("/api/v1/members?q=" + person(id)).json();
        ASSERT_EQ(m["total"], 1) << id;
        EXPECT_EQ(m["items"][0]["org_id"], pool_id);
    }
    const auto after = qian.get("/api/v1/orgs/610424/stats").json();
    EXPECT_EQ(after["unions"], before["unions"]) << "the pool is not a union";
    EXPECT_EQ(after["members"], before["members"].get<int64_t>() + 2);
}

// A roster of several thousand rows goes through in chunks (validated on one thread, written on
// another): refusals found late in the file still keep all-or-nothing empty, row numbers in the
// report are the file's, and a person active elsewhere is refused wherever the row falls.
TEST_F(Import, AManyChunkRosterKeepsRowNumbersAndAllOrNothing) {
    auto& qian = world_->ready("qianxian");
    const std::string elsewhere = person("61048219700707123");
    auto first = import(write("one.csv", "姓名,身份证号\n褚一," + elsewhere + "\n"), "610482");
    ASSERT_EQ(first.exit_code, 0) << first.output;

    constexpr int kRows = 2600;
    std::string text = "姓名,身份证号,手机号\n";
    std::vector<int> bad_lines;  // 1-based lines of the file
    for (int i = 0; i < kRows; ++i) {
        const int line = i + 2;
        char first17[18];
        std::snprintf(first17, sizeof first17, "610424198101%02d%03d", 1 + i / 900, 100 + i % 900);
        std::string id = person(first17);
        std::string phone;
        if (i == 1999) phone = "12345";  // refused by validation in the file's third chunk
        if (i == 1500) id = elsewhere;   // already a member of 彬州市总工会
        if (i == 1999 || i == 1500) bad_lines.push_back(line);
        text += "职工" + gh::test::cn_numeral(i) + "," + id + "," + phone + "\n";
    }
    const auto file = write("many.csv", text);
    const int64_t before = qian.get("/api/v1/orgs/610424/stats").json()["members"];

    auto strict = import(file, "610424");
    EXPECT_EQ(strict.exit_code, 3) << strict.output;
    EXPECT_EQ(counts(strict), json({{"imported", 0}, {"rejected", 2}, {"duplicates", 0}}));
    EXPECT_EQ(qian.get("/api/v1/orgs/610424/stats").json()["members"], before);

    const auto report = (dir_ / "many-report.xlsx").string();
    auto lenient = import(file, "610424", {"--mode", "good-rows", "--report", report});
    EXPECT_EQ(lenient.exit_code, 3) << lenient.output;
    EXPECT_EQ(counts(lenient), json({{"imported", kRows - 2}, {"rejected", 2}, {"duplicates", 0}}));
    EXPECT_EQ(qian.get("/api/v1/orgs/610424/stats").json()["members"], before + kRows - 2);
    EXPECT_NE(lenient.output.find("彬州市总工会"), std::string::npos) << lenient.output;
    auto reader = gh::tabular::open_xlsx(report);
    gh::tabular::Row row;
    std::vector<std::string> numbers;
    while (reader->next(row)) numbers.push_back(row.cells.at(0));
    EXPECT_EQ(numbers, (std::vector<std::string>{"行号", std::to_string(bad_lines[0]),
                                                 std::to_string(bad_lines[1])}));

    auto again = import(file, "610424", {"--mode", "good-rows"});
    EXPECT_EQ(counts(again), json({{"imported", 0}, {"rejected", 2}, {"duplicates", kRows - 2}}));
    EXPECT_EQ(qian.get("/api/v1/orgs/610424/stats").json()["members"], before + kRows - 2);
}
