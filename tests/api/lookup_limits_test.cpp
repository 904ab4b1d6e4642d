// Limits on lookups by ID number or phone (issue #12, item 4), over HTTP on SQLite and
// PostgreSQL, against servers started with small limits: the lookup past an account's budget
// (or its address's) is refused 429 with Retry-After and the refusal is audited without the
// number; lookups that are not by number are not counted.
//
// The budgets are calendar windows (the UTC minute and day). A test's lookups take
// milliseconds, but one could straddle a window's end: each run reads the window before and
// after and, if it changed, runs once more with a fresh account in the new window. No sleeps.
#include <regex>
#include <set>
#include <thread>

#include "core/cn/id_number.h"
#include "identity_world.h"

using namespace gh::test;
using nlohmann::json;

namespace {

const std::string kConsent = "pi-consent-2026-11";

std::string person(const char* first17) { return gh::cn::make_id_number(first17); }
std::string code_of(const HttpResponse& r) {
    return r.json()["error"].value("code", std::string());
}

int64_t window_now(int64_t seconds) {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
               .count() /
           seconds;
}

// Runs `attempt(round)` (which sends its requests and returns the answers) until one run fits
// in one window of `seconds`; at most twice, since a run is far shorter than a window.
template <class F>
std::vector<HttpResponse> in_one_window(int64_t seconds, F attempt) {
    for (int round = 0; round < 2; ++round) {
        const int64_t before = window_now(seconds);
        auto answers = attempt(round);
        if (window_now(seconds) == before) return answers;
    }
    ADD_FAILURE() << "two runs straddled a window's end";
    return {};
}

// The ratelimit.hit rows of one actor.
std::vector<json> hits_of(IdentityWorld& world, const std::string& actor_name) {
    auto r = world.ready("auditadm").get("/api/v1/audit?action=ratelimit.hit&limit=500");
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<json> out;
    const json items = r.json()["items"];  // kept: the range must outlive the loop
    for (auto& item : items) {
        if (item["actor_name"] == actor_name) out.push_back(item);
    }
    return out;
}

void expect_refused(const HttpResponse& r, int max_retry) {
    ASSERT_EQ(r.status, 429) << r.body;
    EXPECT_EQ(code_of(r), "lookup.rate_limited");
    const std::string header = r.header("retry-after");
    ASSERT_FALSE(header.empty()) << "a 429 without Retry-After";
    const int retry = std::stoi(header);
    EXPECT_GE(retry, 1);
    EXPECT_LE(retry, max_retry);
    EXPECT_EQ(r.json()["error"]["retry_after"], retry);
}

// 3 lookups a minute per account; the per-day and per-address budgets out of the way.
class AccountMinute : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new IdentityWorld({"--lookups-per-minute", "3", "--lookups-per-day", "100000",
                                    "--lookups-per-minute-per-ip", "100000",
                                    "--lookups-per-day-per-ip", "100000"});
    }
    static void TearDownTestSuite() { delete world_; }
    static IdentityWorld* world_;

    // A fresh 彬州 cadre: its budget is untouched.
    static StaffSession& fresh_cadre(const std::string& name) {
        world_->add(name, "610482", {"federation_cadre"});
        return world_->ready(name);
    }
    static int64_t binzhou() {
        static int64_t id = world_->org_id("binzhou", "彬州市总工会");
        return id;
    }
    static HttpResponse ask(StaffSession& s, const std::string& id_number) {
        return s.send("POST", "/api/v1/transfers/requests",
                      {{"id_number", id_number}, {"to_org_id", binzhou()}});
    }
};
IdentityWorld* AccountMinute::world_ = nullptr;

// Budgets per account and day (4) and per address and day (6); the minutes out of the way.
class DayAndAddress : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new IdentityWorld({"--lookups-per-minute", "100000", "--lookups-per-day", "4",
                                    "--lookups-per-minute-per-ip", "100000",
                                    "--lookups-per-day-per-ip", "6"});
    }
    static void TearDownTestSuite() { delete world_; }
    static IdentityWorld* world_;
};
IdentityWorld* DayAndAddress::world_ = nullptr;

}  // namespace

TEST_F(AccountMinute, TheFourthTransferRequestInAMinuteIsRefusedAndAudited) {
    std::string who;
    binzhou();  // looked up (and signed in) before the window starts
    world_->ready("binzhou");
    auto answers = in_one_window(60, [&](int round) {
        who = "probe_t" + std::to_string(round);
        auto& s = fresh_cadre(who);
        std::vector<HttpResponse> out;
        for (int i = 0; i < 5; ++i) {
            out.push_back(ask(s, person(("61042419700101" + std::to_string(100 + i)).c_str())));
        }
        // Another account from the same address has a budget of its own.
        out.push_back(ask(world_->ready("binzhou"), person("61042419700101200")));
        return out;
    });
    ASSERT_EQ(answers.size(), 6u);
    for (int i = 0; i < 3; ++i) EXPECT_EQ(answers[i].status, 202) << i << answers[i].body;
    expect_refused(answers[3], 60);
    expect_refused(answers[4], 60);
    EXPECT_EQ(answers[5].status, 202) << answers[5].body;

    // One audit row for the window (not one per refusal), naming the budget, never the number.
    auto hits = hits_of(*world_, who);
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0]["detail"]["limit"], "account_minute");
    EXPECT_EQ(hits[0]["detail"]["key"], "account");
    EXPECT_EQ(hits[0]["detail"]["window"], "minute");
    EXPECT_EQ(hits[0]["detail"]["max"], 3);
    EXPECT_EQ(hits[0]["detail"]["lookup"], "transfer.request");
    EXPECT_EQ(hits[0]["entity_id"], "account_minute");
    EXPECT_EQ(hits[0].dump().find("61042419700101"), std::string::npos);
}

