// Workers (职工/会员) on a phone: one-time codes, registration on first sign-in, passwords,
// lockout, sessions that do not cross with cadres', the copy of their data, and the number never
// stored or logged in clear — over HTTP, on SQLite and PostgreSQL.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "core/db/db.h"
#include "identity_world.h"

using namespace gh::test;

namespace {

// Each test uses its own numbers: codes are limited per number.
const std::string kPhone = "13912345678";

std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A server with one cadre (federation_cadre of 乾县), fresh for each test: the per-IP limit on
// codes and sign-ins would otherwise carry over between tests.
class Workers : public ::testing::Test {
protected:
    void SetUp() override {
        key_file_ = (std::filesystem::temp_directory_path() /
                     ("gonghui_wkey_" + std::to_string(getpid()) + "_" +
                      std::to_string(reinterpret_cast<uintptr_t>(this))))
                        .string();
        auto m = run_gonghui({"migrate", "--db", db_.url()});
        ASSERT_EQ(m.exit_code, 0) << m.output;
        auto u = run_gonghui(
            {"user", "add", "--db", db_.url(), "--key-file", key_file_, "--org", "610424",
             "--username", "cadre", "--role", "federation_cadre", "--password-stdin"},
            kInitial + "\n");
        ASSERT_EQ(u.exit_code, 0) << u.output;
        server_ = std::make_unique<ServerProcess>(
            db_.url(), std::vector<std::string>{"--key-file", key_file_, "--dev"});
    }
    void TearDown() override {
        server_.reset();
        std::filesystem::remove(key_file_);
    }

    HttpResponse request_otp(const std::string& phone) {
        HttpClient c(server_->port());
        return c.post_json("/api/v1/worker/otp", {{"phone", phone}});
    }
    // The code the development sender logged last for this number (masked in the log).
    std::string code_for(const std::string& phone) { return logged_code(*server_, phone); }
    uint16_t port() const { return server_->port(); }

    TestDatabase db_;
    std::string key_file_;
    std::unique_ptr<ServerProcess> server_;
};

// A phone's session: the worker cookie, and the CSRF token on state changes.
class WorkerSession {
public:
    explicit WorkerSession(uint16_t port) : client_(port) {}
    HttpResponse login(const nlohmann::json& body) {
        auto r = client_.post_json("/api/v1/worker/login", body);
        if (r.status == 200) {
            auto set = r.header("set-cookie");
            cookie_ = set.substr(0, set.find(';'));
            csrf_ = r.json()["csrf_token"];
        }
        return r;
    }
    HttpResponse get(const std::string& target) {
        return client_.request("GET", target, "", {{"Cookie", cookie_}});
    }
    HttpResponse send(const std::string& target, const nlohmann::json& body, bool csrf = true) {
        std::vector<std::pair<std::string, std::string>> h = {{"Cookie", cookie_},
                                                              {"Content-Type", "application/json"}};
        if (csrf) h.emplace_back("X-CSRF-Token", csrf_);
        return client_.request("POST", target, body.dump(), h);
    }

private:
    HttpClient client_;
    std::string cookie_, csrf_;
};

std::string error_code(const HttpResponse& r) { return r.json()["error"]["code"]; }

// Signs a number in with a fresh code; fails the test otherwise.
#define SIGN_IN(session, phone)                                                          \
    do {                                                                                 \
        ASSERT_EQ(request_otp(phone).status, 200);                                       \
        auto signed_in = (session).login({{"phone", phone}, {"code", code_for(phone)}}); \
        ASSERT_EQ(signed_in.status, 200) << signed_in.body;                              \
    } while (0)

}  // namespace

TEST_F(Workers, AMalformedNumberIsRefused) {
    auto r = request_otp("12345");
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(error_code(r), "phone.format");
    EXPECT_EQ(r.json()["error"]["field"], "phone");
    WorkerSession s(port());
    EXPECT_EQ(s.login({{"phone", "2345678"}, {"code", "123456"}}).status, 422);
}

