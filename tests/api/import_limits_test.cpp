// Roster uploads within limits, over a real `gonghui serve` on SQLite and PostgreSQL: .xlsx
// bombs (a million rows in well under 1 MB, a shared strings table and a sheet XML past their
// caps) and a CSV of a million rows are refused with their own codes while the server's peak
// memory stays bounded, for the member and employer imports and the ceremony sheet; the answer
// lists the first 1,000 refused rows and counts them all; the kept report is capped
// ([import] report_rows) and says what it left out; an over-long cell refuses its row and is cut
// in the report and the answer, over the API and through the CLI (--report, exit 3).
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "core/cn/id_number.h"
#include "core/tabular/tabular.h"
#include "identity_world.h"
#include "import_fixtures.h"

using namespace gh::test;
using nlohmann::json;

namespace {

constexpr const char* kMark = "…[已截断]";

std::string person(const char* first17) { return gh::cn::make_id_number(first17); }
std::string code_of(const HttpResponse& r) { return r.json()["error"]["code"]; }

// The peak resident memory (VmHWM) of process pid, in MiB.
double peak_mib(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmHWM:", 0) == 0) {
            std::istringstream fields(line.substr(6));
            double kib = 0;
            fields >> kib;
            return kib / 1024.0;
        }
    }
    ADD_FAILURE() << "no VmHWM for " << pid;
    return 1e9;
}

// A server whose memory after all of this must stay under this (a roster's rows are never held
// by the count of rows in the file).
constexpr double kMemoryBoundMib = 300;

std::string inline_cell(const std::string& text) {
    return "<c t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
}

