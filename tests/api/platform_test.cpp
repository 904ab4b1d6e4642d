// The platform contract over real HTTP against `gonghui serve`, on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "http_client.h"
#include "test_env.h"

using gh::test::HttpClient;

namespace {

class Platform : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        db_ = new gh::test::TestDatabase();
        auto m = gh::test::run_gonghui({"migrate", "--db", db_->url()});
        ASSERT_EQ(m.exit_code, 0) << m.output;
        web_ = std::filesystem::temp_directory_path() /
               ("gonghui_api_web_" + std::to_string(getpid()));
        std::filesystem::create_directories(web_ / "assets");
        std::ofstream(web_ / "index.html") << "<!doctype html><title>工会控制台</title>";
        std::ofstream(web_ / "assets" / "index-abc123.js") << "export{}";
        server_ = new gh::test::ServerProcess(db_->url(), {"--web-root", web_.string()});
    }
    static void TearDownTestSuite() {
        delete server_;
        delete db_;
        std::filesystem::remove_all(web_);
    }
    HttpClient client{server_->port()};

    static gh::test::TestDatabase* db_;
    static gh::test::ServerProcess* server_;
    static std::filesystem::path web_;
};
gh::test::TestDatabase* Platform::db_ = nullptr;
gh::test::ServerProcess* Platform::server_ = nullptr;
std::filesystem::path Platform::web_;

}  // namespace

TEST_F(Platform, HealthzNamesTheDatabase) {
    auto r = client.get("/healthz");
    ASSERT_EQ(r.status, 200) << r.body;
    auto j = r.json();
    EXPECT_EQ(j["status"], "ok");
    EXPECT_EQ(j["db"], gh::test::backend_label());
    EXPECT_FALSE(j["version"].get<std::string>().empty());
}

TEST_F(Platform, EveryResponseHasARequestId) {
    auto a = client.get("/healthz");
    auto b = client.get("/api/v1/nope");
    EXPECT_EQ(a.header("x-request-id").size(), 16u);
    EXPECT_NE(a.header("x-request-id"), b.header("x-request-id"));
    auto echoed = client.request("GET", "/healthz", "", {{"X-Request-Id", "trace-42"}});
    EXPECT_EQ(echoed.header("x-request-id"), "trace-42");
    auto forged = client.request("GET", "/healthz", "", {{"X-Request-Id", "bad id\twith tab"}});
    EXPECT_NE(forged.header("x-request-id"), "bad id\twith tab");
}

TEST_F(Platform, UnknownApiRouteIs404Envelope) {
    auto r = client.get("/api/v1/no-such-route");
    EXPECT_EQ(r.status, 404);
    auto e = r.json()["error"];
    EXPECT_EQ(e["code"], "request.not_found");
    EXPECT_FALSE(e["message"].get<std::string>().empty());
    EXPECT_EQ(e["request_id"], r.header("x-request-id"));
}

TEST_F(Platform, WrongMethodIs405WithAllow) {
    auto r = client.request("DELETE", "/healthz");
    EXPECT_EQ(r.status, 405);
    EXPECT_EQ(r.header("allow"), "GET");
    EXPECT_EQ(r.json()["error"]["code"], "request.method_not_allowed");
}

TEST_F(Platform, MalformedJsonIs400NamingTheOffset) {
    auto r = client.request("POST", "/api/v1/system/client-errors", "{\"message\": \"x\",}",
                            {{"Content-Type", "application/json"}});
    ASSERT_EQ(r.status, 400) << r.body;
    auto e = r.json()["error"];
    EXPECT_EQ(e["code"], "request.malformed_json");
    EXPECT_EQ(e["byte_offset"], 17);
}

// The probe's reproduction (issue #12, item 5): a number out of range used to answer 500, on
// public routes too. Each of these must answer the malformed-JSON envelope.
TEST_F(Platform, NumberOutOfRangeIs400OnEveryPublicJsonRoute) {
    for (const char* path : {"/api/v1/auth/login", "/api/v1/worker/otp", "/api/v1/worker/login",
                             "/api/v1/system/client-errors"}) {
        for (const char* body : {"{\"x\":1e400}", "{\"x\":-1e400}", "[1e999999]"}) {
            auto r = client.request("POST", path, body, {{"Content-Type", "application/json"}});
            EXPECT_EQ(r.status, 400) << path << " " << body << " " << r.body;
            EXPECT_EQ(r.json()["error"]["code"], "request.malformed_json") << path;
        }
    }
    EXPECT_EQ(server_->log().find("internal"), std::string::npos) << server_->log();
}

