// Service stations (issue #14) through the real server on both databases: the console's CRUD in
// scope, the public nearest-station query of the contract (distance order, open at a time, a
// station past midnight, amenity filters, WGS-84 both ways, bad coordinates answered 400 with the
// field), the import (HTTP, and `gonghui import stations` with its JSON line and exit codes,
// followed by a running server), the map providers' feeds, the verification round, the
// stationmaster roster, and wishes followed to fulfilment with the worker told.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/cn/geo.h"
#include "identity_world.h"
#include "import_fixtures.h"
#include "phone.h"

using namespace gh::test;
using nlohmann::json;

namespace {

std::string code_of(const HttpResponse& r) { return r.json()["error"]["code"]; }
std::string field_of(const HttpResponse& r) { return r.json()["error"]["field"]; }

class Stations : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new IdentityWorld();
        dir_ = std::filesystem::temp_directory_path() /
               ("gonghui_stations_" + std::to_string(getpid()));
        std::filesystem::create_directories(dir_);
    }
    static void TearDownTestSuite() {
        delete world_;
        std::filesystem::remove_all(dir_);
    }
    static IdentityWorld* world_;
    static std::filesystem::path dir_;

    static StaffSession& as(const std::string& user) { return world_->ready(user); }
    static HttpResponse create(const std::string& user, json body) {
        return as(user).send("POST", "/api/v1/stations", body);
    }
    static json created(const std::string& user, json body) {
        auto r = create(user, std::move(body));
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json();
    }
    static HttpResponse nearby(const std::string& query) {
        HttpClient c(world_->port());  // public: no session
        return c.get("/api/v1/stations/nearby?" + query);
    }
    static std::string file(const std::string& name, const std::string& text) {
        const auto path = (dir_ / name).string();
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }
};
IdentityWorld* Stations::world_ = nullptr;
std::filesystem::path Stations::dir_;

}  // namespace

TEST_F(Stations, ACreatedStationIsFoundNearestWithItsDistance) {
    auto s = created("qianxian", {{"name", "乾县城关快递驿站"},
                                  {"address", "城关街道北大街 12 号"},
                                  {"lat", 34.5296},
                                  {"lng", 108.2447},
                                  {"amenities", {"微波炉", "charging", "热水"}},
                                  {"hours", "24小时"},
                                  {"capacity", 20}});
    EXPECT_TRUE(std::string(s["code"]).starts_with("YZ610424-")) << s;
    EXPECT_EQ(s["amenities"][0]["code"], "hot_water");  // stored in the list's order
    auto far = created(
        "qianxian",
        {{"name", "乾县阳洪驿站"}, {"lat", 34.62}, {"lng", 108.10}, {"amenities", {"热水"}}});
    auto r = nearby("lat=34.5300&lng=108.2450&limit=2");
    ASSERT_EQ(r.status, 200) << r.body;
    auto items = r.json()["items"];
    ASSERT_EQ(items.size(), 2u) << r.body;
    EXPECT_EQ(items[0]["code"], s["code"]);
    EXPECT_EQ(items[1]["code"], far["code"]);
    const double want = gh::cn::haversine_m({34.5300, 108.2450}, {34.5296, 108.2447});
    EXPECT_NEAR(items[0]["distance_m"].get<double>(), want, 0.1);
    EXPECT_LT(items[0]["distance_m"].get<double>(), items[1]["distance_m"].get<double>());
    EXPECT_EQ(items[0]["open"], true);
    EXPECT_EQ(items[0]["amenities"], json({"热水", "微波炉", "充电"}));
    EXPECT_DOUBLE_EQ(items[0]["lat"].get<double>(), 34.5296);
    // Filter by amenity (by name or code): the far one has no microwave.
    auto mw =
        nearby("lat=34.62&lng=108.10&limit=50&amenity=%E5%BE%AE%E6%B3%A2%E7%82%89").json()["items"];
    ASSERT_FALSE(mw.empty());
    for (const auto& h : mw) {
        EXPECT_NE(h["code"], far["code"]);
        EXPECT_NE(std::find(h["amenities"].begin(), h["amenities"].end(), "微波炉"),
                  h["amenities"].end());
    }
}

