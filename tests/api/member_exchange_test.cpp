// Excel over the API: the import template (header, drop-downs, text ID column), a messy roster
// uploaded as the raw body (GB18030 CSV with a mangled 6.10424E+17, full-width digits, blank
// lines, a duplicate in the file) in both modes and again, the kept report, and the export
// masked and revealed (pii.read, one audit row with the count).
#include <filesystem>
#include <fstream>
#include <set>

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

class MemberExchange : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new IdentityWorld();
        world_->add("jiceng", "610424", {"union_cadre"});
        dir_ = roster::scratch_dir("gonghui_exchange_");
    }
    static void TearDownTestSuite() {
        delete world_;
        std::filesystem::remove_all(dir_);
    }
    static IdentityWorld* world_;
    static std::filesystem::path dir_;

    static HttpResponse upload(const std::string& user, const std::string& query,
                               const std::string& bytes) {
        return roster::upload(world_->ready(user), "/api/v1/members/import?" + query, bytes);
    }
    static std::string qian() { return std::to_string(world_->org_id("qianxian", "乾县总工会")); }
    // Every row of an .xlsx body (first sheet).
    static std::vector<std::vector<std::string>> rows_of(const std::string& bytes) {
        return roster::xlsx_rows(
            roster::write_file(dir_ / ("f" + std::to_string(counter_++) + ".xlsx"), bytes));
    }
    // One entry of an .xlsx body.
    static std::string unzip(const std::string& bytes, const std::string& entry) {
        return roster::zip_entry(
            roster::write_file(dir_ / ("z" + std::to_string(counter_++) + ".xlsx"), bytes), entry);
    }
    static int counter_;
};
IdentityWorld* MemberExchange::world_ = nullptr;
std::filesystem::path MemberExchange::dir_;
int MemberExchange::counter_ = 0;

}  // namespace

TEST_F(MemberExchange, TemplateHasTheHeaderDropDownsAndATextIdColumn) {
    auto r = world_->ready("jiceng").get("/api/v1/members/import-template");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.header("content-type"), gh::xlsx::content_type());
    EXPECT_NE(r.header("content-disposition").find(".xlsx"), std::string::npos);
    auto rows = rows_of(r.body);
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(rows[0], (std::vector<std::string>{"姓名", "身份证号", "手机号", "职业", "工作单位",
                                                 "入会日期", "民族", "学历", "政治面貌", "农民工",
                                                 "劳模", "困难职工"}));
    const std::string sheet = unzip(r.body, "xl/worksheets/sheet1.xml");
    ASSERT_NE(sheet.find("<dataValidations count=\"7\">"), std::string::npos) << sheet;
    EXPECT_NE(sheet.find("sqref=\"D2:D1048576\""), std::string::npos);  // 职业
    EXPECT_NE(sheet.find("快递员"), std::string::npos);                 // inline list of 职业
    EXPECT_NE(sheet.find("errorStyle=\"information\""), std::string::npos);  // 职业 may be typed
    EXPECT_NE(sheet.find("sqref=\"G2:G1048576\""), std::string::npos);       // 民族
    const std::string styles = unzip(r.body, "xl/styles.xml");
    EXPECT_NE(styles.find("<xf numFmtId=\"49\""), std::string::npos) << styles;
    const auto col_b = sheet.find("<col min=\"2\"");
    ASSERT_NE(col_b, std::string::npos) << sheet;
    EXPECT_NE(sheet.substr(col_b, sheet.find('>', col_b) - col_b).find("style="),
              std::string::npos);
    // The 56 ethnic groups and 其他 are in a hidden list sheet.
    EXPECT_NE(unzip(r.body, "xl/sharedStrings.xml").find("<t>柯尔克孜族</t>"), std::string::npos);
}

