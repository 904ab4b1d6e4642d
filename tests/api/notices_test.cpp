// Notices and SMS (issue #13, item 5), through the real server on both databases:
//   - production mode without a provider: the code sign-in answers 503 sms.not_configured, the
//     rest works, and no code is written anywhere;
//   - production mode with a provider (a local mock that is down for each number's first
//     message): the code arrives after a retry, signed, and never in the server log; the outbox
//     row keeps no code once sent;
//   - development mode (--dev or GONGHUI_MODE=development): the code goes to the log;
//   - a cadre's approval reaches the worker's inbox (unread count, mark read) and a status SMS,
//     and a password reset reaches the staff member's inbox.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <regex>
#include <thread>

#include "core/cn/id_number.h"
#include "core/db/db.h"
#include "identity_world.h"
#include "mock_sms.h"
#include "phone.h"

using namespace gh::test;
using nlohmann::json;

namespace {

const std::string kSecret = "mock-provider-secret-for-tests";
const std::string kConsent = "pi-consent-2026-11";

std::vector<std::string> with_provider(const MockSmsProvider& mock) {
    auto flags = roomy_lookup_limits();
    flags.push_back("--sms-url");
    flags.push_back(mock.url());
    return flags;
}

std::string code_of(const HttpResponse& r) { return r.json()["error"]["code"]; }

// A six-digit code standing on its own anywhere in the text.
bool mentions(const std::string& text, const std::string& code) {
    return std::regex_search(text, std::regex("(^|[^0-9])" + code + "([^0-9]|$)"));
}

class Sms : public ::testing::Test {
protected:
    void SetUp() override { setenv("GONGHUI_SMS_SECRET", kSecret.c_str(), 1); }
    void TearDown() override {
        unsetenv("GONGHUI_SMS_SECRET");
        unsetenv("GONGHUI_MODE");
    }
};

}  // namespace

TEST_F(Sms, WithoutAProviderCodeSignInAnswers503AndEverythingElseWorks) {
    IdentityWorld w(roomy_lookup_limits(), /*development=*/false);
    HttpClient c(w.port());
    auto r = c.post_json("/api/v1/worker/otp", {{"phone", "13712340001"}});
    EXPECT_EQ(r.status, 503) << r.body;
    EXPECT_EQ(code_of(r), "sms.not_configured");
    EXPECT_EQ(r.json()["error"]["message"], "短信服务未配置，请使用密码登录或联系工会");
    // Password sign-in answers for itself; staff work is untouched.
    auto pw = c.post_json("/api/v1/worker/login",
                          {{"phone", "13712340001"}, {"password", "Some-Passw0rd!"}});
    EXPECT_EQ(pw.status, 401) << pw.body;
    EXPECT_EQ(w.ready("qianxian").get("/api/v1/auth/me").status, 200);
    EXPECT_EQ(w.server->log().find("code="), std::string::npos) << w.server->log();
    EXPECT_NE(w.server->log().find("生产模式 / production mode"), std::string::npos);
}

TEST_F(Sms, TheCodeReachesTheProviderThroughARetryAndNeverTheLog) {
    MockSmsProvider mock(kSecret, /*fail_first=*/1);
    IdentityWorld w(with_provider(mock), /*development=*/false);
    const std::string phone = "13712340002";
    HttpClient c(w.port());
    ASSERT_EQ(c.post_json("/api/v1/worker/otp", {{"phone", phone}}).status, 200);
    const auto code = mock.code_for(phone);
    ASSERT_TRUE(code) << "no code reached the provider";
    // The provider was down for the first attempt: the outbox tried again.
    const auto got = mock.received();
    ASSERT_GE(got.size(), 2u);
    EXPECT_EQ(got[0].status, 503);
    EXPECT_EQ(got[1].status, 200);
    for (const auto& r : got) {
        EXPECT_TRUE(r.signature_ok);
        EXPECT_EQ(r.body["template"], "otp");
        EXPECT_EQ(r.body["message_id"], got[0].body["message_id"]);  // one message, retried
    }
    Phone p(w.port());
    auto in = p.login({{"phone", phone}, {"code", *code}});
    EXPECT_EQ(in.status, 200) << in.body;
    // Outside development mode no code is written to the log …
    const std::string log = w.server->log();
    EXPECT_FALSE(mentions(log, *code)) << log;
    EXPECT_EQ(log.find("code="), std::string::npos);
    EXPECT_NE(log.find("SMS sender: http"), std::string::npos) << log;
    // … nor kept in the database once sent.
    // The provider answered before the outbox marked the row: wait for the mark (a busy
    // machine delays the dispatcher's commit after the provider's 200).
    auto db = gh::db::connect(gh::db::parse_url(w.db.url()));
    auto rows = db->query("SELECT status, attempts, params_enc FROM sms_outbox");
    for (int i = 0; i < 100 && !rows.empty() && rows.front().get<std::string>(0) != "sent"; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        rows = db->query("SELECT status, attempts, params_enc FROM sms_outbox");
    }
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows.front().get<std::string>(0), "sent");
    EXPECT_EQ(rows.front().get<int64_t>(1), 2);
    EXPECT_TRUE(rows.front().is_null(2));
}