TEST_F(Stations, OpenAtRespectsHoursPastMidnightAndTheNowDefault) {
    auto night = created(
        "qianxian",
        {{"name", "乾县夜班驿站"}, {"lat", 34.40}, {"lng", 108.30}, {"hours", "22:00-06:00"}});
    auto find = [&](const std::string& at) {
        auto r = nearby("lat=34.40&lng=108.30&limit=1&open_at=" + at);
        EXPECT_EQ(r.status, 200) << r.body;
        auto items = r.json()["items"];
        EXPECT_EQ(items[0]["code"], night["code"]);
        return items[0]["open"].get<bool>();
    };
    EXPECT_TRUE(find("2026-12-04T01:00:00%2B08:00"));
    EXPECT_TRUE(find("2026-12-03T17:00:00Z"));  // 01:00 in Beijing
    EXPECT_FALSE(find("2026-12-04T12:00:00%2B08:00"));
    EXPECT_TRUE(find("2026-12-04T23:30:00"));        // no offset: Beijing time
    EXPECT_TRUE(find("2026-12-04T01:00:00+08:00"));  // an unescaped '+' arrives as a space
    // open=true leaves out a station closed then.
    auto open_only = nearby("lat=34.40&lng=108.30&limit=50&open=true&open_at=2026-12-04T12:00:00Z");
    const json open_items = open_only.json();
    for (const auto& h : open_items["items"]) EXPECT_NE(h["code"], night["code"]);
}

TEST_F(Stations, WgsCoordinatesAreConvertedInAndOut) {
    const gh::cn::LatLng wgs{34.7001, 108.5002};
    auto s =
        created("qianxian",
                {{"name", "乾县GPS驿站"}, {"lat", wgs.lat}, {"lng", wgs.lng}, {"crs", "WGS-84"}});
    const auto gcj = gh::cn::wgs84_to_gcj02(wgs);
    EXPECT_NEAR(s["lat"].get<double>(), gcj.lat, 1e-9);
    EXPECT_NEAR(s["lng"].get<double>(), gcj.lng, 1e-9);
    EXPECT_GT(gh::cn::haversine_m(wgs, gcj), 50.0);  // the shift is real
    auto r = nearby("lat=34.7001&lng=108.5002&limit=1&crs=wgs84").json()["items"][0];
    EXPECT_EQ(r["code"], s["code"]);
    EXPECT_NEAR(r["lat"].get<double>(), wgs.lat, 1e-6);
    EXPECT_NEAR(r["lng"].get<double>(), wgs.lng, 1e-6);
    EXPECT_LT(r["distance_m"].get<double>(), 0.5);
}

TEST_F(Stations, BadNearbyQueriesAnswer400WithTheField) {
    struct Case {
        std::string query, code, field;
    };
    for (const auto& c : std::vector<Case>{
             {"lat=108.2&lng=34.5", "station.lat", "lat"},  // swapped
             {"lat=34.5", "station.lng", "lng"},
             {"lng=108.2", "station.lat", "lat"},
             {"lat=abc&lng=108.2", "station.lat", "lat"},
             {"lat=51.5&lng=-0.12", "station.lng", "lng"},  // London
             {"lat=34.5&lng=108.2&limit=0", "station.limit", "limit"},
             {"lat=34.5&lng=108.2&limit=51", "station.limit", "limit"},
             {"lat=34.5&lng=108.2&amenity=%E9%A3%9E%E6%9C%BA", "station.amenity", "amenity"},
             {"lat=34.5&lng=108.2&open_at=tomorrow", "station.open_at", "open_at"},
             {"lat=34.5&lng=108.2&crs=bd09", "station.crs", "crs"}}) {
        auto r = nearby(c.query);
        EXPECT_EQ(r.status, 400) << c.query << " " << r.body;
        EXPECT_EQ(code_of(r), c.code) << c.query;
        EXPECT_EQ(field_of(r), c.field) << c.query;
        EXPECT_FALSE(r.json()["error"]["message"].get<std::string>().empty());
    }
    auto swapped = nearby("lat=108.2&lng=34.5");
    EXPECT_NE(swapped.body.find("填反"), std::string::npos) << swapped.body;
}