// An .xlsx workbook written with libzip, its parts deflated at level 9: the sheet XML (and,
// when given, the shared strings XML) as they are.
std::string xlsx_of(const std::filesystem::path& dir, const std::string& sheet,
                    const std::string& shared_strings = {}) {
    const std::string path = (dir / "built.xlsx").string();
    std::filesystem::remove(path);
    int error = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (!z) throw std::runtime_error("zip_open");
    const std::string main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const std::string rel_ns =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    std::vector<std::pair<std::string, std::string>> parts = {
        {"[Content_Types].xml",
         "<?xml version=\"1.0\"?><Types "
         "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
        {"xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"" + main_ns +
                                "\" xmlns:r=\"" + rel_ns +
                                "\"><sheets><sheet name=\"S\" sheetId=\"1\" "
                                "r:id=\"rId1\"/></sheets></workbook>"},
        {"xl/_rels/workbook.xml.rels",
         "<?xml version=\"1.0\"?><Relationships "
         "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
         "Id=\"rId1\" Type=\"" +
             rel_ns + "/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"},
        {"xl/worksheets/sheet1.xml", sheet}};
    if (!shared_strings.empty()) parts.emplace_back("xl/sharedStrings.xml", shared_strings);
    for (const auto& [name, bytes] : parts) {
        zip_source_t* src = zip_source_buffer(z, bytes.data(), bytes.size(), 0);
        const zip_int64_t at = src ? zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE) : -1;
        if (at < 0) throw std::runtime_error("zip_file_add " + name);
        zip_set_file_compression(z, static_cast<zip_uint64_t>(at), ZIP_CM_DEFLATE, 9);
    }
    if (zip_close(z) != 0) throw std::runtime_error("zip_close");
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A sheet of a header row and `rows` copies of one row (no row or cell references, so the
// copies are byte for byte the same and deflate to almost nothing).
std::string sheet_of(const std::vector<std::string>& header, const std::vector<std::string>& row,
                     size_t rows, const std::string& before_data = {}) {
    std::string one = "<row>";
    for (const auto& c : row) one += inline_cell(c);
    one += "</row>";
    std::string out =
        "<?xml version=\"1.0\"?><worksheet "
        "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" +
        before_data + "<sheetData><row>";
    for (const auto& h : header) out += inline_cell(h);
    out += "</row>";
    out.reserve(out.size() + one.size() * rows + 64);
    for (size_t i = 0; i < rows; ++i) out += one;
    return out + "</sheetData></worksheet>";
}

class ImportLimits : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new IdentityWorld();
        dir_ = roster::scratch_dir("gonghui_import_limits_");
        // A second server on the same database with small limits from its config file.
        const auto config =
            roster::write_file(dir_ / "limits.toml", "[import]\nmax_rows = 5\nreport_rows = 3\n");
        small_ = new ServerProcess(
            world_->db.url(),
            std::vector<std::string>{"--key-file", world_->key_file, "--config", config});
    }
    static void TearDownTestSuite() {
        delete small_;
        delete world_;
        std::filesystem::remove_all(dir_);
    }
    static IdentityWorld* world_;
    static ServerProcess* small_;
    static std::filesystem::path dir_;

    static std::string qian() { return std::to_string(world_->org_id("qianxian", "乾县总工会")); }
    static HttpResponse upload(const std::string& target, const std::string& bytes) {
        return roster::upload(world_->ready("qianxian"), target, bytes);
    }
    // The same session (sessions live in the database) on the small-limits server.
    static HttpResponse upload_small(const std::string& target, const std::string& bytes) {
        auto& s = world_->ready("qianxian");
        HttpClient c(small_->port());
        return c.request("POST", target, bytes,
                         {{"Cookie", s.cookie()},
                          {"X-CSRF-Token", s.csrf()},
                          {"Content-Type", "application/octet-stream"}});
    }
    static int64_t members_in_qian() {
        auto r = world_->ready("qianxian").get("/api/v1/members?org=" + qian());
        EXPECT_EQ(r.status, 200) << r.body;
        return r.status == 200 ? r.json()["total"].get<int64_t>() : -1;
    }
    static std::vector<std::vector<std::string>> report_rows(const std::string& token,
                                                             uint16_t port = 0) {
        auto& s = world_->ready("qianxian");
        HttpResponse r;
        if (port == 0) {
            r = s.get("/api/v1/members/import-reports/" + token);
        } else {
            HttpClient c(port);
            r = c.request("GET", "/api/v1/members/import-reports/" + token, {},
                          {{"Cookie", s.cookie()}});
        }
        EXPECT_EQ(r.status, 200) << r.body;
        return roster::xlsx_rows(roster::write_file(dir_ / ("report-" + token + ".xlsx"), r.body));
    }
    static void expect_memory_bounded() {
        EXPECT_LT(peak_mib(world_->server->pid()), kMemoryBoundMib);
    }
    // "姓名,身份证号" and then `rows` refused rows (an ID number that is not one).
    static std::string refused_csv(size_t rows) {
        std::string csv = "姓名,身份证号\n";
        for (size_t i = 0; i < rows; ++i) csv += "a,1\n";
        return csv;
    }
};
IdentityWorld* ImportLimits::world_ = nullptr;
ServerProcess* ImportLimits::small_ = nullptr;
std::filesystem::path ImportLimits::dir_;

}  // namespace

TEST_F(ImportLimits, AMillionRowXlsxBombIsRefusedAtTheRowLimitWithMemoryBounded) {
    const std::string id = person("61042419800101001");
    const std::string bomb = xlsx_of(dir_, sheet_of({"姓名", "身份证号"}, {"张三", id}, 1000000));
    ASSERT_LT(bomb.size(), 1000000u);
    const int64_t before = members_in_qian();
    auto r = upload("/api/v1/members/import?mode=good-rows&org=" + qian(), bomb);
    ASSERT_EQ(r.status, 413) << r.body.substr(0, 500);
    EXPECT_EQ(code_of(r), "member.import_too_many_rows");
    EXPECT_EQ(r.json()["error"]["field"], "file");
    EXPECT_EQ(r.json()["error"]["limit"], 50000);
    EXPECT_NE(r.json()["error"]["message"].get<std::string>().find("50,000"), std::string::npos);
    EXPECT_EQ(members_in_qian(), before);  // refused before anything was written
    expect_memory_bounded();
}

