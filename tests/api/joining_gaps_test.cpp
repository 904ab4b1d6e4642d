// Joining gaps, over HTTP on SQLite and PostgreSQL: one-person-one-phone under concurrent
// approvals, a ceremony from a raw roster sheet, the public card check, and dissolved unions
// refused as targets.
#include <latch>
#include <regex>
#include <thread>

#include "core/auth/qr.h"
#include "core/cn/id_number.h"
#include "identity_world.h"

using namespace gh::test;
using nlohmann::json;

namespace {

const std::string kConsent = "pi-consent-2026-11";

std::string person(const char* first17) { return gh::cn::make_id_number(first17); }
std::string code_of(const HttpResponse& r) { return r.json()["error"]["code"]; }

// A worker's session; copies share the cookie but each has its own connection.
struct Worker {
    uint16_t port;
    std::string cookie, csrf;
    HttpResponse send(const std::string& method, const std::string& target,
                      const json& body) const {
        HttpClient c(port);
        return c.request(
            method, target, body.dump(),
            {{"Cookie", cookie}, {"Content-Type", "application/json"}, {"X-CSRF-Token", csrf}});
    }
};

class JoiningGaps : public ::testing::Test {
protected:
    static void SetUpTestSuite() { world_ = new IdentityWorld(); }
    static void TearDownTestSuite() { delete world_; }
    static IdentityWorld* world_;

    static Worker sign_in(const std::string& phone) {
        HttpClient c(world_->port());
        EXPECT_EQ(c.post_json("/api/v1/worker/otp", {{"phone", phone}}).status, 200);
        const std::string code = logged_code(*world_->server, phone);
        auto r = c.post_json("/api/v1/worker/login", {{"phone", phone}, {"code", code}});
        EXPECT_EQ(r.status, 200) << r.body;
        auto set = r.header("set-cookie");
        return Worker{world_->port(), set.substr(0, set.find(';')),
                      r.status == 200 ? r.json()["csrf_token"].get<std::string>() : ""};
    }
    static int64_t new_union(const std::string& name) {
        auto r = world_->ready("qianxian")
                     .send("POST", "/api/v1/orgs",
                           {{"name", name},
                            {"type", "grassroots_union"},
                            {"parent_id", world_->org_id("qianxian", "乾县总工会")}});
        EXPECT_EQ(r.status, 201) << r.body;
        return r.status == 201 ? r.json()["id"].get<int64_t>() : 0;
    }
    static int64_t union_id() {
        static int64_t id = new_union("乾县物流业工会");
        return id;
    }
    static json form(const std::string& name, const std::string& id, const std::string& phone,
                     int64_t org = 0) {
        return {{"name", name},
                {"id_number", id},
                {"phone", phone},
                {"occupation", "快递员"},
                {"pi_consent", true},
                {"consent_version", kConsent},
                {"org_id", org ? org : union_id()}};
    }
    static HttpResponse sheet(const std::string& target, const std::string& csv) {
        auto& s = world_->ready("qianxian");
        return s.client().request(
            "POST", target, csv,
            {{"Cookie", s.cookie()}, {"X-CSRF-Token", s.csrf()}, {"Content-Type", "text/csv"}});
    }
};
IdentityWorld* JoiningGaps::world_ = nullptr;

}  // namespace