TEST_F(Stations, BadStationsAreRefusedWithTheFieldAndNothingWritten) {
    const auto before = as("qianxian").get("/api/v1/stations?limit=1").json()["total"];
    struct Case {
        json body;
        std::string code, field;
    };
    const json base = {{"name", "坏站"}, {"lat", 34.5}, {"lng", 108.2}};
    auto with = [&](const char* k, json v) {
        json b = base;
        b[k] = std::move(v);
        return b;
    };
    for (const auto& c :
         std::vector<Case>{{with("amenities", {"飞机"}), "station.amenity", "amenities"},
                           {with("hours", "早八晚八"), "station.hours", "hours"},
                           {with("lat", 108.2), "station.lat", "lat"},
                           {with("stars", 6), "station.stars", "stars"},
                           {with("status", "gone"), "station.status", "status"},
                           {with("crs", "BD-09"), "station.crs", "crs"},
                           {with("checklist", {"有猫"}), "station.checklist", "checklist"},
                           {with("code", "有 空格"), "station.code", "code"}}) {
        auto r = create("qianxian", c.body);
        EXPECT_EQ(r.status, 422) << c.body << r.body;
        EXPECT_EQ(code_of(r), c.code) << c.body;
        EXPECT_EQ(field_of(r), c.field) << c.body;
    }
    EXPECT_EQ(as("qianxian").get("/api/v1/stations?limit=1").json()["total"], before);
    created("qianxian", with("code", "QX-DUP-1"));
    auto dup = create("qianxian", with("code", "QX-DUP-1"));
    EXPECT_EQ(dup.status, 409);
    EXPECT_EQ(code_of(dup), "station.code_taken");
}

TEST_F(Stations, ScopeKeepsAnotherCountysStationsOut) {
    auto s = created("qianxian", {{"name", "乾县范围驿站"}, {"lat", 34.51}, {"lng", 108.21}});
    const std::string path = "/api/v1/stations/" + std::to_string(s["id"].get<int64_t>());
    EXPECT_EQ(as("binzhou").get(path).status, 404);
    EXPECT_EQ(as("binzhou").send("PUT", path, {{"name", "改名"}}).status, 404);
    EXPECT_EQ(as("xianyang").get(path).status, 200);  // the city above sees it
    const json theirs = as("binzhou").get("/api/v1/stations?limit=500").json();
    for (const auto& item : theirs["items"]) EXPECT_NE(item["id"], s["id"]);
    auto edited =
        as("qianxian")
            .send("PUT", path, {{"status", "repair"}, {"stars", 4}, {"stars_year", 2026}});
    ASSERT_EQ(edited.status, 200) << edited.body;
    EXPECT_EQ(edited.json()["status"], "repair");
    // Under repair: still found, but not open.
    auto near = nearby("lat=34.51&lng=108.21&limit=1").json()["items"][0];
    EXPECT_EQ(near["code"], s["code"]);
    EXPECT_EQ(near["open"], false);
    ASSERT_EQ(as("qianxian").send("PUT", path, {{"status", "retired"}}).status, 200);
    auto gone = nearby("lat=34.51&lng=108.21&limit=1").json()["items"];
    EXPECT_TRUE(gone.empty() || gone[0]["code"] != s["code"]);
}

