// Volunteer points at service stations (issue #14, item 6), through the real server on both
// databases: events earn once per worker (by the event's QR code or by the member card), items
// are redeemed with an Idempotency-Key in one transaction (stock and balance guarded by
// conditional updates), picked up once with the one-time code, reversed as new entries; the
// worker's inbox follows every step; concurrent redemptions never oversell nor overdraw.
#include <atomic>
#include <ctime>
#include <regex>
#include <thread>

#include "core/cn/id_number.h"
#include "core/db/db.h"
#include "identity_world.h"

using namespace gh::test;
using nlohmann::json;

namespace {

const std::string kConsent = "pi-consent-2026-11";

std::string code_of(const HttpResponse& r) {
    auto j = r.json();
    return j.contains("error") ? j["error"]["code"].get<std::string>() : "";
}

std::string beijing_today(int offset_days = 0) {
    std::time_t t = std::time(nullptr) + 8 * 3600 + offset_days * 86400;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

// A worker's phone session; unlike support/phone.h it sends extra headers (Idempotency-Key),
// and a copy with its own connection can be made for another thread.
class Mobile {
public:
    Mobile(uint16_t port, std::string cookie, std::string csrf)
        : client_(port), cookie_(std::move(cookie)), csrf_(std::move(csrf)) {}
    HttpResponse get(const std::string& target) {
        return client_.request("GET", target, "", {{"Cookie", cookie_}});
    }
    HttpResponse send(const std::string& method, const std::string& target, const json& body,
                      std::vector<std::pair<std::string, std::string>> extra = {}) {
        extra.emplace_back("Cookie", cookie_);
        extra.emplace_back("Content-Type", "application/json");
        extra.emplace_back("X-CSRF-Token", csrf_);
        return client_.request(method, target, body.dump(), extra);
    }
    HttpResponse redeem(int64_t item_id, const std::string& key) {
        return send("POST", "/api/v1/worker/stations/redemptions", {{"item_id", item_id}},
                    {{"Idempotency-Key", key}});
    }
    std::unique_ptr<Mobile> another(uint16_t port) const {
        return std::make_unique<Mobile>(port, cookie_, csrf_);
    }

private:
    HttpClient client_;
    std::string cookie_, csrf_;
};

class StationPoints : public ::testing::Test {
protected:
    // A world per test: each signs workers in with one-time codes, and the per-IP limit of
    // sign-in attempts (30 a minute) is the server's.
    void SetUp() override { w_ = std::make_unique<IdentityWorld>(roomy_sign_in_limits()); }
    void TearDown() override { w_.reset(); }

    StaffSession& keeper() { return w_->ready("qianxian"); }
    uint16_t port() const { return w_->port(); }

    std::unique_ptr<Mobile> sign_in(const std::string& phone) {
        HttpClient c(port());
        EXPECT_EQ(c.post_json("/api/v1/worker/otp", {{"phone", phone}}).status, 200);
        const std::string code = logged_code(*w_->server, phone);
        auto r = c.post_json("/api/v1/worker/login", {{"phone", phone}, {"code", code}});
        EXPECT_EQ(r.status, 200) << r.body;
        auto set = r.header("set-cookie");
        return std::make_unique<Mobile>(port(), set.substr(0, set.find(';')),
                                        r.json()["csrf_token"].get<std::string>());
    }

    json station(const std::string& name = "乾县城关驿站") {
        auto r = keeper().send("POST", "/api/v1/stations",
                               {{"name", name}, {"lat", 34.5293}, {"lng", 108.2366}});
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json();
    }
    std::string base(const json& s) {
        return "/api/v1/stations/" + std::to_string(s["id"].get<int64_t>());
    }
    json item(const json& s, const std::string& name, int64_t points, int64_t stock) {
        auto r = keeper().send("POST", base(s) + "/items",
                               {{"name", name}, {"points", points}, {"stock", stock}});
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json();
    }
    json event(const json& s, int64_t points, const std::string& day = beijing_today()) {
        auto r = keeper().send("POST", base(s) + "/events",
                               {{"title", "驿站清洁志愿服务"}, {"day", day}, {"points", points}});
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json();
    }
    std::string token(const json& ev) {
        auto r = keeper().get("/api/v1/station-events/" + std::to_string(ev["id"].get<int64_t>()) +
                              "/code");
        EXPECT_EQ(r.status, 200) << r.body;
        EXPECT_NE(r.json()["url"].get<std::string>().find(r.json()["token"].get<std::string>()),
                  std::string::npos);
        return r.json()["token"];
    }
    HttpResponse attend(Mobile& m, const std::string& t) {
        return m.send("POST", "/api/v1/worker/stations/events/attend", {{"token", t}});
    }
    int64_t stock_of(const json& s, const json& it) {
        auto r = keeper().get(base(s) + "/items");
        EXPECT_EQ(r.status, 200) << r.body;
        const json body = r.json();  // the loop must not range over a temporary's member
        for (const auto& i : body["items"]) {
            if (i["id"] == it["id"]) return i["stock"];
        }
        ADD_FAILURE() << "item not listed";
        return -1;
    }
    int64_t count(const std::string& sql) {
        auto db = gh::db::connect(gh::db::parse_url(w_->db.url()));
        return db->query(sql).front().get<int64_t>(0);
    }
    std::vector<std::string> inbox_kinds(Mobile& m) {
        auto r = m.get("/api/v1/worker/notices?limit=100");
        EXPECT_EQ(r.status, 200) << r.body;
        std::vector<std::string> kinds;
        const json body = r.json();
        for (const auto& n : body["items"]) kinds.push_back(n["kind"]);
        return kinds;  // newest first
    }

    std::unique_ptr<IdentityWorld> w_;
};

}  // namespace

TEST_F(StationPoints, AnEventEarnsOncePerWorkerByCodeOrByCard) {
    const json s = station();
    const json ev = event(s, 30);
    const std::string t = token(ev);

    // By the event's QR code.
    auto a = sign_in("13712340001");
    auto first = attend(*a, t);
    ASSERT_EQ(first.status, 201) << first.body;
    EXPECT_EQ(first.json()["points"], 30);
    EXPECT_EQ(first.json()["balance"], 30);
    auto again = attend(*a, t);
    EXPECT_EQ(again.status, 409) << again.body;
    EXPECT_EQ(code_of(again), "points.already_attended");
    std::string forged = t;
    forged.back() = forged.back() == '0' ? '1' : '0';
    EXPECT_EQ(code_of(attend(*a, forged)), "points.token");
    EXPECT_EQ(code_of(attend(*a, "12.zz")), "points.token");
    // Only on the event's day.
    auto later = event(s, 10, beijing_today(2));
    auto early = attend(*a, token(later));
    EXPECT_EQ(early.status, 409) << early.body;
    EXPECT_EQ(code_of(early), "points.event_not_today");

    auto mine = a->get("/api/v1/worker/points");
    ASSERT_EQ(mine.status, 200) << mine.body;
    EXPECT_EQ(mine.json()["balance"], 30);
    ASSERT_EQ(mine.json()["entries"].size(), 1u);
    const auto e = mine.json()["entries"][0];
    EXPECT_EQ(e["kind"], "earn");
    EXPECT_EQ(e["amount"], 30);
    EXPECT_EQ(e["balance_after"], 30);
    EXPECT_EQ(e["note"], "驿站清洁志愿服务");
    EXPECT_EQ(e["station"]["code"], s["code"]);
    EXPECT_TRUE(std::regex_match(e["created_at"].get<std::string>(),
                                 std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+08:00)")))
        << e["created_at"];
    EXPECT_EQ(inbox_kinds(*a), std::vector<std::string>{"points.earned"});

    // By the member card: a worker who joined through the phone.
    auto b = sign_in("13712340002");
    auto u = keeper().send("POST", "/api/v1/orgs",
                           {{"name", "乾县外卖骑手工会"},
                            {"type", "grassroots_union"},
                            {"parent_id", w_->org_id("qianxian", "乾县总工会")}});
    ASSERT_EQ(u.status, 201) << u.body;
    auto app = b->send("POST", "/api/v1/worker/applications",
                       {{"name", "韩梅"},
                        {"id_number", gh::cn::make_id_number("61042419950505123")},
                        {"phone", "13712340002"},
                        {"occupation", "外卖骑手"},
                        {"new_form", true},
                        {"org_id", u.json()["id"]},
                        {"pi_consent", true},
                        {"consent_version", kConsent}});
    ASSERT_EQ(app.status, 201) << app.body;
    auto ok =
        keeper().send("POST", "/api/v1/join-applications/" +
                                  std::to_string(app.json()["id"].get<int64_t>()) + "/approve");
    ASSERT_EQ(ok.status, 200) << ok.body;
    auto card = b->get("/api/v1/worker/membership");
    ASSERT_EQ(card.status, 200) << card.body;
    const std::string card_no = card.json()["card_no"];
    const std::string attendance =
        "/api/v1/station-events/" + std::to_string(ev["id"].get<int64_t>()) + "/attendance";
    auto by_card = keeper().send("POST", attendance, {{"card_no", card_no}});
    ASSERT_EQ(by_card.status, 201) << by_card.body;
    EXPECT_EQ(by_card.json()["balance"], 30);
    auto twice = keeper().send("POST", attendance, {{"card_no", card_no}});
    EXPECT_EQ(twice.status, 409);
    EXPECT_EQ(code_of(twice), "points.already_attended");
    EXPECT_EQ(code_of(attend(*b, t)), "points.already_attended");  // one earning per worker
    auto unknown = keeper().send("POST", attendance, {{"card_no", "GH00000000000000"}});
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(code_of(unknown), "points.card_unknown");
    EXPECT_EQ(b->get("/api/v1/worker/points").json()["balance"], 30);

    auto listed = keeper().get(base(s) + "/events");
    ASSERT_EQ(listed.status, 200) << listed.body;
    bool seen = false;
    const json events = listed.json();
    for (const auto& x : events["items"]) {
        if (x["id"] == ev["id"]) {
            seen = true;
            EXPECT_EQ(x["attendees"], 2);
        }
    }
    EXPECT_TRUE(seen);
    EXPECT_EQ(count("SELECT COUNT(*) FROM points_entries WHERE kind = 'earn'"), 2);
    auto bad = keeper().send("POST", base(s) + "/events",
                             {{"title", "x"}, {"day", "2026-02-30"}, {"points", 1}});
    EXPECT_EQ(code_of(bad), "points.event_day");
}

TEST_F(StationPoints, RedemptionGuardsBalanceStockAndReplaysItsFirstAnswer) {
    const json s = station();
    auto bad =
        keeper().send("POST", base(s) + "/items", {{"name", " "}, {"points", 5}, {"stock", 1}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(code_of(bad), "points.item_name");
    EXPECT_EQ(bad.json()["error"]["field"], "name");
    EXPECT_EQ(code_of(keeper().send("POST", base(s) + "/items",
                                    {{"name", "早餐"}, {"points", 0}, {"stock", 1}})),
              "points.item_points");
    EXPECT_EQ(code_of(keeper().send("POST", base(s) + "/items",
                                    {{"name", "早餐"}, {"points", 5}, {"stock", -1}})),
              "points.item_stock");

    const json breakfast = item(s, "5元早餐", 50, 1);
    const json meal = item(s, "9元正餐", 500, 5);
    auto m = sign_in("13712340011");
    ASSERT_EQ(attend(*m, token(event(s, 100))).status, 201);

    auto phone_items = m->get("/api/v1/worker/stations/" + s["code"].get<std::string>() + "/items");
    ASSERT_EQ(phone_items.status, 200) << phone_items.body;
    EXPECT_EQ(phone_items.json()["station"]["name"], "乾县城关驿站");
    EXPECT_EQ(phone_items.json()["items"].size(), 2u);
    EXPECT_EQ(m->get("/api/v1/worker/stations/NOPE/items").status, 404);

    // Past the balance: 409 and nothing written.
    auto poor = m->redeem(meal["id"], "k-meal");
    EXPECT_EQ(poor.status, 409) << poor.body;
    EXPECT_EQ(code_of(poor), "points.insufficient");
    EXPECT_EQ(stock_of(s, meal), 5);
    EXPECT_EQ(count("SELECT COUNT(*) FROM points_entries WHERE kind = 'redeem'"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM points_idempotency"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM station_redemptions"), 0);

    // No key, a bad key.
    auto nokey =
        m->send("POST", "/api/v1/worker/stations/redemptions", {{"item_id", breakfast["id"]}});
    EXPECT_EQ(nokey.status, 400);
    EXPECT_EQ(code_of(nokey), "points.idempotency_key");
    EXPECT_EQ(code_of(m->redeem(breakfast["id"], std::string(101, 'k'))), "points.idempotency_key");

    auto first = m->redeem(breakfast["id"], "k-1");
    ASSERT_EQ(first.status, 201) << first.body;
    const json answer = first.json();
    EXPECT_TRUE(std::regex_match(answer["pickup_code"].get<std::string>(), std::regex("[0-9]{8}")));
    EXPECT_EQ(answer["balance"], 50);
    EXPECT_EQ(answer["status"], "pending");
    EXPECT_EQ(answer["item"], json({{"id", breakfast["id"]}, {"name", "5元早餐"}, {"points", 50}}));
    EXPECT_EQ(answer["station"], json({{"code", s["code"]}, {"name", "乾县城关驿站"}}));
    // The retry answers the first answer and writes nothing.
    auto retry = m->redeem(breakfast["id"], "k-1");
    EXPECT_EQ(retry.status, 201);
    EXPECT_EQ(retry.json(), answer);
    EXPECT_EQ(count("SELECT COUNT(*) FROM station_redemptions"), 1);
    EXPECT_EQ(stock_of(s, breakfast), 0);
    // The same key for another request.
    auto other = m->redeem(meal["id"], "k-1");
    EXPECT_EQ(other.status, 422) << other.body;
    EXPECT_EQ(code_of(other), "points.idempotency_mismatch");
    // The code is never stored in clear.
    EXPECT_EQ(count("SELECT COUNT(*) FROM points_idempotency WHERE response LIKE '%" +
                    answer["pickup_code"].get<std::string>() + "%'"),
              0);

    // Past the stock: 409 and nothing written.
    auto gone = m->redeem(breakfast["id"], "k-2");
    EXPECT_EQ(gone.status, 409) << gone.body;
    EXPECT_EQ(code_of(gone), "points.out_of_stock");
    EXPECT_EQ(m->get("/api/v1/worker/points").json()["balance"], 50);
    EXPECT_EQ(count("SELECT COUNT(*) FROM points_entries WHERE kind = 'redeem'"), 1);

    auto mine = m->get("/api/v1/worker/stations/redemptions");
    ASSERT_EQ(mine.status, 200) << mine.body;
    ASSERT_EQ(mine.json()["items"].size(), 1u);
    EXPECT_EQ(mine.json()["items"][0]["pickup_code"], answer["pickup_code"]);

    // The keeper collects once.
    const std::string code = answer["pickup_code"];
    std::string wrong = code;
    wrong[0] = wrong[0] == '9' ? '1' : static_cast<char>(wrong[0] + 1);
    auto none = keeper().send("POST", base(s) + "/pickups", {{"code", wrong}});
    EXPECT_EQ(none.status, 404);
    EXPECT_EQ(code_of(none), "points.pickup_not_found");
    auto got = keeper().send("POST", base(s) + "/pickups", {{"code", code}});
    ASSERT_EQ(got.status, 200) << got.body;
    EXPECT_EQ(got.json()["status"], "collected");
    auto twice = keeper().send("POST", base(s) + "/pickups", {{"code", code}});
    EXPECT_EQ(twice.status, 409);
    EXPECT_EQ(code_of(twice), "points.already_collected");
    EXPECT_TRUE(
        m->get("/api/v1/worker/stations/redemptions").json()["items"][0]["pickup_code"].is_null());
    const std::string rpath = "/api/v1/station-redemptions/";
    auto late = keeper().send(
        "POST", rpath + std::to_string(answer["redemption_id"].get<int64_t>()) + "/reverse",
        {{"reason", "误操作"}});
    EXPECT_EQ(code_of(late), "points.not_pending");

    // A reversal gives back the points and the stock as new entries.
    auto restock = keeper().send(
        "PUT", "/api/v1/station-items/" + std::to_string(breakfast["id"].get<int64_t>()),
        {{"stock", 1}});
    ASSERT_EQ(restock.status, 200) << restock.body;
    auto second = m->redeem(breakfast["id"], "k-3");
    ASSERT_EQ(second.status, 201) << second.body;
    EXPECT_EQ(second.json()["balance"], 0);
    const std::string reverse =
        rpath + std::to_string(second.json()["redemption_id"].get<int64_t>()) + "/reverse";
    EXPECT_EQ(code_of(keeper().send("POST", reverse, {{"reason", ""}})), "points.reason");
    auto back = keeper().send("POST", reverse, {{"reason", "早餐已售罄，退回积分"}});
    ASSERT_EQ(back.status, 200) << back.body;
    EXPECT_EQ(back.json()["status"], "reversed");
    EXPECT_EQ(code_of(keeper().send("POST", reverse, {{"reason", "again"}})), "points.not_pending");
    EXPECT_EQ(code_of(keeper().send("POST", base(s) + "/pickups",
                                    {{"code", second.json()["pickup_code"]}})),
              "points.not_pending");
    EXPECT_EQ(stock_of(s, breakfast), 1);
    auto ledger = m->get("/api/v1/worker/points").json();
    EXPECT_EQ(ledger["balance"], 50);
    std::vector<std::pair<std::string, int64_t>> seen;
    for (auto& e : ledger["entries"]) seen.emplace_back(e["kind"], e["amount"]);
    const std::vector<std::pair<std::string, int64_t>> want = {
        {"reverse", 50}, {"redeem", -50}, {"redeem", -50}, {"earn", 100}};
    EXPECT_EQ(seen, want);
    EXPECT_EQ(ledger["entries"][0]["balance_after"], 50);
    EXPECT_EQ(ledger["entries"][1]["balance_after"], 0);  // the old entry is unchanged

    // The worker's inbox shows each step, newest first.
    const std::vector<std::string> steps = {"points.reversed", "points.redeemed",
                                            "points.collected", "points.redeemed", "points.earned"};
    EXPECT_EQ(inbox_kinds(*m), steps);

    // The console: the ledger of the station, and its redemptions.
    auto search =
        keeper().get("/api/v1/points/entries?station=" + std::to_string(s["id"].get<int64_t>()) +
                     "&kind=redeem");
    ASSERT_EQ(search.status, 200) << search.body;
    EXPECT_EQ(search.json()["items"].size(), 2u);
    EXPECT_EQ(code_of(keeper().get("/api/v1/points/entries?kind=steal")), "points.kind");
    auto reds = keeper().get(base(s) + "/redemptions");
    ASSERT_EQ(reds.status, 200) << reds.body;
    ASSERT_EQ(reds.json()["items"].size(), 2u);
    EXPECT_EQ(reds.json()["items"][0]["status"], "reversed");
    EXPECT_EQ(reds.json()["items"][1]["status"], "collected");
    EXPECT_FALSE(reds.json()["items"][0].contains("pickup_code"));
    EXPECT_EQ(count("SELECT COUNT(*) FROM points_accounts WHERE balance < 0"), 0);
}

TEST_F(StationPoints, AHundredConcurrentRedemptionsSellExactlyTheStock) {
    const json s = station();
    const json it = item(s, "5元早餐", 50, 10);
    const std::string t = token(event(s, 1000));
    std::vector<std::unique_ptr<Mobile>> workers;
    for (int i = 0; i < 10; ++i) {
        workers.push_back(sign_in("1371234" + std::to_string(1100 + i)));
        ASSERT_EQ(attend(*workers.back(), t).status, 201);
    }
    std::atomic<int> sold{0}, out{0}, other{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 100; ++i) {
        threads.emplace_back([&, i] {
            auto m = workers[i % 10]->another(port());
            auto r = m->redeem(it["id"], "burst-" + std::to_string(i));
            if (r.status == 201) {
                ++sold;
            } else if (r.status == 409 && code_of(r) == "points.out_of_stock") {
                ++out;
            } else {
                ++other;
                ADD_FAILURE() << r.status << " " << r.body;
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(sold.load(), 10);
    EXPECT_EQ(out.load(), 90);
    EXPECT_EQ(other.load(), 0);
    EXPECT_EQ(stock_of(s, it), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM points_entries WHERE kind = 'redeem'"), 10);
    EXPECT_EQ(count("SELECT COUNT(*) FROM station_redemptions"), 10);
    EXPECT_EQ(count("SELECT CAST(SUM(balance) AS BIGINT) FROM points_accounts"),
              10 * 1000 - 10 * 50);
    EXPECT_EQ(count("SELECT COUNT(*) FROM points_accounts WHERE balance < 0"), 0);
}

TEST_F(StationPoints, TwentyConcurrentRedemptionsOfOneWorkerSpendOnlyTheBalance) {
    const json s = station();
    const json it = item(s, "9元正餐", 50, 100);
    auto m = sign_in("13712340021");
    ASSERT_EQ(attend(*m, token(event(s, 150))).status, 201);
    std::atomic<int> sold{0}, poor{0}, other{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 20; ++i) {
        threads.emplace_back([&, i] {
            auto mine = m->another(port());
            auto r = mine->redeem(it["id"], "one-" + std::to_string(i));
            if (r.status == 201) {
                ++sold;
                EXPECT_GE(r.json()["balance"].get<int64_t>(), 0);
            } else if (r.status == 409 && code_of(r) == "points.insufficient") {
                ++poor;
            } else {
                ++other;
                ADD_FAILURE() << r.status << " " << r.body;
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(sold.load(), 3);
    EXPECT_EQ(poor.load(), 17);
    EXPECT_EQ(other.load(), 0);
    EXPECT_EQ(m->get("/api/v1/worker/points").json()["balance"], 0);
    EXPECT_EQ(stock_of(s, it), 97);
    EXPECT_EQ(count("SELECT COUNT(*) FROM points_entries WHERE kind = 'redeem'"), 3);
    EXPECT_EQ(count("SELECT MIN(balance_after) FROM points_entries"), 0);
}

TEST_F(StationPoints, ConcurrentRequestsWithOneKeyWriteOnce) {
    const json s = station();
    const json it = item(s, "热水一壶", 10, 50);
    auto m = sign_in("13712340031");
    ASSERT_EQ(attend(*m, token(event(s, 100))).status, 201);
    std::vector<HttpResponse> answers(10);
    std::vector<std::thread> threads;
    for (int i = 0; i < 10; ++i) {
        threads.emplace_back([&, i] { answers[i] = m->another(port())->redeem(it["id"], "same"); });
    }
    for (auto& th : threads) th.join();
    for (const auto& a : answers) {
        ASSERT_EQ(a.status, 201) << a.body;
        EXPECT_EQ(a.json(), answers[0].json());
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM station_redemptions"), 1);
    EXPECT_EQ(stock_of(s, it), 49);
    EXPECT_EQ(m->get("/api/v1/worker/points").json()["balance"], 90);
}