TEST_F(JoiningGaps, TwoPeopleClaimingOnePhoneAtOnceGetItOnce) {
    const Worker w = sign_in("13700000001");
    world_->ready("qianxian");  // signed in before the races
    world_->ready("xianyang");
    for (int round = 0; round < 6; ++round) {
        const std::string phone = "1370000010" + std::to_string(round);
        const std::string a = person(("61042419900201" + std::to_string(round) + "01").c_str());
        const std::string b = person(("61042419900201" + std::to_string(round) + "02").c_str());
        // Applying says nothing about the phone: both are received.
        auto ra = w.send("POST", "/api/v1/worker/applications", form("甲", a, phone));
        auto rb = w.send("POST", "/api/v1/worker/applications", form("乙", b, phone));
        ASSERT_EQ(ra.status, 201) << ra.body;
        ASSERT_EQ(rb.status, 201) << rb.body;
        // Two cadres approve them at once: the phone's lock lets one through.
        std::latch start(2);
        HttpResponse pa, pb;
        std::thread ta([&] {
            start.arrive_and_wait();
            pa = world_->ready("qianxian")
                     .send("POST", "/api/v1/join-applications/" +
                                       std::to_string(ra.json()["id"].get<int64_t>()) + "/approve");
        });
        std::thread tb([&] {
            start.arrive_and_wait();
            pb = world_->ready("xianyang")
                     .send("POST", "/api/v1/join-applications/" +
                                       std::to_string(rb.json()["id"].get<int64_t>()) + "/approve");
        });
        ta.join();
        tb.join();
        const int approved = (pa.status == 200) + (pb.status == 200);
        EXPECT_EQ(approved, 1) << "round " << round << ": " << pa.body << " / " << pb.body;
        const HttpResponse& lost = pa.status == 200 ? pb : pa;
        EXPECT_EQ(lost.status, 409) << lost.body;
        EXPECT_EQ(code_of(lost), "member.phone_taken");
    }
}

TEST_F(JoiningGaps, ACeremonyFromASheet) {
    const std::string target = "/api/v1/orgs/" + std::to_string(union_id()) + "/ceremony";
    const std::string consent = "?pi_consent=true&consent_version=" + kConsent;
    const std::string good =
        "姓名,身份证号,手机号,职业\n"
        "赵一," +
        person("61042419900301001") +
        ",13700000201,快递员\n"
        "赵二," +
        person("61042419900301002") + ",,焊工\n";
    auto none = sheet(target, good);
    ASSERT_EQ(none.status, 422) << none.body;
    EXPECT_EQ(code_of(none), "join.consent_required");

    std::string bad_id = person("61042419900301003");
    bad_id.back() = bad_id.back() == '1' ? '2' : '1';
    auto bad = sheet(target + consent, "姓名,身份证号\n赵三," + person("61042419900301004") +
                                           "\n赵四," + bad_id + "\n");
    ASSERT_EQ(bad.status, 422) << bad.body;
    EXPECT_EQ(code_of(bad), "join.ceremony_refused");
    const json problems = bad.json()["error"]["problems"];
    ASSERT_EQ(problems.size(), 1u) << bad.body;
    EXPECT_EQ(problems[0]["row"], 3);
    EXPECT_EQ(problems[0]["column"], "身份证号");

    auto ok = sheet(target + consent, good);
    ASSERT_EQ(ok.status, 201) << ok.body;
    ASSERT_EQ(ok.json()["items"].size(), 2u);
    EXPECT_EQ(ok.json()["items"][0]["source"], "ceremony");
    EXPECT_EQ(ok.json()["items"][0]["status"], "approved");
    // Again: the same people are members now; the service's problem names the sheet's row.
    auto again = sheet(target + consent, good);
    ASSERT_EQ(again.status, 422) << again.body;
    EXPECT_EQ(again.json()["error"]["problems"][0]["row"], 2);
    EXPECT_EQ(sheet(target + consent, "").status, 422);
}