TEST_F(Stations, ImportOverHttpCountsDuplicatesAndRejectsBadRows) {
    const std::string csv =
        "站点编码,站点名称,地址,经度,纬度,坐标系,设施,开放时间\n"
        "QXI-001,导入一号站,北大街,108.2301,34.5101,GCJ-02,微波炉、充电,24小时\n"
        "QXI-002,导入二号站,南大街,108.2302,34.5102,WGS-84,\"热水,Wi-Fi\",周一至周五 "
        "08:00-18:00；周六 09:00-12:00\n"
        "QXI-001,重复站,南大街,108.2303,34.5103,,,\n"
        "QXI-003,坏坐标,x,34.5,108.2,,,\n"
        "QXI-004,坏设施,x,108.2,34.5,,飞机,\n";
    auto all = roster::upload(as("qianxian"), "/api/v1/stations/import?name=s.csv", csv);
    ASSERT_EQ(all.status, 200) << all.body;
    EXPECT_EQ(all.json()["imported"], 0);  // all-or-nothing: rows were refused
    EXPECT_EQ(all.json()["rejected_count"], 2);
    auto good = roster::upload(as("qianxian"), "/api/v1/stations/import?mode=good-rows", csv);
    ASSERT_EQ(good.status, 200) << good.body;
    EXPECT_EQ(good.json()["imported"], 2) << good.body;
    EXPECT_EQ(good.json()["duplicates"], 1);
    EXPECT_EQ(good.json()["rejected"][0]["row"], 5);
    EXPECT_EQ(good.json()["rejected"][0]["column"], "纬度");
    auto again = roster::upload(as("qianxian"), "/api/v1/stations/import?mode=good-rows", csv);
    EXPECT_EQ(again.json()["imported"], 0);
    EXPECT_EQ(again.json()["duplicates"], 3);
    auto r = nearby("lat=34.5102&lng=108.2302&limit=1&crs=wgs84").json()["items"][0];
    EXPECT_EQ(r["code"], "QXI-002");
    EXPECT_EQ(as("qianxian").get("/api/v1/stations/import-template").status, 200);
    auto x = as("qianxian").get("/api/v1/stations/export");
    EXPECT_EQ(x.status, 200);
    EXPECT_EQ(x.body.substr(0, 2), "PK");
}

TEST_F(Stations, TheCliImportKeepsItsContractAndTheServerFollows) {
    // The server has just answered a query: its index is loaded and up to date.
    ASSERT_EQ(nearby("lat=34.4401&lng=108.3901&limit=1").status, 200);
    const std::string good = file("good.csv",
                                  "站点名称,经度,纬度,设施,开放时间\n"
                                  "命令行一号站,108.3901,34.4401,微波炉,08:00-20:00\n"
                                  "命令行二号站,108.3902,34.4402,,22:00-06:00\n");
    auto ok = run_gonghui({"import", "stations", good, "--db", world_->db.url(), "--org", "610424",
                           "--key-file", world_->key_file, "--json"});
    EXPECT_EQ(ok.exit_code, 0) << ok.output;
    EXPECT_NE(ok.output.find(R"({"imported":2,"rejected":0,"duplicates":0})"), std::string::npos)
        << ok.output;
    const std::string bad = file("bad.csv",
                                 "站点编码,站点名称,经度,纬度,开放时间\n"
                                 "CLI-1,好站,108.39,34.43,24小时\n"
                                 "CLI-1,重复,108.39,34.43,24小时\n"
                                 "CLI-2,坏时间,108.39,34.43,周八 10:00-11:00\n");
    auto rejected =
        run_gonghui({"import", "stations", bad, "--db", world_->db.url(), "--org", "610424",
                     "--key-file", world_->key_file, "--mode", "good-rows", "--json"});
    EXPECT_EQ(rejected.exit_code, 3) << rejected.output;
    EXPECT_NE(rejected.output.find(R"({"imported":1,"rejected":1,"duplicates":1})"),
              std::string::npos)
        << rejected.output;
    EXPECT_NE(rejected.output.find("开放时间"), std::string::npos) << rejected.output;
    auto usage = run_gonghui(
        {"import", "stations", bad, "--db", world_->db.url(), "--org", "610424", "--mode", "some"});
    EXPECT_EQ(usage.exit_code, 2) << usage.output;
    auto no_org = run_gonghui({"import", "stations", good, "--db", world_->db.url(), "--org",
                               "999999999", "--key-file", world_->key_file});
    EXPECT_EQ(no_org.exit_code, 1) << no_org.output;
    // The running server's next query finds the rows (it reads what changed first).
    auto items = nearby("lat=34.4401&lng=108.3901&limit=1").json()["items"];
    ASSERT_FALSE(items.empty());
    EXPECT_EQ(items[0]["name"], "命令行一号站");
}