TEST_F(MemberExchange, MessyRosterThroughTheApiWithItsReport) {
    const std::string good = person("61042419850302211");
    const std::string wide = person("61042419920715122");
    std::string wrong = person("61042419800101001");
    wrong.back() = wrong.back() == '1' ? '2' : '1';
    const std::string text =
        "姓名,身份证号,手机号,职业,工作单位,入会日期\r\n"
        "王五," +
        good +
        ",13800138000,快递员,顺丰,2024/3/1\r\n"
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
        person("61042419750505331") + ",12345,,,2024-01-01\r\n";
    const std::string bytes = to_gb18030(text);

    auto strict =
        upload("qianxian", "org=" + qian() + "&mode=all-or-nothing&name=messy.csv", bytes);
    ASSERT_EQ(strict.status, 200) << strict.body;
    const json s = strict.json();
    EXPECT_EQ(s["imported"], 0);
    EXPECT_EQ(s["duplicates"], 0);
    ASSERT_EQ(s["rejected"].size(), 4u) << s;
    std::vector<int> rows;
    for (const auto& r : s["rejected"]) rows.push_back(r["row"]);
    EXPECT_EQ(rows, (std::vector<int>{3, 4, 5, 8}));
    EXPECT_EQ(s["rejected"][1]["column"], "身份证号");
    EXPECT_NE(s["rejected"][1]["reason"].get<std::string>().find("科学计数法"), std::string::npos);
    EXPECT_EQ(s["rejected"][2]["reason"], "文件内重复（与第 2 行相同）");
    EXPECT_EQ(s["rejected"][3]["column"], "手机号");
    ASSERT_TRUE(s["report_id"].is_string()) << s;  // a token: 32 random hex digits
    EXPECT_EQ(s["report_id"].get<std::string>().size(), 32u) << s;
    // The refused rows' cells as typed, for the console's correction table: the uploader's own
    // file, so the ID number is shown as typed (mangled, wrong digit, full width and all).
    ASSERT_EQ(s["rejected_rows"].size(), 4u) << s;
    EXPECT_EQ(s["rejected_rows"][0]["row"], 3);
    EXPECT_EQ(s["rejected_rows"][0]["cells"]["姓名"], "赵六");
    EXPECT_EQ(s["rejected_rows"][0]["cells"]["身份证号"], wrong);
    EXPECT_EQ(s["rejected_rows"][1]["cells"]["身份证号"], "6.10424E+17");
    EXPECT_EQ(s["rejected_rows"][2]["cells"]["姓名"], "王五重复");
    EXPECT_EQ(s["rejected_rows"][3]["row"], 8);
    EXPECT_EQ(s["rejected_rows"][3]["cells"]["手机号"], "12345");
    EXPECT_EQ(s["rejected_rows"][3]["cells"]["入会日期"], "2024-01-01");
    EXPECT_EQ(s["rejected_rows"][3]["cells"].size(), 6u);  // the columns the file has
    EXPECT_FALSE(s["rejected_rows"][3]["cells"].contains("民族"));

    const std::string report_path =
        "/api/v1/members/import-reports/" + s["report_id"].get<std::string>();
    auto report = world_->ready("qianxian").get(report_path);
    ASSERT_EQ(report.status, 200) << report.body;
    auto cells = rows_of(report.body);
    ASSERT_EQ(cells.size(), 5u);
    EXPECT_EQ(cells[0], (std::vector<std::string>{"行号", "姓名", "身份证号", "列", "原因"}));
    EXPECT_EQ(cells[1][0], "3");
    EXPECT_EQ(cells[1][1], "赵六");
    EXPECT_EQ(cells[1][3], "身份证号");
    EXPECT_EQ(cells[1][2].find(wrong), std::string::npos);  // masked in the kept report
    EXPECT_EQ(cells[1][2].substr(0, 6), "610424");
    EXPECT_EQ(cells[4][0], "8");
    // Scoped to the importer's org: 彬州 does not see it; a missing token, or anything that is
    // not one (a number), is the same 404.
    EXPECT_EQ(world_->ready("binzhou").get(report_path).status, 404);
    EXPECT_EQ(world_->ready("qianxian").get("/api/v1/members/import-reports/999999").status, 404);
    const std::string unknown = "/api/v1/members/import-reports/" + std::string(32, '0');
    EXPECT_EQ(world_->ready("qianxian").get(unknown).status, 404);

    auto lenient = upload("qianxian", "org=" + qian() + "&mode=good-rows", bytes);
    ASSERT_EQ(lenient.status, 200) << lenient.body;
    EXPECT_EQ(lenient.json()["imported"], 2);
    EXPECT_EQ(lenient.json()["rejected"].size(), 4u);
    auto again = upload("qianxian", "org=" + qian() + "&mode=good-rows", bytes);
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(again.json()["imported"], 0);
    EXPECT_EQ(again.json()["duplicates"], 2);
    auto list = world_->ready("qianxian").get("/api/v1/members?occupation=courier");
    EXPECT_EQ(list.json()["total"], 1) << list.body;  // 王五, 快递员 → courier

    // The console's correction: only the fixed row, as a UTF-8 CSV in template order, through
    // the same import; it goes in, and nothing is refused.
    const json lenient_body = lenient.json();
    const json c = lenient_body["rejected_rows"][3]["cells"];
    ASSERT_EQ(c["姓名"], "吴九");
    const std::string fixed = "姓名,身份证号,手机号,职业,工作单位,入会日期\r\n" +
                              c["姓名"].get<std::string>() + "," +
                              c["身份证号"].get<std::string>() + ",13912345678,,," +
                              c["入会日期"].get<std::string>() + "\r\n";
    auto resubmit = upload("qianxian", "org=" + qian() + "&mode=good-rows&name=fixed.csv", fixed);
    ASSERT_EQ(resubmit.status, 200) << resubmit.body;
    EXPECT_EQ(resubmit.json()["imported"], 1) << resubmit.body;
    EXPECT_TRUE(resubmit.json()["rejected"].empty());
    EXPECT_TRUE(resubmit.json()["rejected_rows"].empty());
    EXPECT_TRUE(resubmit.json()["report_id"].is_null());
    auto wu = world_->ready("qianxian").get("/api/v1/members?q=" + person("61042419750505331"));
    EXPECT_EQ(wu.json()["total"], 1) << wu.body;
}