TEST_F(Sms, DevelopmentModeWritesTheCodeToTheLog) {
    setenv("GONGHUI_MODE", "development", 1);  // the same as --dev
    IdentityWorld w(roomy_lookup_limits(), /*development=*/false);
    HttpClient c(w.port());
    ASSERT_EQ(c.post_json("/api/v1/worker/otp", {{"phone", "13712340003"}}).status, 200);
    bool seen = false;
    for (int i = 0; i < 50 && !seen; ++i) {
        seen = std::regex_search(w.server->log(),
                                 std::regex("phone=137\\*\\*\\*\\*0003 code=[0-9]{6}"));
        if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_TRUE(seen) << w.server->log();
    EXPECT_NE(w.server->log().find("开发模式 / development mode"), std::string::npos);
}

TEST_F(Sms, AnApprovalReachesTheInboxAndAStatusSms) {
    MockSmsProvider mock(kSecret, /*fail_first=*/1);
    IdentityWorld w(with_provider(mock), /*development=*/false);
    const std::string phone = "13712340004";
    HttpClient c(w.port());
    ASSERT_EQ(c.post_json("/api/v1/worker/otp", {{"phone", phone}}).status, 200);
    const auto code = mock.code_for(phone);
    ASSERT_TRUE(code);
    Phone p(w.port());
    ASSERT_EQ(p.login({{"phone", phone}, {"code", *code}}).status, 200);
    EXPECT_EQ(p.get("/api/v1/worker/notices/unread").json()["unread"], 0);

    auto& cadre = w.ready("qianxian");
    auto u = cadre.send("POST", "/api/v1/orgs",
                        {{"name", "乾县外卖骑手工会"},
                         {"type", "grassroots_union"},
                         {"parent_id", w.org_id("qianxian", "乾县总工会")}});
    ASSERT_EQ(u.status, 201) << u.body;
    auto sub = p.send("POST", "/api/v1/worker/applications",
                      {{"name", "韩梅"},
                       {"id_number", gh::cn::make_id_number("61042419950505123")},
                       {"phone", phone},
                       {"occupation", "外卖员"},
                       {"new_form", true},
                       {"pi_consent", true},
                       {"consent_version", kConsent},
                       {"org_id", u.json()["id"]}});
    ASSERT_EQ(sub.status, 201) << sub.body;
    const auto app_id =
        p.get("/api/v1/worker/applications").json()["items"][0]["id"].get<int64_t>();
    auto ok =
        cadre.send("POST", "/api/v1/join-applications/" + std::to_string(app_id) + "/approve");
    ASSERT_EQ(ok.status, 200) << ok.body;

    const auto inbox = p.get("/api/v1/worker/notices").json();
    ASSERT_EQ(inbox["items"].size(), 1u) << inbox;
    EXPECT_EQ(inbox["unread"], 1);
    const auto n = inbox["items"][0];
    EXPECT_EQ(n["kind"], "join.approved");
    EXPECT_EQ(n["title"], "入会申请已通过");
    EXPECT_NE(n["body"].get<std::string>().find("乾县外卖骑手工会"), std::string::npos);
    EXPECT_TRUE(n["read_at"].is_null());
    EXPECT_TRUE(std::regex_match(n["created_at"].get<std::string>(),
                                 std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00)")))
        << n["created_at"];
    // Another's notice is not there to read; one's own is, once.
    EXPECT_EQ(p.send("POST", "/api/v1/worker/notices/999999/read", json::object()).status, 404);
    auto read =
        p.send("POST", "/api/v1/worker/notices/" + std::to_string(n["id"].get<int64_t>()) + "/read",
               json::object());
    EXPECT_EQ(read.status, 200) << read.body;
    EXPECT_EQ(p.get("/api/v1/worker/notices/unread").json()["unread"], 0);
    EXPECT_FALSE(p.get("/api/v1/worker/notices").json()["items"][0]["read_at"].is_null());
    // The staff inbox is a staff member's own: a worker's session does not open it.
    EXPECT_EQ(p.get("/api/v1/notices").status, 403);
    // The status SMS went to the application's number after the provider came back.
    const auto sms = mock.delivered(phone, "status");
    ASSERT_EQ(sms.size(), 1u);
    EXPECT_NE(sms[0]["params"]["text"].get<std::string>().find("入会申请已通过"),
              std::string::npos);
    // The worker's copy of their data holds the notice.
    EXPECT_EQ(p.get("/api/v1/worker/me/data").json()["notices"].size(), 1u);
}

TEST_F(Sms, APasswordResetReachesTheStaffInbox) {
    IdentityWorld w(roomy_lookup_limits(), /*development=*/false);
    auto& admin = w.ready("sysadm");
    const auto accounts = admin.get("/api/v1/accounts?q=binzhou").json();
    ASSERT_EQ(accounts["items"].size(), 1u) << accounts;
    const auto id = accounts["items"][0]["id"].get<int64_t>();
    auto reset = admin.send("POST", "/api/v1/accounts/" + std::to_string(id) + "/reset-password");
    ASSERT_EQ(reset.status, 200) << reset.body;
    StaffSession s(w.port());
    s.login_ready("binzhou", reset.json()["initial_password"], kChanged);
    auto inbox = s.get("/api/v1/notices");
    ASSERT_EQ(inbox.status, 200) << inbox.body;
    ASSERT_EQ(inbox.json()["items"].size(), 1u);
    EXPECT_EQ(inbox.json()["items"][0]["kind"], "account.password_reset");
    EXPECT_EQ(s.get("/api/v1/notices/unread").json()["unread"], 1);
}

TEST_F(Sms, ACorrectionRequestIsAnsweredInTheWorkersInbox) {
    IdentityWorld w;  // development mode: the code from the log
    const std::string phone = "13712340005";
    HttpClient c(w.port());
    ASSERT_EQ(c.post_json("/api/v1/worker/otp", {{"phone", phone}}).status, 200);
    Phone p(w.port());
    ASSERT_EQ(p.login({{"phone", phone}, {"code", logged_code(*w.server, phone)}}).status, 200);
    auto bad = p.send("POST", "/api/v1/worker/me/requests", {{"kind", "forget"}, {"detail", "x"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(code_of(bad), "data_request.kind");
    auto filed = p.send("POST", "/api/v1/worker/me/requests",
                        {{"kind", "correct"}, {"detail", "我的手机号已更换，请更正。"}});
    ASSERT_EQ(filed.status, 201) << filed.body;
    EXPECT_EQ(filed.json()["status"], "pending");
    EXPECT_EQ(p.get("/api/v1/worker/me/requests").json()["items"].size(), 1u);

    // A county cadre may not answer it; the security administrator does.
    const std::string answer =
        "/api/v1/worker-requests/" + std::to_string(filed.json()["id"].get<int64_t>()) + "/answer";
    EXPECT_EQ(
        w.ready("qianxian").send("POST", answer, {{"status", "done"}, {"reply", "好"}}).status,
        403);
    auto& sec = w.ready("secadm");
    EXPECT_EQ(sec.get("/api/v1/worker-requests?status=pending").json()["items"].size(), 1u);
    auto done =
        sec.send("POST", answer, {{"status", "done"}, {"reply", "已按您提供的新号码更正。"}});
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(sec.send("POST", answer, {{"status", "refused"}, {"reply", "再次"}}).status, 409);
    const auto inbox = p.get("/api/v1/worker/notices").json();
    ASSERT_EQ(inbox["items"].size(), 1u);
    EXPECT_EQ(inbox["items"][0]["kind"], "data_request.done");
    EXPECT_EQ(inbox["items"][0]["link"], "/m/me/data");  // a route of the phone page
    EXPECT_EQ(inbox["items"][0]["body"], "已按您提供的新号码更正。");
    EXPECT_EQ(p.get("/api/v1/worker/me/data").json()["data_requests"][0]["status"], "done");
}

TEST_F(Sms, ATransferDecisionReachesTheRequestersInbox) {
    IdentityWorld w(roomy_lookup_limits(), /*development=*/false);
    auto union_in = [&](const std::string& cadre, const std::string& county, const char* name) {
        auto r = w.ready(cadre).send(
            "POST", "/api/v1/orgs",
            {{"name", name}, {"type", "grassroots_union"}, {"parent_id", w.org_id(cadre, county)}});
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json()["id"].get<int64_t>();
    };
    const int64_t from = union_in("qianxian", "乾县总工会", "乾县转出工会");
    const int64_t to = union_in("binzhou", "彬州市总工会", "彬州转入工会");
    auto m = w.ready("qianxian")
                 .send("POST", "/api/v1/members",
                       {{"org_id", from},
                        {"name", "周转"},
                        {"id_number", gh::cn::make_id_number("61042419880808123")}});
    ASSERT_EQ(m.status, 201) << m.body;
    auto t =
        w.ready("qianxian")
            .send("POST",
                  "/api/v1/members/" + std::to_string(m.json()["id"].get<int64_t>()) + "/transfers",
                  {{"to_org_id", to}, {"reason", "工作调动"}});
    ASSERT_EQ(t.status, 201) << t.body;
    EXPECT_EQ(w.ready("qianxian").get("/api/v1/notices/unread").json()["unread"], 0);
    auto ok = w.ready("binzhou").send(
        "POST", "/api/v1/transfers/" + std::to_string(t.json()["id"].get<int64_t>()) + "/accept");
    ASSERT_EQ(ok.status, 200) << ok.body;
    const auto inbox = w.ready("qianxian").get("/api/v1/notices").json();
    ASSERT_EQ(inbox["items"].size(), 1u) << inbox;
    EXPECT_EQ(inbox["items"][0]["kind"], "transfer.accepted");
    EXPECT_NE(inbox["items"][0]["body"].get<std::string>().find("彬州转入工会"), std::string::npos);
    // The one who decided is not told of their own decision.
    EXPECT_EQ(w.ready("binzhou").get("/api/v1/notices/unread").json()["unread"], 0);
}