TEST_F(Stations, TheFeedsListOpenStationsInBothDatums) {
    auto s = created(
        "qianxian",
        {{"name", "乾县地图驿站"}, {"lat", 34.6001}, {"lng", 108.3001}, {"amenities", {"AED"}}});
    HttpClient c(world_->port());
    auto csv = c.get("/api/v1/stations/feed.csv");
    ASSERT_EQ(csv.status, 200);
    EXPECT_NE(
        csv.body.find(std::string(s["code"]) + ",乾县地图驿站,,108.3001000,34.6001000,GCJ-02,AED"),
        std::string::npos)
        << csv.body.substr(0, 600);
    auto geo = c.get("/api/v1/stations/feed.geojson?crs=wgs84");
    ASSERT_EQ(geo.status, 200);
    bool found = false;
    const json doc = geo.json();
    for (const auto& f : doc["features"]) {
        if (f["id"] != s["code"]) continue;
        found = true;
        const auto wgs = gh::cn::gcj02_to_wgs84({34.6001, 108.3001});
        EXPECT_NEAR(f["geometry"]["coordinates"][0].get<double>(), wgs.lng, 1e-6);
        EXPECT_NEAR(f["geometry"]["coordinates"][1].get<double>(), wgs.lat, 1e-6);
    }
    EXPECT_TRUE(found);
    EXPECT_EQ(geo.json()["crs"]["properties"]["name"], "WGS-84");
}