TEST_F(MemberExchange, KeptReportsExpire) {
    // Reports are kept for kImportReportDays (7). Their expiry is moved into the past here, as the
    // clock would after a week: the report is then gone (the same 404 as a missing one), and the
    // next kept report deletes the expired row.
    const std::string text =
        "姓名,身份证号\r\n"
        "过期甲,6.10424E+17\r\n";
    auto first = upload("qianxian", "org=" + qian() + "&mode=good-rows&name=old.csv", text);
    ASSERT_EQ(first.status, 200) << first.body;
    const auto token = first.json()["report_id"].get<std::string>();
    const std::string path = "/api/v1/members/import-reports/" + token;
    ASSERT_EQ(world_->ready("qianxian").get(path).status, 200);

    auto c = gh::db::connect(gh::db::parse_url(world_->db.url()));
    const auto old_id = c->query("SELECT id FROM member_import_reports WHERE token = ?", {token})
                            .front()
                            .get<int64_t>(0);
    // The newest report, so that SQLite gives its id to the next one once it is deleted.
    ASSERT_EQ(c->query("SELECT MAX(id) FROM member_import_reports").front().get<int64_t>(0),
              old_id);
    c->execute("UPDATE member_import_reports SET expires_at = ? WHERE token = ?",
               {std::string("2020-01-01T00:00:00.000Z"), token});
    ASSERT_EQ(c->query("SELECT COUNT(*) FROM member_import_reports WHERE expires_at < ?",
                       {std::string("2026-01-01")})
                  .front()
                  .get<int64_t>(0),
              1);
    EXPECT_EQ(world_->ready("qianxian").get(path).status, 404);

    auto second = upload("qianxian", "org=" + qian() + "&mode=good-rows&name=new.csv", text);
    ASSERT_EQ(second.status, 200) << second.body;
    EXPECT_EQ(c->query("SELECT COUNT(*) FROM member_import_reports WHERE expires_at < ?",
                       {std::string("2026-01-01")})
                  .front()
                  .get<int64_t>(0),
              0);
    const auto fresh_token = second.json()["report_id"].get<std::string>();
    EXPECT_NE(fresh_token, token);
    const std::string fresh = "/api/v1/members/import-reports/" + fresh_token;
    EXPECT_EQ(world_->ready("qianxian").get(fresh).status, 200);
    // The old link never opens the newer report of the same scope, although on SQLite the new
    // row took the deleted row's id; nor does that id name a report.
    if (world_->db.url().starts_with("sqlite")) {
        EXPECT_EQ(c->query("SELECT id FROM member_import_reports WHERE token = ?", {fresh_token})
                      .front()
                      .get<int64_t>(0),
                  old_id);
    }
    EXPECT_EQ(world_->ready("qianxian").get(path).status, 404);
    const std::string by_id = "/api/v1/members/import-reports/" + std::to_string(old_id);
    EXPECT_EQ(world_->ready("qianxian").get(by_id).status, 404);
}

TEST_F(MemberExchange, XlsxUploadAndRefusedBodies) {
    gh::xlsx::Sheet sheet;
    sheet.name = "会员";
    for (const char* h : {"姓名", "身份证号", "民族", "劳模"})
        sheet.columns.push_back({h, 14, true, {}});
    sheet.rows = {{"郑一", person("61042419880808441"), "汉族", "是"}};
    auto ok = upload("jiceng", "mode=good-rows", gh::xlsx::write_workbook({sheet}));
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(ok.json()["imported"], 1);
    EXPECT_EQ(ok.json()["report_id"], nullptr);

    auto empty = upload("jiceng", "", "");
    EXPECT_EQ(empty.status, 422) << empty.body;
    EXPECT_EQ(empty.json()["error"]["code"], "member.import_file");
    auto prose = upload("jiceng", "", "这不是名册\n只是一段文字\n");
    EXPECT_EQ(prose.status, 422) << prose.body;
    EXPECT_EQ(prose.json()["error"]["field"], "file");
    auto junk = upload("jiceng", "", std::string("PK\x03\x04", 4) + "not really a zip");
    EXPECT_EQ(junk.status, 422) << junk.body;
    auto mode = upload("jiceng", "mode=some-rows", "姓名,身份证号\n");
    EXPECT_EQ(mode.status, 422) << mode.body;
    EXPECT_EQ(mode.json()["error"]["field"], "mode");
    auto big = upload("jiceng", "", std::string(5 * 1024 * 1024 + 1, 'a'));
    EXPECT_EQ(big.status, 413) << big.body;
    // An org outside the caller's scope.
    auto other =
        upload("jiceng", "org=" + std::to_string(world_->org_id("binzhou", "彬州市总工会")),
               "姓名,身份证号\n");
    EXPECT_EQ(other.status, 422) << other.body;
}