TEST_F(Workers, TheFirstSignInWithACodeRegistersTheNumber) {
    HttpClient anonymous(port());
    auto before = anonymous.get("/api/v1/worker/me");
    EXPECT_EQ(before.status, 401);
    EXPECT_EQ(error_code(before), "auth.required");
    ASSERT_EQ(request_otp("+86 139-1234-5678").status, 200);
    const std::string code = code_for(kPhone);
    WorkerSession s(port());
    auto r = s.login({{"phone", kPhone}, {"code", code}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["worker"]["phone_masked"], "139****5678");
    EXPECT_FALSE(r.json()["worker"]["has_password"]);
    const auto cookie = r.header("set-cookie");
    EXPECT_EQ(cookie.rfind("gh_worker_session=", 0), 0u) << cookie;
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
    EXPECT_NE(cookie.find("Path=/"), std::string::npos);
    auto me = s.get("/api/v1/worker/me");
    ASSERT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(me.json()["phone_masked"], "139****5678");
    EXPECT_EQ(me.json()["id"], r.json()["worker"]["id"]);
    // It repeats the session's CSRF token (the phone page keeps it in memory, asks after a reload).
    EXPECT_EQ(me.json()["csrf_token"], r.json()["csrf_token"]);
    // A code works once.
    WorkerSession again(port());
    auto replay = again.login({{"phone", kPhone}, {"code", code}});
    EXPECT_EQ(replay.status, 401);
    EXPECT_EQ(error_code(replay), "auth.otp_invalid");
    // Logging out ends the session.
    EXPECT_EQ(s.send("/api/v1/worker/logout", nlohmann::json::object()).status, 204);
    EXPECT_EQ(s.get("/api/v1/worker/me").status, 401);
}

TEST_F(Workers, FiveWrongCodesBurnTheCode) {
    const std::string phone = "13700000001";
    ASSERT_EQ(request_otp(phone).status, 200);
    const std::string code = code_for(phone);
    std::string wrong = code;
    wrong[0] = code[0] == '9' ? '0' : static_cast<char>(code[0] + 1);
    WorkerSession s(port());
    for (int i = 0; i < 5; ++i) {
        auto r = s.login({{"phone", phone}, {"code", wrong}});
        EXPECT_EQ(r.status, 401);
        EXPECT_EQ(error_code(r), "auth.otp_invalid");
    }
    EXPECT_EQ(s.login({{"phone", phone}, {"code", code}}).status, 401)
        << "after five wrong attempts even the right code is refused";
}

TEST_F(Workers, OneCodePerNumberPerMinute) {
    const std::string phone = "13700000002";
    ASSERT_EQ(request_otp(phone).status, 200);
    auto second = request_otp(phone);
    EXPECT_EQ(second.status, 429);
    EXPECT_EQ(error_code(second), "auth.otp_too_soon");
    EXPECT_EQ(second.header("retry-after"), "60");
    EXPECT_EQ(second.json()["error"]["retry_after"], 60);
    EXPECT_EQ(request_otp("13700000003").status, 200) << "another number is not affected";
}

TEST_F(Workers, PasswordSignInAndLockout) {
    const std::string phone = "13700000004";
    WorkerSession s(port());
    SIGN_IN(s, phone);
    auto no_csrf = s.send("/api/v1/worker/password", {{"new_password", kChanged}}, false);
    EXPECT_EQ(no_csrf.status, 403);
    EXPECT_EQ(error_code(no_csrf), "auth.csrf");
    auto weak = s.send("/api/v1/worker/password", {{"new_password", "short1A!"}});
    EXPECT_EQ(weak.status, 422);
    EXPECT_EQ(error_code(weak), "password.too_short");
    auto with_phone = s.send("/api/v1/worker/password", {{"new_password", "Ab-" + phone + "x"}});
    EXPECT_EQ(error_code(with_phone), "password.contains_username");
    ASSERT_EQ(s.send("/api/v1/worker/password", {{"new_password", kChanged}}).status, 200);
    EXPECT_TRUE(s.get("/api/v1/worker/me").json()["has_password"]);

    WorkerSession p(port());
    auto ok = p.login({{"phone", phone}, {"password", kChanged}});
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_TRUE(ok.json()["worker"]["has_password"]);
    EXPECT_EQ(p.get("/api/v1/worker/me").status, 200);
    // An unknown number answers like a wrong password.
    auto unknown = p.login({{"phone", "13700000099"}, {"password", kChanged}});
    EXPECT_EQ(unknown.status, 401);
    EXPECT_EQ(error_code(unknown), "auth.invalid_credentials");
    for (int i = 0; i < 4; ++i) {
        EXPECT_EQ(p.login({{"phone", phone}, {"password", "Wrong-Passw0rd!"}}).status, 401);
    }
    auto fifth = p.login({{"phone", phone}, {"password", "Wrong-Passw0rd!"}});
    EXPECT_EQ(fifth.status, 423);
    EXPECT_EQ(error_code(fifth), "auth.locked");
    EXPECT_FALSE(fifth.json()["error"]["unlock_at"].get<std::string>().empty());
    EXPECT_EQ(p.login({{"phone", phone}, {"password", kChanged}}).status, 423)
        << "locked means locked, even for the right password";
}

TEST_F(Workers, WorkerAndStaffSessionsDoNotCross) {
    StaffSession staff(port());
    staff.login_ready("cadre", kInitial, kChanged);
    auto staff_on_worker = staff.get("/api/v1/worker/me");
    EXPECT_EQ(staff_on_worker.status, 403);
    EXPECT_EQ(error_code(staff_on_worker), "auth.forbidden");
    WorkerSession w(port());
    SIGN_IN(w, "13700000005");
    auto worker_on_staff = w.get("/api/v1/orgs");
    EXPECT_EQ(worker_on_staff.status, 403);
    EXPECT_EQ(error_code(worker_on_staff), "auth.forbidden");
    EXPECT_EQ(w.get("/api/v1/auth/me").status, 403);
    EXPECT_EQ(staff.get("/api/v1/orgs").status, 200);
}

TEST_F(Workers, MyDataHasTheFullNumberAndTheNumberIsNeverStoredOrLoggedInClear) {
    WorkerSession s(port());
    SIGN_IN(s, kPhone);
    ASSERT_EQ(s.send("/api/v1/worker/password", {{"new_password", kChanged}}).status, 200);
    WorkerSession p(port());
    ASSERT_EQ(p.login({{"phone", kPhone}, {"password", kChanged}}).status, 200);
    EXPECT_EQ(p.login({{"phone", kPhone}, {"password", "Wrong-Passw0rd!"}}).status, 401);
    auto data = s.get("/api/v1/worker/me/data");
    ASSERT_EQ(data.status, 200) << data.body;
    EXPECT_NE(data.header("content-disposition").find("attachment; filename=\"my-data.json\""),
              std::string::npos);
    EXPECT_EQ(data.header("cache-control"), "no-store");
    auto j = data.json();
    EXPECT_EQ(j["account"]["phone"], kPhone);
    EXPECT_TRUE(j["account"]["has_password"]);
    EXPECT_GE(j["sessions"].size(), 1u);
    EXPECT_GE(j["otp_requests"].size(), 1u);
    std::set<std::string> actions;
    for (auto& row : j["audit"]) actions.insert(row["action"]);
    EXPECT_TRUE(actions.count("worker.register")) << data.body;
    EXPECT_TRUE(actions.count("worker.password_set")) << data.body;
    EXPECT_TRUE(actions.count("worker.login")) << data.body;
    EXPECT_EQ(data.body.find("code_hash"), std::string::npos);

    server_->terminate();  // everything written and flushed
    EXPECT_EQ(server_->log().find(kPhone), std::string::npos) << "the number in the server log";
    EXPECT_NE(server_->log().find("139****5678"), std::string::npos);
    if (db_.backend() == gh::db::Backend::sqlite) {
        const std::string file = db_.url().substr(std::string("sqlite://").size());
        std::string bytes = read_bytes(file) + read_bytes(file + "-wal");
        ASSERT_GT(bytes.size(), 1000u);
        EXPECT_EQ(bytes.find(kPhone), std::string::npos) << "the number in the database file";
    }
    // Whatever the backend: no stored text column holds it either.
    auto c = gh::db::connect(gh::db::parse_url(db_.url()));
    for (auto r : c->query("SELECT actor_name, detail FROM audit_log", {})) {
        EXPECT_EQ(r.get_opt<std::string>(0).value_or("").find(kPhone), std::string::npos);
        EXPECT_EQ(r.get_opt<std::string>(1).value_or("").find(kPhone), std::string::npos);
    }
}

TEST_F(Workers, ConcurrentFirstSignInsCreateOneAccount) {
    const std::string phone = "13700000006";
    ASSERT_EQ(request_otp(phone).status, 200);
    const std::string code = code_for(phone);
    constexpr int kRacers = 6;
    std::vector<int> status(kRacers, 0);
    std::vector<std::thread> threads;
    for (int i = 0; i < kRacers; ++i) {
        threads.emplace_back([&, i] {
            HttpClient c(port());
            status[i] =
                c.post_json("/api/v1/worker/login", {{"phone", phone}, {"code", code}}).status;
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(std::count(status.begin(), status.end(), 200), 1);
    EXPECT_EQ(std::count(status.begin(), status.end(), 401), kRacers - 1);
    auto c = gh::db::connect(gh::db::parse_url(db_.url()));
    auto rows = c->query("SELECT phone_blind FROM worker_accounts", {});
    ASSERT_EQ(rows.size(), 1u);
    // The blind index is unique: a second account for the number cannot exist.
    try {
        c->execute(
            "INSERT INTO worker_accounts (phone_enc, phone_blind, created_at, updated_at) "
            "VALUES (?, ?, 'x', 'x')",
            {rows.front().get<gh::db::Blob>(0), rows.front().get<gh::db::Blob>(0)});
        ADD_FAILURE() << "a second account with the same blind index was stored";
    } catch (const gh::db::DbError& e) {
        EXPECT_EQ(e.kind(), gh::db::DbError::Kind::unique) << e.what();
    }
}