TEST_F(Stations, AVerificationRoundFlagsUntilTheKeeperConfirms) {
    auto s = created("binzhou", {{"name", "彬州核验驿站"}, {"lat", 35.03}, {"lng", 108.08}});
    const int64_t id = s["id"];
    auto bad = as("binzhou").send("POST", "/api/v1/station-rounds",
                                  {{"title", "年度核验"}, {"due_on", "2020-01-01"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(code_of(bad), "station.due_on");
    auto round = as("binzhou").send("POST", "/api/v1/station-rounds",
                                    {{"title", "2026 年度核验"}, {"due_on", "2099-12-31"}});
    ASSERT_EQ(round.status, 201) << round.body;
    EXPECT_GE(round.json()["stations"].get<int>(), 1);
    auto row = [&] {
        const json page = as("binzhou").get("/api/v1/stations?limit=500").json();
        for (const auto& item : page["items"]) {
            if (item["id"] == id) return item;
        }
        return json();
    };
    EXPECT_EQ(row()["verification_due"], true);
    EXPECT_EQ(row()["overdue"], false);
    auto ok = as("binzhou").send("POST", "/api/v1/stations/" + std::to_string(id) + "/verify",
                                 {{"capacity", 12}});
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(ok.json()["capacity"], 12);
    EXPECT_FALSE(ok.json()["verified_at"].is_null());
    EXPECT_EQ(row()["verification_due"], false);
    auto rounds = as("binzhou").get("/api/v1/station-rounds").json()["items"];
    EXPECT_EQ(rounds[0]["confirmed"].get<int>(), 1);
}

TEST_F(Stations, RosterAndWishesFollowedToFulfilmentWithTheWorkerTold) {
    auto s = created("qianxian", {{"name", "乾县心愿驿站"}, {"lat", 34.45}, {"lng", 108.25}});
    const std::string base = "/api/v1/stations/" + std::to_string(s["id"].get<int64_t>());
    auto entry =
        as("qianxian")
            .send("POST", base + "/roster",
                  {{"day", "2026-12-10"}, {"cadre_name", "王站长"}, {"theme", "微心愿收集"}});
    ASSERT_EQ(entry.status, 201) << entry.body;
    auto twice =
        as("qianxian")
            .send("POST", base + "/roster", {{"day", "2026-12-10"}, {"cadre_name", "王站长"}});
    EXPECT_EQ(twice.status, 409);
    EXPECT_EQ(code_of(twice), "station.roster_taken");
    auto logged =
        as("qianxian")
            .send("PUT",
                  "/api/v1/station-roster/" + std::to_string(entry.json()["id"].get<int64_t>()),
                  {{"log", "送春联 40 副，义诊 12 人"}, {"served", 52}});
    ASSERT_EQ(logged.status, 200) << logged.body;
    EXPECT_EQ(logged.json()["served"], 52);
    auto cal = as("qianxian").get("/api/v1/station-roster?from=2026-12-01&to=2026-12-31");
    ASSERT_EQ(cal.status, 200);
    EXPECT_EQ(cal.json()["items"].back()["station_name"], "乾县心愿驿站");
    EXPECT_EQ(as("binzhou")
                  .send("POST", base + "/roster", {{"day", "2026-12-10"}, {"cadre_name", "李"}})
                  .status,
              404);

    const std::string phone = "13712345601";
    HttpClient c(world_->port());
    ASSERT_EQ(c.post_json("/api/v1/worker/otp", {{"phone", phone}}).status, 200);
    Phone p(world_->port());
    ASSERT_EQ(p.login({{"phone", phone}, {"code", logged_code(*world_->server, phone)}}).status,
              200);
    auto w = p.send("POST", "/api/v1/worker/stations/" + std::string(s["code"]) + "/wishes",
                    {{"text", "希望驿站能添一台电动车充电柜"}});
    ASSERT_EQ(w.status, 201) << w.body;
    const std::string wish =
        "/api/v1/station-wishes/" + std::to_string(w.json()["id"].get<int64_t>());
    EXPECT_EQ(as("qianxian").send("POST", wish + "/fulfil", {{"outcome", "已装"}}).status, 409);
    ASSERT_EQ(as("qianxian").send("POST", wish + "/claim", {{"by", "城关街道工会"}}).status, 200);
    auto done = as("qianxian").send("POST", wish + "/fulfil", {{"outcome", "充电柜已安装"}});
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(done.json()["status"], "fulfilled");
    EXPECT_EQ(as("binzhou").send("POST", wish + "/cancel", {{"reason", "x"}}).status, 404);
    auto mine = p.get("/api/v1/worker/stations/wishes").json()["items"];
    ASSERT_EQ(mine.size(), 1u);
    EXPECT_EQ(mine[0]["status"], "fulfilled");
    auto inbox = p.get("/api/v1/worker/notices").json()["items"];
    std::vector<std::string> titles;
    for (const auto& n : inbox) titles.push_back(n["title"]);
    EXPECT_NE(std::find(titles.begin(), titles.end(), "您的微心愿已实现"), titles.end());
    EXPECT_NE(std::find(titles.begin(), titles.end(), "有人认领了您的微心愿"), titles.end());
    EXPECT_NE(std::find(titles.begin(), titles.end(), "微心愿已收到"), titles.end());
}

TEST_F(Stations, AStationStaysWhenItsUnionMergesOrDissolves) {
    const int64_t fed = as("qianxian").get("/api/v1/auth/me").json()["org_id"];
    auto org = [&](const std::string& name) {
        auto r = as("qianxian")
                     .send("POST", "/api/v1/orgs",
                           {{"name", name}, {"type", "township_union"}, {"parent_id", fed}});
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json()["id"].get<int64_t>();
    };
    const int64_t town = org("乾县驿站测试镇工会"), other = org("乾县驿站测试二镇工会");
    auto a = created("qianxian",
                     {{"name", "镇驿站甲"}, {"lat", 34.48}, {"lng", 108.19}, {"org_id", town}});
    auto b = created("qianxian",
                     {{"name", "镇驿站乙"}, {"lat", 34.47}, {"lng", 108.18}, {"org_id", other}});
    ASSERT_EQ(
        as("qianxian")
            .send("POST", "/api/v1/orgs/" + std::to_string(town) + "/merge", {{"into_id", other}})
            .status,
        200);
    auto moved = as("qianxian").get("/api/v1/stations/" + std::to_string(a["id"].get<int64_t>()));
    ASSERT_EQ(moved.status, 200) << moved.body;
    EXPECT_EQ(moved.json()["org_id"], other);
    ASSERT_EQ(
        as("qianxian")
            .send("POST", "/api/v1/orgs/" + std::to_string(other) + "/dissolve", json::object())
            .status,
        200);
    for (const auto& s : {a, b}) {
        auto after =
            as("qianxian").get("/api/v1/stations/" + std::to_string(s["id"].get<int64_t>()));
        ASSERT_EQ(after.status, 200) << after.body;
        EXPECT_EQ(after.json()["org_id"], fed);  // the dissolved union's parent
    }
}
