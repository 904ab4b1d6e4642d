// Issue #14's "done when", as one story through the real server on both databases: a courier
// who is a member finds the nearest open station with a microwave, checks in by scanning its
// door code, earns points at a station event and spends them on breakfast, and his inbox shows
// each step; the county dashboard shows the visit in the right station, hour and occupation.
#include <ctime>

#include "core/cn/id_number.h"
#include "identity_world.h"
#include "phone.h"

using namespace gh::test;
using nlohmann::json;

namespace {

std::string beijing(const char* format) {
    std::time_t t = std::time(nullptr) + 8 * 3600;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, format, &tm);
    return buf;
}

class Phone2 {  // a worker's session that can send an Idempotency-Key
public:
    Phone2(uint16_t port, const std::string& phone, IdentityWorld& w) : c_(port) {
        EXPECT_EQ(c_.post_json("/api/v1/worker/otp", {{"phone", phone}}).status, 200);
        auto r = c_.post_json("/api/v1/worker/login",
                              {{"phone", phone}, {"code", logged_code(*w.server, phone)}});
        EXPECT_EQ(r.status, 200) << r.body;
        auto set = r.header("set-cookie");
        cookie_ = set.substr(0, set.find(';'));
        csrf_ = r.json()["csrf_token"];
    }
    HttpResponse get(const std::string& t) {
        return c_.request("GET", t, "", {{"Cookie", cookie_}});
    }
    HttpResponse send(const std::string& t, const json& body,
                      std::vector<std::pair<std::string, std::string>> extra = {}) {
        extra.emplace_back("Cookie", cookie_);
        extra.emplace_back("Content-Type", "application/json");
        extra.emplace_back("X-CSRF-Token", csrf_);
        return c_.request("POST", t, body.dump(), extra);
    }

private:
    HttpClient c_;
    std::string cookie_, csrf_;
};

}  // namespace