TEST_F(Platform, WrongContentTypeIs415) {
    auto r = client.request("POST", "/api/v1/system/client-errors", "message=x",
                            {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(r.status, 415);
    EXPECT_EQ(r.json()["error"]["code"], "request.unsupported_media_type");
}

TEST_F(Platform, ValidJsonWithAMissingFieldNamesTheField) {
    auto r = client.post_json("/api/v1/system/client-errors", {{"page", "/members"}});
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(r.json()["error"]["field"], "message");
    auto ok = client.post_json("/api/v1/system/client-errors",
                               {{"message", "TypeError: x\r\nforged line"}, {"page", "/m?id=1"}});
    EXPECT_EQ(ok.status, 202);
    // The CR/LF did not forge a log line and the query string (may hold PII) was not logged.
    auto log = server_->log();
    EXPECT_EQ(log.find("\nforged line"), std::string::npos);
    EXPECT_EQ(log.find("id=1"), std::string::npos);
}

TEST_F(Platform, BodyOverTheLimitIs413) {
    std::string big(10 * 1024 * 1024 + 1, 'x');
    auto r = client.request("POST", "/api/v1/system/client-errors", big,
                            {{"Content-Type", "application/json"}});
    EXPECT_EQ(r.status, 413);
    EXPECT_EQ(r.json()["error"]["code"], "request.too_large");
    // The server is still there for the next request.
    EXPECT_EQ(HttpClient(server_->port()).get("/healthz").status, 200);
}

TEST_F(Platform, ChunkedBodyOverTheLimitIs413) {
    std::string chunk(1024 * 1024, 'x');
    std::string raw =
        "POST /api/v1/system/client-errors HTTP/1.1\r\nHost: x\r\nContent-Type: "
        "application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n";
    char len[16];
    snprintf(len, sizeof len, "%zx\r\n", chunk.size());
    for (int i = 0; i < 11; ++i) raw += len + chunk + "\r\n";
    raw += "0\r\n\r\n";
    auto answer = client.raw(raw);
    EXPECT_EQ(answer.rfind("HTTP/1.1 413", 0), 0u) << answer.substr(0, 200);
}

TEST_F(Platform, GarbageIsA400NotACrash) {
    auto answer = client.raw("BLAH\r\n\r\n");
    EXPECT_EQ(answer.rfind("HTTP/1.1 400", 0), 0u) << answer.substr(0, 200);
    std::string huge_header =
        "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(64 * 1024, 'a') + "\r\n\r\n";
    EXPECT_EQ(client.raw(huge_header).rfind("HTTP/1.1 431", 0), 0u);
    EXPECT_EQ(client.get("/healthz").status, 200);
}

TEST_F(Platform, KeepAliveServesManyRequestsOnOneConnection) {
    for (int i = 0; i < 20; ++i) ASSERT_EQ(client.get("/livez").status, 200);
    EXPECT_EQ(client.get("/livez").body, "ok\n");
}

TEST_F(Platform, SecurityHeadersOnEveryResponse) {
    for (const char* path : {"/healthz", "/api/v1/nope", "/", "/assets/index-abc123.js"}) {
        auto r = client.get(path);
        EXPECT_NE(r.header("content-security-policy").find("frame-ancestors 'none'"),
                  std::string::npos)
            << path;
        EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << path;
    }
}

TEST_F(Platform, ConsoleIsServedWithSpaFallbackAndCacheHeaders) {
    auto index = client.get("/");
    EXPECT_EQ(index.status, 200);
    EXPECT_NE(index.body.find("工会控制台"), std::string::npos);
    EXPECT_EQ(index.header("cache-control"), "no-cache");
    auto deep = client.get("/members/42");  // a console route, not a file
    EXPECT_EQ(deep.status, 200);
    EXPECT_NE(deep.body.find("工会控制台"), std::string::npos);
    auto js = client.get("/assets/index-abc123.js");
    EXPECT_NE(js.header("cache-control").find("immutable"), std::string::npos);
    EXPECT_EQ(js.header("content-type"), "text/javascript; charset=utf-8");
}

TEST_F(Platform, SystemInfoReadsTheDatabase) {
    auto r = client.get("/api/v1/system/info");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.json()["instance_name"], "工会服务平台");
}

TEST_F(Platform, MetricsCountRequestsByRouteAndStatus) {
    client.get("/api/v1/system/info");
    client.get("/api/v1/definitely-missing");
    auto m = client.get("/metrics");
    ASSERT_EQ(m.status, 200);
    EXPECT_NE(m.body.find("gonghui_http_requests_total{route=\"GET /api/v1/system/info\","
                          "status=\"200\"}"),
              std::string::npos);
    EXPECT_NE(m.body.find("route=\"unmatched\",status=\"404\""), std::string::npos);
    EXPECT_NE(m.body.find("gonghui_http_request_duration_seconds_bucket"), std::string::npos);
    EXPECT_NE(m.body.find("gonghui_db_pool_connections{state=\"max\"}"), std::string::npos);
    EXPECT_NE(m.body.find("gonghui_workers{state=\"threads\"}"), std::string::npos);
    EXPECT_NE(m.body.find("gonghui_workers_rejected_total 0\n"), std::string::npos);
}

TEST_F(Platform, AccessLogHasOneLinePerRequestWithoutQueryStrings) {
    client.get("/api/v1/system/info?phone=13812345678");
    // The access log is asynchronous: give it a moment to reach the file.
    std::string log;
    for (int i = 0; i < 50; ++i) {
        log = server_->log();
        if (log.find("GET /api/v1/system/info 200") != std::string::npos) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_NE(log.find("GET /api/v1/system/info 200"), std::string::npos);
    EXPECT_EQ(log.find("13812345678"), std::string::npos);
}

// A route that reads the database runs on a worker: its line ends with the worker's time and the
// wait for it. /livez answers on the io thread: no worker part.
TEST_F(Platform, AccessLogRecordsTheWorkersTime) {
    client.get("/api/v1/system/info?x=worker-line");
    client.get("/livez");
    client.get("/api/v1/system/info?x=last");
    const std::regex info(
        R"(GET /api/v1/system/info 200 \d+ \d+us \S+ worker \d+us queue \d+us\n)");
    const std::regex livez(R"(GET /livez 200 \d+ \d+us \S+\n)");
    std::string log;
    for (int i = 0; i < 50; ++i) {
        log = server_->log();
        std::smatch m;
        if (std::regex_search(log, m, info) && std::regex_search(log, m, livez)) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_TRUE(std::regex_search(log, info)) << log;
    EXPECT_TRUE(std::regex_search(log, livez)) << log;
}