TEST_F(JoiningGaps, DissolvedUnionsTakeNoApplicationsAndNoMembers) {
    const Worker w = sign_in("13700000002");
    const int64_t dead = new_union("乾县已撤销工会");
    const int64_t dying = new_union("乾县将撤销工会");
    auto pending = w.send("POST", "/api/v1/worker/applications",
                          form("钱一", person("61042419900401001"), "13700000301", dying));
    ASSERT_EQ(pending.status, 201) << pending.body;
    for (int64_t id : {dead, dying}) {
        auto r = world_->ready("qianxian")
                     .send("POST", "/api/v1/orgs/" + std::to_string(id) + "/dissolve");
        ASSERT_EQ(r.status, 200) << r.body;
    }
    auto apply = w.send("POST", "/api/v1/worker/applications",
                        form("钱二", person("61042419900401002"), "13700000302", dead));
    ASSERT_EQ(apply.status, 422) << apply.body;
    EXPECT_EQ(code_of(apply), "join.org_inactive");

    auto approve =
        world_->ready("qianxian")
            .send("POST", "/api/v1/join-applications/" +
                              std::to_string(pending.json()["id"].get<int64_t>()) + "/approve");
    ASSERT_EQ(approve.status, 422) << approve.body;
    EXPECT_EQ(code_of(approve), "member.org_inactive");

    auto ceremony =
        world_->ready("qianxian")
            .send("POST", "/api/v1/orgs/" + std::to_string(dead) + "/ceremony",
                  {{"people", {{{"name", "钱三"}, {"id_number", person("61042419900401003")}}}},
                   {"pi_consent", true},
                   {"consent_version", kConsent}});
    ASSERT_EQ(ceremony.status, 422) << ceremony.body;
    EXPECT_EQ(ceremony.json()["error"]["problems"][0]["code"], "member.org_inactive");
}

TEST_F(JoiningGaps, AnyoneChecksACardButLearnsNoPersonalData) {
    const std::string target = "/api/v1/orgs/" + std::to_string(union_id()) + "/ceremony";
    auto done = world_->ready("qianxian")
                    .send("POST", target,
                          {{"people",
                            {{{"name", "孙一"},
                              {"id_number", person("61042419900501001")},
                              {"phone", "13700000401"}}}},
                           {"pi_consent", true},
                           {"consent_version", kConsent}});
    ASSERT_EQ(done.status, 201) << done.body;
    const int64_t member = done.json()["items"][0]["member_id"];
    auto m = world_->ready("qianxian").get("/api/v1/members/" + std::to_string(member));
    ASSERT_EQ(m.status, 200) << m.body;
    const std::string card = m.json()["card_no"];

    HttpClient anon(world_->port());
    auto r = anon.get("/api/v1/verify/card/" + card);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["valid"], true);
    EXPECT_EQ(r.json()["status"], "active");
    EXPECT_EQ(r.json()["org_name"], "乾县物流业工会");
    EXPECT_EQ(r.json().size(), 3u) << r.body;  // valid, status, org_name: nothing else
    EXPECT_EQ(r.body.find("孙一"), std::string::npos);

    auto unknown = anon.get("/api/v1/verify/card/NO-SUCH-CARD");
    ASSERT_EQ(unknown.status, 200) << unknown.body;
    EXPECT_EQ(unknown.json()["valid"], false);
    EXPECT_EQ(unknown.json()["status"], "unknown");
    EXPECT_TRUE(unknown.json()["org_name"].is_null());

    // The card's own QR text points at this check: without a public URL the card number and the
    // API path; with one (serve --public-url), the console's public check page.
    const auto qr_path = [](const std::string& text) {
        const std::string qr = gh::auth::qr_svg(text);
        const auto d = qr.find(" d=\"");
        return qr.substr(d, qr.find('"', d + 4) - d);
    };
    const std::string card_path = "/api/v1/members/" + std::to_string(member) + "/card.svg";
    auto svg = world_->ready("qianxian").get(card_path);
    ASSERT_EQ(svg.status, 200);
    EXPECT_NE(svg.body.find(qr_path("GHCARD:" + card + " /api/v1/verify/card/" + card)),
              std::string::npos);
    {
        ServerProcess public_server(world_->db.url(), {"--key-file", world_->key_file,
                                                       "--public-url", "https://gh.example.cn/"});
        StaffSession s(public_server.port());
        ASSERT_EQ(s.login("qianxian", kChanged).status, 200);
        auto linked = s.get(card_path);
        ASSERT_EQ(linked.status, 200);
        EXPECT_NE(linked.body.find(qr_path("https://gh.example.cn/verify/card/" + card)),
                  std::string::npos);
    }

    // Rate-limited per IP: 61 checks span at most two minutes of 30.
    int limited = 0;
    for (int i = 0; i < 61; ++i) {
        auto r = anon.get("/api/v1/verify/card/" + card);
        if (r.status != 429) continue;
        ++limited;
        // Every 429 says when to come back: within the minute.
        const int retry = std::stoi(r.header("retry-after"));
        EXPECT_GE(retry, 1);
        EXPECT_LE(retry, 60);
    }
    EXPECT_GT(limited, 0);
}