TEST_F(ImportLimits, ACsvOfAMillionRowsIsRefusedAtTheRowLimit) {
    const std::string csv = refused_csv(1000000);
    ASSERT_LT(csv.size(), 5u * 1024 * 1024);
    auto r = upload("/api/v1/members/import?mode=good-rows&org=" + qian(), csv);
    ASSERT_EQ(r.status, 413) << r.body.substr(0, 500);
    EXPECT_EQ(code_of(r), "member.import_too_many_rows");
    expect_memory_bounded();
}

TEST_F(ImportLimits, TheEmployerImportRefusesAMillionRowBomb) {
    const std::string bomb = xlsx_of(dir_, sheet_of({"单位名称", "统一社会信用代码"},
                                                    {"某公司", "91610424MA6X0000X0"}, 1000000));
    ASSERT_LT(bomb.size(), 1000000u);
    auto r = upload("/api/v1/employers/import?mode=good-rows&org=" + qian(), bomb);
    ASSERT_EQ(r.status, 413) << r.body.substr(0, 500);
    EXPECT_EQ(code_of(r), "employer.import_too_many_rows");
    EXPECT_EQ(r.json()["error"]["limit"], 50000);
    expect_memory_bounded();
}

TEST_F(ImportLimits, TheCeremonySheetTakesAtMostAThousandPeople) {
    const std::string target = "/api/v1/orgs/" + qian() + "/ceremony";
    // A million rows: the sheet's XML (about 85 MB) is past the cap that follows the ceremony's
    // 1,000 rows (64 MiB), so it is refused before it is parsed.
    auto bomb =
        upload(target, xlsx_of(dir_, sheet_of({"姓名", "身份证号"}, {"张三", "1"}, 1000000)));
    ASSERT_EQ(bomb.status, 422) << bomb.body.substr(0, 500);
    EXPECT_EQ(code_of(bomb), "join.ceremony_file");
    EXPECT_NE(bomb.json()["error"]["message"].get<std::string>().find("上限"), std::string::npos)
        << bomb.body;
    // Half a million rows within that cap: the reader stops at row 1,001.
    auto r = upload(target, xlsx_of(dir_, sheet_of({"姓名", "身份证号"}, {"张三", "1"}, 500000)));
    ASSERT_EQ(r.status, 422) << r.body.substr(0, 500);
    EXPECT_EQ(code_of(r), "join.ceremony_too_many_rows");
    EXPECT_EQ(r.json()["error"]["limit"], 1000);
    // 1,000 rows are read (and refused person by person); 1,001 are not read at all.
    auto thousand = upload(target, refused_csv(1000));
    ASSERT_EQ(thousand.status, 422) << thousand.body.substr(0, 500);
    EXPECT_EQ(code_of(thousand), "join.ceremony_refused");
    EXPECT_EQ(thousand.json()["error"]["problems"].size(), 1000u);
    auto more = upload(target, refused_csv(1001));
    ASSERT_EQ(more.status, 422) << more.body.substr(0, 500);
    EXPECT_EQ(code_of(more), "join.ceremony_too_many_rows");
    expect_memory_bounded();
}

TEST_F(ImportLimits, ASharedStringsTablePastItsCapIsRefusedBeforeItIsHeld) {
    // Two million entries (34 MB of XML, a few kB deflated): the upload's table holds 1,000,000.
    std::string sst =
        "<?xml version=\"1.0\"?><sst "
        "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">";
    for (int i = 0; i < 2000000; ++i) sst += "<si><t>a</t></si>";
    sst += "</sst>";
    std::string sheet =
        "<?xml version=\"1.0\"?><worksheet "
        "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row>" +
        inline_cell("姓名") + inline_cell("身份证号") +
        "</row><row><c t=\"s\"><v>0</v></c><c t=\"s\"><v>0</v></c></row></sheetData></worksheet>";
    auto r =
        upload("/api/v1/members/import?mode=good-rows&org=" + qian(), xlsx_of(dir_, sheet, sst));
    ASSERT_EQ(r.status, 422) << r.body.substr(0, 500);
    EXPECT_EQ(code_of(r), "member.import_file");
    EXPECT_NE(r.json()["error"]["message"].get<std::string>().find("共享字符串表"),
              std::string::npos)
        << r.body;
    expect_memory_bounded();
}

