// Check-ins at a station's door (issue #14, item 4) through the real server, on both databases:
// a worker's scan of the door token (counted once within the repeat window, again after it on the
// server's shifted clock), forged, expired and old-generation tokens refused, a keeper's entry by
// member card, a smart lock's question with a service account (member card, worker pass,
// closed station, outside hours), the rollups equal to the visits table, 40 workers checking in
// at once each counted exactly once, the worker's notices and visits, the dashboard, and scope.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <ctime>
#include <latch>
#include <regex>
#include <thread>

#include "core/cn/id_number.h"
#include "core/db/db.h"
#include "identity_world.h"
#include "phone.h"

using namespace gh::test;
using nlohmann::json;

namespace {

std::string code_of(const HttpResponse& r) { return r.json()["error"]["code"]; }

// Retries a request the per-IP sign-in limit answered 429, after the Retry-After it names (the
// worlds here raise the limit: every test talks from 127.0.0.1; this is the guard if not).
template <class Fn>
HttpResponse patiently(Fn&& call) {
    for (;;) {
        HttpResponse r = call();
        if (r.status != 429) return r;
        const std::string after = r.header("retry-after");
        std::this_thread::sleep_for(std::chrono::seconds(after.empty() ? 5 : std::stoi(after)));
    }
}

// A worker signed in by a one-time code (development mode: the code is in the server log).
std::unique_ptr<Phone> worker(IdentityWorld& w, const std::string& phone) {
    HttpClient c(w.port());
    auto otp = patiently([&] { return c.post_json("/api/v1/worker/otp", {{"phone", phone}}); });
    EXPECT_EQ(otp.status, 200) << otp.body;
    const std::string code = logged_code(*w.server, phone);
    auto p = std::make_unique<Phone>(w.port());
    auto in = patiently([&] { return p->login({{"phone", phone}, {"code", code}}); });
    EXPECT_EQ(in.status, 200) << in.body;
    return p;
}

json make_station(StaffSession& s, const std::string& name, json extra = json::object()) {
    json body = {{"name", name},
                 {"address", "乾县城关街道" + name + "路 1 号"},
                 {"lat", 34.5276},
                 {"lng", 108.2412},
                 {"hours", "24小时"}};
    for (auto& [k, v] : extra.items()) body[k] = v;
    auto r = s.send("POST", "/api/v1/stations", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
}

std::string id_of(const json& station) { return std::to_string(station["id"].get<int64_t>()); }

std::string door_token(StaffSession& s, const json& station) {
    auto r = s.get("/api/v1/stations/" + id_of(station) + "/door-token");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["token"];
}

HttpResponse scan(Phone& p, const std::string& token) {
    return p.send("POST", "/api/v1/worker/stations/checkin", {{"token", token}});
}

// "2026-…T…Z" of the system clock moved by `seconds`: a GONGHUI_CLOCK start.
std::string iso_in(int seconds) {
    const std::time_t t = std::time(nullptr) + seconds;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::unique_ptr<gh::db::Connection> open_db(IdentityWorld& w) {
    return gh::db::connect(gh::db::parse_url(w.db.url()));
}

int64_t count(gh::db::Connection& c, const std::string& sql, const gh::db::Params& ps = {}) {
    return c.query(sql, ps).front().get<int64_t>(0);
}

// Every (station, day, hour, occupation) of the rollups holds exactly the visits of the table,
// and the uniques are the first visits of each (station, day, visitor).
void expect_rollups_match_visits(IdentityWorld& w) {
    auto c = open_db(w);
    const std::string visits =
        "SELECT station_id, day, hour, occupation, COUNT(*) FROM station_visits "
        "GROUP BY station_id, day, hour, occupation ORDER BY 1, 2, 3, 4";
    const std::string rollups =
        "SELECT station_id, day, hour, occupation, CAST(SUM(visits) AS BIGINT) FROM "
        "station_visit_rollups GROUP BY station_id, day, hour, occupation ORDER BY 1, 2, 3, 4";
    auto a = c->query(visits), b = c->query(rollups);
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        for (int k : {0, 2, 4}) {
            EXPECT_EQ(a[i].get<int64_t>(k), b[i].get<int64_t>(k)) << "row " << i << " col " << k;
        }
        EXPECT_EQ(a[i].get<std::string>(1), b[i].get<std::string>(1));
        EXPECT_EQ(a[i].get<std::string>(3), b[i].get<std::string>(3));
    }
    EXPECT_EQ(count(*c, "SELECT COUNT(*) FROM station_day_visitors"),
              count(*c,
                    "SELECT COALESCE(CAST(SUM(uniques) AS BIGINT), 0) FROM "
                    "station_visit_rollups"));
    EXPECT_EQ(count(*c, "SELECT COUNT(*) FROM station_day_visitors"),
              count(*c,
                    "SELECT COUNT(*) FROM (SELECT DISTINCT station_id, day, visitor FROM "
                    "station_visits) t"));
}

class Checkin : public ::testing::Test {
protected:
    static void SetUpTestSuite() { world_ = new IdentityWorld(roomy_sign_in_limits()); }
    static void TearDownTestSuite() { delete world_; }
    static IdentityWorld* world_;
    static StaffSession& cadre() { return world_->ready("qianxian"); }
};
IdentityWorld* Checkin::world_ = nullptr;

}  // namespace

TEST_F(Checkin, AScanCountsOnceWithinTheWindowAndReachesTheInbox) {
    const json st = make_station(cadre(), "城关驿站");
    auto p = worker(*world_, "13712345001");
    const std::string token = door_token(cadre(), st);
    auto first = scan(*p, token);
    ASSERT_EQ(first.status, 201) << first.body;  // a new visit; a repeat answers 200
    const json a = first.json();
    EXPECT_TRUE(a["counted"]);
    EXPECT_EQ(a["station"]["code"], st["code"]);
    EXPECT_EQ(a["station"]["name"], "城关驿站");
    EXPECT_EQ(a["station"]["address"], st["address"]);
    EXPECT_TRUE(std::regex_match(a["visited_at"].get<std::string>(),
                                 std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00)")))
        << a;
    // A repeat within the window: the same visit, nothing written.
    auto again = scan(*p, door_token(cadre(), st));
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_FALSE(again.json()["counted"]);
    EXPECT_EQ(again.json()["visit_id"], a["visit_id"]);
    auto c = open_db(*world_);
    EXPECT_EQ(count(*c, "SELECT COUNT(*) FROM station_visits WHERE station_id = ?",
                    {st["id"].get<int64_t>()}),
              1);

    // The worker's visits and inbox.
    auto mine = p->get("/api/v1/worker/stations/visits");
    ASSERT_EQ(mine.status, 200) << mine.body;
    ASSERT_EQ(mine.json()["items"].size(), 1u);
    EXPECT_EQ(mine.json()["items"][0]["station"]["code"], st["code"]);
    EXPECT_EQ(mine.json()["items"][0]["method"], "scan");
    EXPECT_EQ(mine.json()["items"][0]["visited_at"], a["visited_at"]);
    auto inbox = p->get("/api/v1/worker/notices").json();
    ASSERT_EQ(inbox["items"].size(), 1u) << inbox;
    EXPECT_EQ(inbox["items"][0]["kind"], "station.checkin");
    EXPECT_EQ(inbox["items"][0]["link"], "/m/stations/visits");
    EXPECT_NE(inbox["items"][0]["title"].get<std::string>().find("城关驿站"), std::string::npos);
    expect_rollups_match_visits(*world_);
}

TEST_F(Checkin, TheDoorScreenTokenAndThePoster) {
    const json st = make_station(cadre(), "海报驿站");
    auto t = cadre().get("/api/v1/stations/" + id_of(st) + "/door-token");
    ASSERT_EQ(t.status, 200) << t.body;
    const json j = t.json();
    const std::string token = j["token"];
    EXPECT_TRUE(token.starts_with("D1." + st["code"].get<std::string>() + ".1.")) << token;
    EXPECT_TRUE(j["url"].get<std::string>().ends_with("/m/stations/checkin?t=" + token)) << j;
    EXPECT_TRUE(j["expires_at"].get<std::string>().ends_with("+08:00")) << j;
    auto svg = cadre().get("/api/v1/stations/" + id_of(st) + "/poster.svg");
    ASSERT_EQ(svg.status, 200) << svg.body;
    EXPECT_EQ(svg.header("content-type"), "image/svg+xml");
    EXPECT_NE(svg.body.find(R"(viewBox="0 0 210 297")"), std::string::npos);
    EXPECT_NE(svg.body.find("海报驿站"), std::string::npos);
    EXPECT_NE(svg.body.find(st["code"].get<std::string>()), std::string::npos);
    EXPECT_NE(svg.body.find("微信/手机扫码签到"), std::string::npos);
    EXPECT_NE(svg.body.find("海报驿站路 1 号"), std::string::npos);
    auto png = cadre().get("/api/v1/stations/" + id_of(st) + "/poster.png");
    ASSERT_EQ(png.status, 200);
    EXPECT_EQ(png.header("content-type"), "image/png");
    EXPECT_EQ(png.body.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    // A station keeper of the county may read them; a worker may not.
    auto p = worker(*world_, "13712345002");
    EXPECT_EQ(p->get("/api/v1/stations/" + id_of(st) + "/door-token").status, 403);
}

TEST_F(Checkin, ForgedAndOldGenerationTokensAre422) {
    const json st = make_station(cadre(), "换码驿站");
    auto p = worker(*world_, "13712345003");
    const std::string token = door_token(cadre(), st);
    // The signature changed in its last character, an unknown station, no token at all.
    std::string tampered = token;
    tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
    for (const std::string& bad : {tampered, std::string("D1.YZ000000-9999.1.4102444800.AAAA"),
                                   std::string("hello"), std::string("D1..1.2.x")}) {
        auto r = scan(*p, bad);
        EXPECT_EQ(r.status, 422) << bad << " " << r.body;
        EXPECT_EQ(code_of(r), "station.door_token") << bad;
        EXPECT_EQ(r.json()["error"]["field"], "token");
    }
    // A later expiry written into a real token breaks its signature.
    const auto parts_end = token.rfind('.');
    const auto exp_start = token.rfind('.', parts_end - 1) + 1;
    std::string later = token.substr(0, exp_start) + "4102444800" + token.substr(parts_end);
    EXPECT_EQ(code_of(scan(*p, later)), "station.door_token");

    // Renewing the door voids every token printed before it.
    auto renew = cadre().send("POST", "/api/v1/stations/" + id_of(st) + "/door/renew");
    ASSERT_EQ(renew.status, 200) << renew.body;
    EXPECT_EQ(renew.json()["door_generation"], 2);
    EXPECT_EQ(renew.json()["code"], st["code"]);
    auto old = scan(*p, token);
    EXPECT_EQ(old.status, 422) << old.body;
    EXPECT_EQ(code_of(old), "station.door_token_expired");
    EXPECT_FALSE(old.json()["error"]["message"].get<std::string>().empty());
    // The new generation's token works.
    const std::string fresh = door_token(cadre(), st);
    EXPECT_NE(fresh.find(".2."), std::string::npos) << fresh;
    auto ok = scan(*p, fresh);
    EXPECT_EQ(ok.status, 201) << ok.body;
    EXPECT_TRUE(ok.json()["counted"]);
    // A station under repair takes no check-ins.
    ASSERT_EQ(cadre().send("PUT", "/api/v1/stations/" + id_of(st), {{"status", "repair"}}).status,
              200);
    auto closed = scan(*p, door_token(cadre(), st));
    EXPECT_EQ(closed.status, 409) << closed.body;
    EXPECT_EQ(code_of(closed), "station.closed");
}

TEST_F(Checkin, AKeeperChecksInAMemberByCard) {
    const json st = make_station(cadre(), "刷卡驿站");
    auto m = cadre().send("POST", "/api/v1/members",
                          {{"org_id", world_->org_id("qianxian", "乾县总工会")},
                           {"name", "李四"},
                           {"id_number", gh::cn::make_id_number("61042419900202123")},
                           {"occupation", "快递员"}});
    ASSERT_EQ(m.status, 201) << m.body;
    const std::string card = m.json()["card_no"];
    const std::string path = "/api/v1/stations/" + id_of(st) + "/checkins";
    auto first = cadre().send("POST", path, {{"card_no", card}});
    ASSERT_EQ(first.status, 201) << first.body;
    EXPECT_TRUE(first.json()["counted"]);
    auto again = cadre().send("POST", path, {{"card_no", card}});
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_FALSE(again.json()["counted"]);
    auto unknown = cadre().send("POST", path, {{"card_no", "NOPE-000000"}});
    EXPECT_EQ(unknown.status, 422) << unknown.body;
    EXPECT_EQ(code_of(unknown), "station.card");
    EXPECT_EQ(unknown.json()["error"]["field"], "card_no");
    auto c = open_db(*world_);
    auto rows = c->query(
        "SELECT visitor, method, occupation, member_id FROM station_visits "
        "WHERE station_id = ?",
        {st["id"].get<int64_t>()});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].get<std::string>(0), "m" + std::to_string(m.json()["id"].get<int64_t>()));
    EXPECT_EQ(rows[0].get<std::string>(1), "card");
    EXPECT_EQ(rows[0].get<std::string>(2), "courier");
    // The station's dashboard counts the courier.
    auto sum = cadre().get("/api/v1/stations/" + id_of(st) + "/visits/summary");
    ASSERT_EQ(sum.status, 200) << sum.body;
    EXPECT_EQ(sum.json()["visits"], 1);
    ASSERT_EQ(sum.json()["by_occupation"].size(), 1u);
    EXPECT_EQ(sum.json()["by_occupation"][0]["code"], "courier");
    expect_rollups_match_visits(*world_);
}

TEST_F(Checkin, ASmartLockAsksWithAServiceAccount) {
    auto add = run_gonghui({"service-account", "add", "--db", world_->db.url(), "--key-file",
                            world_->key_file, "--name", "lock-qianxian", "--org", "610424",
                            "--permission", "station.door"});
    ASSERT_EQ(add.exit_code, 0) << add.output;
    const auto pos = add.output.find("(shown once): ");
    ASSERT_NE(pos, std::string::npos) << add.output;
    const std::string bearer = add.output.substr(pos + 14, 43);
    HttpClient lock(world_->port());
    auto ask = [&](const std::string& code, const std::string& type, const std::string& value) {
        return lock.request(
            "POST", "/api/v1/stations/" + code + "/door",
            json{{"credential", {{"type", type}, {"value", value}}}}.dump(),
            {{"Authorization", "Bearer " + bearer}, {"Content-Type", "application/json"}});
    };
    const json st = make_station(cadre(), "门禁驿站");
    const std::string code = st["code"];
    auto m = cadre().send("POST", "/api/v1/members",
                          {{"org_id", world_->org_id("qianxian", "乾县总工会")},
                           {"name", "王五"},
                           {"id_number", gh::cn::make_id_number("61042419910303123")},
                           {"occupation", "外卖员"}});
    ASSERT_EQ(m.status, 201) << m.body;
    const std::string card = m.json()["card_no"];

    auto open = ask(code, "card", card);
    ASSERT_EQ(open.status, 200) << open.body;
    EXPECT_EQ(open.json(), (json{{"allow", true}, {"reason", "member_card"}}));
    auto unknown = ask(code, "card", "NOPE-1");
    ASSERT_EQ(unknown.status, 200) << unknown.body;
    EXPECT_EQ(unknown.json(), (json{{"allow", false}, {"reason", "card_unknown"}}));
    // A worker's personal pass opens it; a forged one does not.
    auto p = worker(*world_, "13712345004");
    auto pass = p->get("/api/v1/worker/stations/pass");
    ASSERT_EQ(pass.status, 200) << pass.body;
    const std::string pass_text = pass.json()["pass"];
    EXPECT_TRUE(pass.json()["expires_at"].get<std::string>().ends_with("+08:00"));
    auto by_pass = ask(code, "pass", pass_text);
    EXPECT_EQ(by_pass.json(), (json{{"allow", true}, {"reason", "worker_pass"}})) << by_pass.body;
    std::string forged = pass_text;
    forged.back() = forged.back() == 'A' ? 'B' : 'A';
    EXPECT_EQ(ask(code, "pass", forged).json()["reason"], "pass_invalid");
    EXPECT_EQ(ask(code, "face", "x").status, 422);
    EXPECT_EQ(code_of(ask(code, "face", "x")), "station.credential");

    // Two visits: the member's and the worker's (the denials wrote nothing).
    auto c = open_db(*world_);
    EXPECT_EQ(count(*c,
                    "SELECT COUNT(*) FROM station_visits WHERE station_id = ? AND method = "
                    "'door'",
                    {st["id"].get<int64_t>()}),
              2);
    EXPECT_EQ(p->get("/api/v1/worker/stations/visits").json()["items"][0]["method"], "door");

    // Outside the opening hours, and under repair, the door stays shut.
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char hours[32];
    const int off = (tm.tm_hour + 8 + 12) % 24;
    std::snprintf(hours, sizeof hours, "%02d:00-%02d:30", off, off);
    const json night = make_station(cadre(), "夜间驿站", {{"hours", hours}});
    EXPECT_EQ(ask(night["code"].get<std::string>(), "card", card).json(),
              (json{{"allow", false}, {"reason", "outside_hours"}}));
    ASSERT_EQ(cadre().send("PUT", "/api/v1/stations/" + id_of(st), {{"status", "repair"}}).status,
              200);
    EXPECT_EQ(ask(code, "card", card).json()["reason"], "station_closed");
    EXPECT_EQ(count(*c, "SELECT COUNT(*) FROM station_visits WHERE station_id = ?",
                    {night["id"].get<int64_t>()}),
              0);
    // A station of another county is not the lock's to open.
    const json bz =
        make_station(world_->ready("binzhou"), "彬州驿站", {{"lat", 35.0355}, {"lng", 108.0812}});
    EXPECT_EQ(ask(bz["code"].get<std::string>(), "card", card).status, 404);
    // Without station.door, no answer at all.
    EXPECT_EQ(p->send("POST", "/api/v1/stations/" + code + "/door",
                      {{"credential", {{"type", "card"}, {"value", card}}}})
                  .status,
              403);
    expect_rollups_match_visits(*world_);
}

TEST_F(Checkin, FortyWorkersAtOnceAreEachCountedOnce) {
    const json st = make_station(cadre(), "高峰驿站");
    const std::string token = door_token(cadre(), st);
    constexpr int kWorkers = 40;
    std::vector<std::unique_ptr<Phone>> phones;
    for (int i = 0; i < kWorkers; ++i) {
        phones.push_back(worker(*world_, "1371234" + std::to_string(6000 + i)));
    }
    std::vector<int> status(kWorkers, 0);
    std::vector<bool> counted(kWorkers, false);
    std::vector<int64_t> ids(kWorkers, 0);
    std::latch go(kWorkers);
    std::vector<std::thread> threads;
    for (int i = 0; i < kWorkers; ++i) {
        threads.emplace_back([&, i] {
            go.arrive_and_wait();
            auto r = scan(*phones[i], token);
            status[i] = r.status;
            if (r.status == 201) {
                counted[i] = r.json()["counted"];
                ids[i] = r.json()["visit_id"];
            }
        });
    }
    for (auto& t : threads) t.join();
    for (int i = 0; i < kWorkers; ++i) {
        EXPECT_EQ(status[i], 201) << i;
        EXPECT_TRUE(counted[i]) << i;
    }
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(std::unique(ids.begin(), ids.end()), ids.end());
    auto c = open_db(*world_);
    const int64_t sid = st["id"].get<int64_t>();
    EXPECT_EQ(count(*c, "SELECT COUNT(*) FROM station_visits WHERE station_id = ?", {sid}),
              kWorkers);
    EXPECT_EQ(count(*c,
                    "SELECT CAST(SUM(visits) AS BIGINT) FROM station_visit_rollups WHERE "
                    "station_id = ?",
                    {sid}),
              kWorkers);
    EXPECT_EQ(count(*c,
                    "SELECT CAST(SUM(uniques) AS BIGINT) FROM station_visit_rollups WHERE "
                    "station_id = ?",
                    {sid}),
              kWorkers);
    // Spread over the shards of the hour.
    EXPECT_GT(count(*c, "SELECT COUNT(*) FROM station_visit_rollups WHERE station_id = ?", {sid}),
              1);
    auto sum = cadre().get("/api/v1/stations/" + id_of(st) + "/visits/summary");
    ASSERT_EQ(sum.status, 200) << sum.body;
    EXPECT_EQ(sum.json()["visits"], kWorkers);
    EXPECT_EQ(sum.json()["uniques"], kWorkers);
    const json by_hour = sum.json()["by_hour"];
    int64_t hours = 0;
    for (const auto& h : by_hour) hours += h.get<int64_t>();
    EXPECT_EQ(hours, kWorkers);
    EXPECT_EQ(by_hour.size(), 24u);
    expect_rollups_match_visits(*world_);
}

TEST_F(Checkin, TheDashboardReadsTheRollupsInScope) {
    auto sum = cadre().get("/api/v1/stations/visits/summary");
    ASSERT_EQ(sum.status, 200) << sum.body;
    const json s = sum.json();
    auto c = open_db(*world_);
    const int64_t all = count(*c, "SELECT COUNT(*) FROM station_visits");
    EXPECT_EQ(s["visits"], all);  // every station so far is 乾县's
    EXPECT_EQ(s["days"], 30);
    EXPECT_EQ(s["by_day"].size(), 30u);
    EXPECT_DOUBLE_EQ(s["daily_average"].get<double>(), std::round(all / 30.0 * 100) / 100);
    EXPECT_EQ(s["uniques"], count(*c, "SELECT COUNT(*) FROM station_day_visitors"));
    int64_t by_station = 0;
    for (auto& row : s["by_station"]) by_station += row["visits"].get<int64_t>();
    EXPECT_EQ(by_station, all);
    EXPECT_EQ(s["by_station"][0]["name"], "高峰驿站");
    int64_t by_occupation = 0;
    for (auto& row : s["by_occupation"]) by_occupation += row["visits"].get<int64_t>();
    EXPECT_EQ(by_occupation, all);
    EXPECT_FALSE(s["formulas"]["visits"].get<std::string>().empty());
    EXPECT_FALSE(s["formulas"]["daily_average"].get<std::string>().empty());
    // The per-hour numbers equal the table's.
    for (const auto& r : c->query("SELECT hour, COUNT(*) FROM station_visits GROUP BY hour")) {
        EXPECT_EQ(s["by_hour"][r.get<int64_t>(0)], r.get<int64_t>(1));
    }
    // A range of one day, a bad range.
    auto one = cadre().get("/api/v1/stations/visits/summary?from=2020-01-01&to=2020-01-01");
    ASSERT_EQ(one.status, 200) << one.body;
    EXPECT_EQ(one.json()["visits"], 0);
    EXPECT_EQ(one.json()["days"], 1);
    auto long_range = cadre().get("/api/v1/stations/visits/summary?from=2020-01-01&to=2021-01-02");
    EXPECT_EQ(long_range.status, 422);
    EXPECT_EQ(code_of(long_range), "station.range");
    EXPECT_EQ(code_of(cadre().get("/api/v1/stations/visits/summary?from=2020-13-01")),
              "station.range");
    // 咸阳 sees 乾县's visits; 彬州 does not, and may not ask for 乾县.
    auto xy = world_->ready("xianyang").get("/api/v1/stations/visits/summary");
    EXPECT_EQ(xy.json()["visits"], all);
    auto bz = world_->ready("binzhou").get("/api/v1/stations/visits/summary");
    ASSERT_EQ(bz.status, 200) << bz.body;
    EXPECT_EQ(bz.json()["visits"], 0);
    const auto qx_org = world_->org_id("qianxian", "乾县总工会");
    EXPECT_EQ(world_->ready("binzhou")
                  .get("/api/v1/stations/visits/summary?org=" + std::to_string(qx_org))
                  .status,
              404);
}

TEST_F(Checkin, ACadreOfAnotherCountyGets404) {
    const json st = make_station(cadre(), "辖区驿站");
    auto& bz = world_->ready("binzhou");
    const std::string base = "/api/v1/stations/" + id_of(st);
    for (const std::string& path : {base + "/door-token", base + "/poster.svg",
                                    base + "/poster.png", base + "/visits/summary"}) {
        auto r = bz.get(path);
        EXPECT_EQ(r.status, 404) << path << " " << r.body;
        EXPECT_EQ(code_of(r), "station.not_found") << path;
    }
    EXPECT_EQ(bz.send("POST", base + "/checkins", {{"card_no", "X"}}).status, 404);
    EXPECT_EQ(bz.send("POST", base + "/door/renew").status, 404);
}

// The repeat window on the server's own clock: a one-minute window (the environment), the server
// restarted 90 s later (GONGHUI_CLOCK, development mode) counts the same worker again; 200 s
// later the door screen's token of the first run (120 s) has expired.
TEST(CheckinClock, AfterTheWindowAVisitCountsAgainAndScreenTokensExpire) {
    setenv("GONGHUI_STATIONS_REPEAT_WINDOW_MINUTES", "1", 1);
    IdentityWorld w(roomy_sign_in_limits());
    const json st = make_station(w.ready("qianxian"), "时钟驿站");
    const std::string token = door_token(w.ready("qianxian"), st);
    const std::string phone = "13712347001";
    {
        auto p = worker(w, phone);
        auto a = scan(*p, token);
        ASSERT_EQ(a.status, 201) << a.body;
        EXPECT_TRUE(a.json()["counted"]);
        EXPECT_FALSE(scan(*p, token).json()["counted"]);
    }
    setenv("GONGHUI_CLOCK", iso_in(90).c_str(), 1);
    w.start();
    {
        auto p = worker(w, phone);
        auto b = scan(*p, token);
        ASSERT_EQ(b.status, 201) << b.body;
        EXPECT_TRUE(b.json()["counted"]) << b.body;
        EXPECT_EQ(p->get("/api/v1/worker/stations/visits").json()["items"].size(), 2u);
    }
    setenv("GONGHUI_CLOCK", iso_in(200).c_str(), 1);
    w.start();
    {
        auto p = worker(w, phone);
        auto late = scan(*p, token);
        EXPECT_EQ(late.status, 422) << late.body;
        EXPECT_EQ(code_of(late), "station.door_token_expired");
    }
    unsetenv("GONGHUI_CLOCK");
    unsetenv("GONGHUI_STATIONS_REPEAT_WINDOW_MINUTES");
    auto c = open_db(w);
    EXPECT_EQ(count(*c, "SELECT COUNT(*) FROM station_visits"), 2);
    expect_rollups_match_visits(w);
}