// Two ceremonies naming the same phones in opposite orders, at once: each locks its phones in
// one (sorted) order, so one waits for the other and is then refused for the taken phones. Had
// each locked in list order, PostgreSQL could find a deadlock and abort one with an error.
TEST_F(JoiningGaps, CeremoniesWithTheSamePhonesInReverseOrderNeitherDeadlock) {
    auto& cadre = world_->ready("qianxian");
    const Worker staff{world_->port(), cadre.cookie(), cadre.csrf()};
    const std::string target = "/api/v1/orgs/" + std::to_string(union_id()) + "/ceremony";
    for (int round = 0; round < 4; ++round) {
        const std::string r = std::to_string(round);
        const std::vector<std::string> phones = {"137000006" + r + "1", "137000006" + r + "2",
                                                 "137000006" + r + "3"};
        json forward = json::array(), backward = json::array();
        for (int i = 0; i < 3; ++i) {
            const std::string n = std::to_string(i);
            forward.push_back({{"name", "顺" + gh::test::cn_numeral(i)},
                               {"id_number", person(("61042419900601" + r + "1" + n).c_str())},
                               {"phone", phones[i]}});
            backward.push_back({{"name", "逆" + gh::test::cn_numeral(i)},
                                {"id_number", person(("61042419900601" + r + "2" + n).c_str())},
                                {"phone", phones[2 - i]}});
        }
        std::latch start(2);
        HttpResponse ra, rb;
        auto ceremony = [&](const json& people, HttpResponse& out) {
            start.arrive_and_wait();
            out = staff.send(
                "POST", target,
                {{"people", people}, {"pi_consent", true}, {"consent_version", kConsent}});
        };
        std::thread ta(ceremony, std::cref(forward), std::ref(ra));
        std::thread tb(ceremony, std::cref(backward), std::ref(rb));
        ta.join();
        tb.join();
        EXPECT_EQ((ra.status == 201) + (rb.status == 201), 1)
            << "round " << round << ": " << ra.body << " / " << rb.body;
        const HttpResponse& lost = ra.status == 201 ? rb : ra;
        EXPECT_EQ(lost.status, 422) << lost.body;
        if (lost.status == 422) {
            EXPECT_EQ(code_of(lost), "join.ceremony_refused");
            EXPECT_EQ(lost.json()["error"]["problems"].size(), 3u) << lost.body;
        }
    }
}

// A batch naming its applications in the reverse of their order (and so of their phones' order)
// is approved whole.
TEST_F(JoiningGaps, ABatchInReverseOrderIsApproved) {
    const Worker w = sign_in("13700000701");
    std::vector<int64_t> ids;
    for (int i = 0; i < 4; ++i) {
        const std::string n = std::to_string(i);
        auto r = w.send("POST", "/api/v1/worker/applications",
                        form("倒" + gh::test::cn_numeral(i),
                             person(("6104241990070100" + n).c_str()), "1370000071" + n));
        ASSERT_EQ(r.status, 201) << r.body;
        ids.push_back(r.json()["id"].get<int64_t>());
    }
    std::reverse(ids.begin(), ids.end());
    auto ok = world_->ready("qianxian")
                  .send("POST", "/api/v1/join-applications/batch-approve", {{"ids", ids}});
    ASSERT_EQ(ok.status, 200) << ok.body;
    ASSERT_EQ(ok.json()["items"].size(), 4u);
    EXPECT_EQ(ok.json()["items"][0]["id"], ids[0]);
    EXPECT_EQ(ok.json()["items"][0]["status"], "approved");
}