TEST_F(ImportLimits, ASheetXmlPastItsCapIsRefusedBeforeItIsParsed) {
    // 200 MiB of spaces before the rows: past the upload's 195.3 MiB sheet cap (the CLI's is
    // 2 GiB).
    const std::string sheet =
        sheet_of({"姓名", "身份证号"}, {"张三", "1"}, 1, std::string(200u << 20, ' '));
    auto r = upload("/api/v1/members/import?mode=good-rows&org=" + qian(), xlsx_of(dir_, sheet));
    ASSERT_EQ(r.status, 422) << r.body.substr(0, 500);
    EXPECT_EQ(code_of(r), "member.import_file");
    EXPECT_NE(r.json()["error"]["message"].get<std::string>().find("上限"), std::string::npos)
        << r.body;
}

TEST_F(ImportLimits, TheAnswerListsTheFirstThousandRefusedRowsAndCountsThemAll) {
    auto r = upload("/api/v1/members/import?mode=good-rows&org=" + qian(), refused_csv(1500));
    ASSERT_EQ(r.status, 200) << r.body.substr(0, 500);
    const json body = r.json();
    EXPECT_EQ(body["imported"], 0);
    EXPECT_EQ(body["rejected_count"], 1500);
    ASSERT_EQ(body["rejected"].size(), 1000u);
    EXPECT_EQ(body["rejected"][0]["row"], 2);
    EXPECT_EQ(body["rejected"][999]["row"], 1001);
    EXPECT_EQ(body["rejected_rows"].size(), 1000u);
    // The report lists them all (below the default 10,000).
    const auto rows = report_rows(body["report_id"]);
    ASSERT_EQ(rows.size(), 1501u);
    EXPECT_EQ(rows.back().at(0), "1501");

    auto employers = upload("/api/v1/employers/import?mode=good-rows&org=" + qian(), [] {
        std::string csv = "单位名称,统一社会信用代码,职工人数\n";
        for (int i = 0; i < 1200; ++i) csv += "某公司,1,x\n";
        return csv;
    }());
    ASSERT_EQ(employers.status, 200) << employers.body.substr(0, 500);
    EXPECT_EQ(employers.json()["rejected_count"], 1200);
    EXPECT_EQ(employers.json()["rejected"].size(), 1000u);
}

TEST_F(ImportLimits, TheLimitsComeFromTheConfigAndTheReportSaysWhatItLeftOut) {
    auto five = upload_small("/api/v1/members/import?mode=good-rows&org=" + qian(), refused_csv(5));
    ASSERT_EQ(five.status, 200) << five.body;
    EXPECT_EQ(five.json()["rejected_count"], 5);
    const auto rows = report_rows(five.json()["report_id"], small_->port());
    ASSERT_EQ(rows.size(), 5u) << "header, three rows, the note";  // report_rows = 3
    EXPECT_EQ(rows[3].at(0), "4");
    ASSERT_GE(rows[4].size(), 5u);
    EXPECT_NE(rows[4][4].find("另有 2 行未导入"), std::string::npos) << rows[4][4];

    auto six = upload_small("/api/v1/members/import?mode=good-rows&org=" + qian(), refused_csv(6));
    ASSERT_EQ(six.status, 413) << six.body;
    EXPECT_EQ(code_of(six), "member.import_too_many_rows");
    EXPECT_EQ(six.json()["error"]["limit"], 5);
    // Blank rows are not data rows.
    auto blanks = upload_small("/api/v1/members/import?mode=good-rows&org=" + qian(),
                               refused_csv(5) + "\n\n\n");
    EXPECT_EQ(blanks.status, 200) << blanks.body;

    std::string csv = "单位名称,统一社会信用代码\n";
    for (int i = 0; i < 6; ++i) csv += "某公司,1\n";
    auto too_many = upload_small("/api/v1/employers/import?org=" + qian(), csv);
    ASSERT_EQ(too_many.status, 413) << too_many.body;
    EXPECT_EQ(code_of(too_many), "employer.import_too_many_rows");
}