TEST_F(AccountMinute, SearchesByIdNumberOrPhoneCountNameSearchesDoNot) {
    binzhou();
    auto answers = in_one_window(60, [&](int round) {
        auto& s = fresh_cadre("probe_s" + std::to_string(round));
        std::vector<HttpResponse> out;
        for (int i = 0; i < 5; ++i) out.push_back(s.get("/api/v1/members?q=%E9%83%91"));  // 郑
        out.push_back(s.get("/api/v1/members?q=" + person("61048219800101001")));
        out.push_back(s.get("/api/v1/members?q=13900000001"));
        out.push_back(s.get("/api/v1/members?q=" + person("61048219800101002")));
        out.push_back(s.get("/api/v1/members?q=13900000002"));
        out.push_back(s.get("/api/v1/members?q=%E9%83%91"));
        // Creating a member is a lookup too (it tells whether the number is a membership).
        out.push_back(s.send(
            "POST", "/api/v1/members",
            {{"org_id", binzhou()}, {"name", "冯一"}, {"id_number", person("61048219800101003")}}));
        return out;
    });
    ASSERT_EQ(answers.size(), 11u);
    for (int i = 0; i < 5; ++i) EXPECT_EQ(answers[i].status, 200) << answers[i].body;
    EXPECT_EQ(answers[5].status, 200) << answers[5].body;
    EXPECT_EQ(answers[6].status, 200) << answers[6].body;
    EXPECT_EQ(answers[7].status, 200) << answers[7].body;
    expect_refused(answers[8], 60);
    EXPECT_EQ(answers[9].status, 200) << "a name search is not a lookup by number";
    expect_refused(answers[10], 60);
}

TEST_F(AccountMinute, AWorkersApplicationsCountPerWorkerAccount) {
    auto answers = in_one_window(60, [&](int round) {
        const std::string phone = "1380000000" + std::to_string(round);
        HttpClient c(world_->port());
        EXPECT_EQ(c.post_json("/api/v1/worker/otp", {{"phone", phone}}).status, 200);
        const std::string code = logged_code(*world_->server, phone);
        auto login = c.post_json("/api/v1/worker/login", {{"phone", phone}, {"code", code}});
        EXPECT_EQ(login.status, 200) << login.body;
        const auto set = login.header("set-cookie");
        const std::string cookie = set.substr(0, set.find(';'));
        const std::string csrf =
            login.status == 200 ? login.json()["csrf_token"].get<std::string>() : "";
        std::vector<HttpResponse> out;
        for (int i = 0; i < 4; ++i) {
            json form = {
                {"name", "褚二"},
                {"id_number", person(("61042419900201" + std::to_string(300 + i)).c_str())},
                {"phone", phone},
                {"residence_code", "610424"},  // 乾县's holding pool
                {"pi_consent", true},
                {"consent_version", kConsent}};
            out.push_back(c.request("POST", "/api/v1/worker/applications", form.dump(),
                                    {{"Cookie", cookie},
                                     {"Content-Type", "application/json"},
                                     {"X-CSRF-Token", csrf}}));
        }
        return out;
    });
    ASSERT_EQ(answers.size(), 4u);
    for (int i = 0; i < 3; ++i) EXPECT_EQ(answers[i].status, 201) << answers[i].body;
    expect_refused(answers[3], 60);
}

TEST_F(DayAndAddress, TheDaysBudgetsPerAccountAndPerAddressAcrossAccounts) {
    auto answers = in_one_window(86400, [&](int round) {
        // A fresh address is not to be had from a test: a second run (past midnight UTC) gets
        // a fresh day instead, and fresh accounts.
        const std::string a = "probe_a" + std::to_string(round);
        const std::string b = "probe_b" + std::to_string(round);
        world_->add(a, "610482", {"federation_cadre"});
        world_->add(b, "610424", {"federation_cadre"});
        const int64_t binzhou = world_->org_id(a, "彬州市总工会");
        const int64_t qianxian = world_->org_id(b, "乾县总工会");
        std::vector<HttpResponse> out;
        auto ask = [&](const std::string& who, int64_t to, int n) {
            return world_->ready(who).send(
                "POST", "/api/v1/transfers/requests",
                {{"id_number", person(("61048119700101" + std::to_string(100 + n)).c_str())},
                 {"to_org_id", to}});
        };
        for (int i = 0; i < 5; ++i) out.push_back(ask(a, binzhou, i));   // 4 pass: the account's
        for (int i = 0; i < 3; ++i) out.push_back(ask(b, qianxian, i));  // 2 pass: the address's
        return out;
    });
    ASSERT_EQ(answers.size(), 8u);
    for (int i = 0; i < 4; ++i) EXPECT_EQ(answers[i].status, 202) << answers[i].body;
    expect_refused(answers[4], 86400);
    EXPECT_EQ(answers[5].status, 202) << answers[5].body;
    EXPECT_EQ(answers[6].status, 202) << answers[6].body;
    expect_refused(answers[7], 86400);
    EXPECT_NE(answers[4].json()["error"]["message"].get<std::string>().find("今日"),
              std::string::npos);

    auto audit = world_->ready("auditadm").get("/api/v1/audit?action=ratelimit.hit&limit=500");
    ASSERT_EQ(audit.status, 200) << audit.body;
    std::set<std::string> limits;
    const json items = audit.json()["items"];
    for (auto& item : items) {
        limits.insert(item["detail"]["limit"].get<std::string>() + "/" +
                      item["detail"]["key"].get<std::string>());
        EXPECT_EQ(item["ip"], "127.0.0.1");
    }
    EXPECT_TRUE(limits.count("account_day/account")) << audit.body;
    EXPECT_TRUE(limits.count("ip_day/ip")) << audit.body;
}