TEST(StationStory, ACourierFindsChecksInEarnsAndSpendsAndTheCountySeesIt) {
    IdentityWorld w;
    auto& cadre = w.ready("qianxian");
    const int64_t county = w.org_id("qianxian", "乾县总工会");
    // Two stations near the courier: the nearer has no microwave, the other is closed now
    // (it opens in the middle of the night only on paper: 03:00-03:01), a third has one.
    auto make = [&](json body) {
        auto r = cadre.send("POST", "/api/v1/stations", body);
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json();
    };
    make({{"name", "近处无微波炉驿站"},
          {"lat", 34.5300},
          {"lng", 108.2400},
          {"amenities", {"热水"}}});
    make({{"name", "近处未开放驿站"},
          {"lat", 34.5302},
          {"lng", 108.2403},
          {"amenities", {"微波炉"}},
          {"hours", beijing("%H") == "03" ? "05:00-05:01" : "03:00-03:01"}});
    auto target = make({{"name", "乾县城关北大街驿站"},
                        {"lat", 34.5320},
                        {"lng", 108.2440},
                        {"amenities", {"微波炉", "充电"}},
                        {"hours", "24小时"}});
    const std::string base = "/api/v1/stations/" + std::to_string(target["id"].get<int64_t>());

    // The courier is a member (a courier's union in 乾县), signed in on his phone.
    auto u = cadre.send(
        "POST", "/api/v1/orgs",
        {{"name", "乾县快递员工会"}, {"type", "grassroots_union"}, {"parent_id", county}});
    ASSERT_EQ(u.status, 201) << u.body;
    const std::string phone = "13712345680";
    Phone2 p(w.port(), phone, w);
    auto app = p.send("/api/v1/worker/applications",
                      {{"name", "马骁"},
                       {"id_number", gh::cn::make_id_number("61042419930303123")},
                       {"phone", phone},
                       {"occupation", "快递员"},
                       {"new_form", true},
                       {"org_id", u.json()["id"]},
                       {"pi_consent", true},
                       {"consent_version", "pi-consent-2026-11"}});
    ASSERT_EQ(app.status, 201) << app.body;
    ASSERT_EQ(cadre
                  .send("POST", "/api/v1/join-applications/" +
                                    std::to_string(app.json()["id"].get<int64_t>()) + "/approve")
                  .status,
              200);

    // 1. The nearest open station with a microwave (public, as the phone page asks).
    auto near = p.get(
        "/api/v1/stations/nearby?lat=34.5299&lng=108.2399&limit=5&open=true&amenity=microwave");
    ASSERT_EQ(near.status, 200) << near.body;
    ASSERT_FALSE(near.json()["items"].empty());
    EXPECT_EQ(near.json()["items"][0]["code"], target["code"]);
    EXPECT_EQ(near.json()["items"][0]["open"], true);

    // 2. He scans the door code (the token the door screen shows).
    auto door = cadre.get(base + "/door-token");
    ASSERT_EQ(door.status, 200) << door.body;
    const std::string hour = beijing("%H");
    auto in = p.send("/api/v1/worker/stations/checkin", {{"token", door.json()["token"]}});
    ASSERT_EQ(in.status, 201) << in.body;  // a new visit
    EXPECT_EQ(in.json()["counted"], true);
    EXPECT_EQ(in.json()["station"]["code"], target["code"]);

    // 3. He volunteers at the station's event and earns its points.
    auto ev = cadre.send("POST", base + "/events",
                         {{"title", "驿站周边清扫"}, {"day", beijing("%Y-%m-%d")}, {"points", 60}});
    ASSERT_EQ(ev.status, 201) << ev.body;
    auto code = cadre.get("/api/v1/station-events/" +
                          std::to_string(ev.json()["id"].get<int64_t>()) + "/code");
    ASSERT_EQ(code.status, 200) << code.body;
    auto earned =
        p.send("/api/v1/worker/stations/events/attend", {{"token", code.json()["token"]}});
    ASSERT_EQ(earned.status, 201) << earned.body;
    EXPECT_EQ(p.get("/api/v1/worker/points").json()["balance"], 60);

    // 4. Breakfast for 50 points; the pickup code, collected once by the keeper.
    auto item =
        cadre.send("POST", base + "/items", {{"name", "5元早餐"}, {"points", 50}, {"stock", 10}});
    ASSERT_EQ(item.status, 201) << item.body;
    auto bought = p.send("/api/v1/worker/stations/redemptions", {{"item_id", item.json()["id"]}},
                         {{"Idempotency-Key", "breakfast-1"}});
    ASSERT_EQ(bought.status, 201) << bought.body;
    EXPECT_EQ(bought.json()["balance"], 10);
    auto pickup = cadre.send("POST", base + "/pickups", {{"code", bought.json()["pickup_code"]}});
    EXPECT_EQ(pickup.status, 200) << pickup.body;
    auto more = p.send("/api/v1/worker/stations/redemptions", {{"item_id", item.json()["id"]}},
                       {{"Idempotency-Key", "breakfast-2"}});
    EXPECT_EQ(more.status, 409);  // 10 points left
    EXPECT_EQ(more.json()["error"]["code"], "points.insufficient");

    // 5. His inbox shows each step.
    const json inbox = p.get("/api/v1/worker/notices?limit=50").json();
    std::vector<std::string> kinds;
    for (const auto& n : inbox["items"]) kinds.push_back(n["kind"]);
    for (const char* k : {"station.checkin", "points.earned"}) {
        EXPECT_NE(std::find(kinds.begin(), kinds.end(), k), kinds.end())
            << k << " " << inbox.dump();
    }
    bool redeemed = false;
    for (const auto& k : kinds) redeemed = redeemed || k.rfind("points.redeem", 0) == 0;
    EXPECT_TRUE(redeemed) << inbox.dump();

    // His copy of his data (PIPL) holds the visit, the points and the redemption.
    const json mine = p.get("/api/v1/worker/me/data").json();
    EXPECT_EQ(mine["stations"]["visits"].size(), 1u) << mine.dump().substr(0, 400);
    EXPECT_EQ(mine["stations"]["points"]["balance"], 10);
    EXPECT_EQ(mine["stations"]["points"]["entries"].size(), 2u);
    EXPECT_EQ(mine["stations"]["redemptions"].size(), 1u);

    // 6. The county's dashboard: one visit, at that station, in this hour, by a courier.
    const json sum = cadre.get("/api/v1/stations/visits/summary").json();
    EXPECT_EQ(sum["visits"], 1) << sum.dump();
    EXPECT_EQ(sum["by_station"][0]["code"], target["code"]);
    EXPECT_EQ(sum["by_hour"][std::stoi(hour)], 1) << sum.dump();
    ASSERT_EQ(sum["by_occupation"].size(), 1u) << sum.dump();
    EXPECT_EQ(sum["by_occupation"][0]["code"], "courier");
    EXPECT_EQ(sum["uniques"], 1);
    // Another county's cadre does not see it.
    EXPECT_EQ(w.ready("binzhou").get("/api/v1/stations/visits/summary").json()["visits"], 0);
}