TEST_F(ImportLimits, AnOverLongCellRefusesItsRowAndIsCutInTheReport) {
    const std::string long_name(33000, 'A');
    const std::string good = person("61042419800101002");
    const std::string csv =
        "姓名,身份证号\n" + long_name + "," + person("61042419800101003") + "\n王五," + good + "\n";
    auto r = upload("/api/v1/members/import?mode=good-rows&org=" + qian(), csv);
    ASSERT_EQ(r.status, 200) << r.body.substr(0, 500);
    const json body = r.json();
    EXPECT_EQ(body["imported"], 1);
    ASSERT_EQ(body["rejected"].size(), 1u) << body.dump().substr(0, 500);
    EXPECT_EQ(body["rejected"][0]["code"], "member.import_cell_too_long");
    EXPECT_EQ(body["rejected"][0]["field"], "name");
    EXPECT_EQ(body["rejected"][0]["column"], "姓名");
    EXPECT_NE(body["rejected"][0]["reason"].get<std::string>().find("33000"), std::string::npos);
    EXPECT_EQ(body["rejected_rows"][0]["cells"]["姓名"], std::string(200, 'A') + kMark);

    const auto rows = report_rows(body["report_id"]);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[1].at(1), std::string(200, 'A') + kMark);
}

TEST_F(ImportLimits, TheCliWritesTheReportOfAnOverLongCellAndExitsWithThreeForRefusedRows) {
    const std::string csv = "姓名,身份证号\n" + std::string(33000, 'A') + "," +
                            person("61048219800101004") + "\n王五," + person("61048219800101005") +
                            "\n";
    const auto file = roster::write_file(dir_ / "long.csv", csv);
    const auto report = (dir_ / "long-report.xlsx").string();
    auto r = run_gonghui({"import", "members", file, "--db", world_->db.url(), "--key-file",
                          world_->key_file, "--org", "610482", "--mode", "good-rows", "--report",
                          report, "--json"});
    EXPECT_EQ(r.exit_code, 3) << r.output.substr(0, 2000);
    EXPECT_EQ(roster::cli_counts(r), json({{"imported", 1}, {"rejected", 1}, {"duplicates", 0}}));
    const auto rows = roster::xlsx_rows(report);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[1].at(1), std::string(200, 'A') + kMark);
}

TEST_F(ImportLimits, TheCliHasItsOwnRowLimit) {
    const auto file = roster::write_file(dir_ / "six.csv", refused_csv(6));
    auto over = run_gonghui({"import", "members", file, "--db", world_->db.url(), "--key-file",
                             world_->key_file, "--org", "610482", "--max-rows", "5"});
    EXPECT_EQ(over.exit_code, 1) << over.output;
    EXPECT_NE(over.output.find("名册超过 5 行"), std::string::npos) << over.output;
    EXPECT_NE(over.output.find("--max-rows"), std::string::npos) << over.output;
    // At the limit: the rows are read and refused one by one.
    auto read = run_gonghui({"import", "members", file, "--db", world_->db.url(), "--key-file",
                             world_->key_file, "--org", "610482", "--max-rows", "6", "--json"});
    EXPECT_EQ(read.exit_code, 3) << read.output;
    EXPECT_EQ(roster::cli_counts(read),
              json({{"imported", 0}, {"rejected", 6}, {"duplicates", 0}}));
    std::string csv = "单位名称,统一社会信用代码\n";
    for (int i = 0; i < 6; ++i) csv += "某公司,1\n";
    const auto employer_file = roster::write_file(dir_ / "six-employers.csv", csv);
    auto employers =
        run_gonghui({"import", "employers", employer_file, "--db", world_->db.url(), "--key-file",
                     world_->key_file, "--org", "610482", "--max-rows", "5"});
    EXPECT_EQ(employers.exit_code, 1) << employers.output;
    EXPECT_NE(employers.output.find("名册超过 5 行"), std::string::npos) << employers.output;
}