TEST_F(MemberExchange, ExportIsMaskedAndRevealNeedsPiiReadAndIsAudited) {
    const std::string id = person("61042419770707771");
    auto c = world_->ready("qianxian")
                 .send("POST", "/api/v1/members",
                       {{"org_id", std::stoll(qian())},
                        {"name", "导出甲"},
                        {"id_number", id},
                        {"phone", "13700001111"},
                        {"model_worker", true}});
    ASSERT_EQ(c.status, 201) << c.body;

    auto masked = world_->ready("jiceng").get("/api/v1/members/export?flags=model_worker");
    ASSERT_EQ(masked.status, 200) << masked.body;
    EXPECT_EQ(masked.header("content-type"), gh::xlsx::content_type());
    auto rows = rows_of(masked.body);
    ASSERT_GE(rows.size(), 2u);
    EXPECT_EQ(rows[0][1], "姓名");
    EXPECT_EQ(rows[0][2], "身份证号");
    bool found = false;
    for (const auto& row : rows) {
        if (row.size() > 3 && row[1] == "导出甲") {
            found = true;
            EXPECT_EQ(row[2], id.substr(0, 6) + "********" + id.substr(14));
            EXPECT_EQ(row[3], "137****1111");
        }
    }
    EXPECT_TRUE(found);
    EXPECT_EQ(world_->ready("jiceng").get("/api/v1/members/export?reveal=1").status, 403);

    auto shown =
        world_->ready("qianxian")
            .get("/api/v1/members/export?q=" + std::string("%E5%AF%BC%E5%87%BA") + "&reveal=1");
    ASSERT_EQ(shown.status, 200) << shown.body;
    rows = rows_of(shown.body);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[1][2], id);
    EXPECT_EQ(rows[1][3], "13700001111");

    auto log = world_->ready("auditadm").get("/api/v1/audit?action=member.export").json();
    int revealed = 0;
    for (auto& e : log["items"]) {
        json d =
            e["detail"].is_string() ? json::parse(e["detail"].get<std::string>()) : e["detail"];
        if (e["actor_name"] == "qianxian" && d["revealed"] == true) {
            ++revealed;
            EXPECT_EQ(d["count"], 1);
        }
    }
    EXPECT_EQ(revealed, 1);
}

// Issue #12, item 3: the member.export row stored the search text, so an export by ID number or
// phone put the number in clear into the audit log. Now: its kind, blind index and mask.
TEST_F(MemberExchange, ASearchByIdNumberOrPhoneIsAuditedWithoutTheNumber) {
    const std::string id = person("61042419800808881");
    auto c = world_->ready("qianxian")
                 .send("POST", "/api/v1/members",
                       {{"org_id", std::stoll(qian())},
                        {"name", "审计乙"},
                        {"id_number", id},
                        {"phone", "13700002222"}});
    ASSERT_EQ(c.status, 201) << c.body;
    auto& q = world_->ready("qianxian");
    ASSERT_EQ(q.get("/api/v1/members/export?q=" + id + "&reveal=1").status, 200);
    ASSERT_EQ(q.get("/api/v1/members/export?q=13700002222").status, 200);
    auto log = world_->ready("auditadm").get("/api/v1/audit?action=member.export&limit=500");
    ASSERT_EQ(log.status, 200) << log.body;
    EXPECT_EQ(log.body.find(id), std::string::npos) << log.body;
    EXPECT_EQ(log.body.find("13700002222"), std::string::npos) << log.body;
    std::set<std::string> kinds;
    const json items = log.json()["items"];
    for (const auto& e : items) {
        const auto& d = e["detail"];
        if (!d.contains("q_kind")) continue;
        kinds.insert(d["q_kind"].get<std::string>());
        if (d["q_kind"] == "id_number") {
            EXPECT_EQ(d["q_masked"], id.substr(0, 6) + "********" + id.substr(14));
            EXPECT_EQ(d["q_blind"].get<std::string>().size(), 64u) << d.dump();
            EXPECT_EQ(d["count"], 1);
        }
        if (d["q_kind"] == "phone") {
            EXPECT_EQ(d["q_masked"], "137****2222");
        }
    }
    EXPECT_EQ(kinds.count("id_number"), 1u);
    EXPECT_EQ(kinds.count("phone"), 1u);
}
