#include "core/http/dispatcher.h"

#include <gtest/gtest.h>

using namespace gh::http;

namespace {

struct Fixture {
    Router router;
    StaticFiles files{""};
    Metrics metrics;
    std::unique_ptr<Dispatcher> d;

    void ready() {
        std::vector<std::string> labels;
        for (auto& r : router.routes()) labels.push_back(r->pattern);
        metrics.init(labels);
        d = std::make_unique<Dispatcher>(router, files, metrics);
    }
    Response call(std::string method, std::string path, std::string body = {},
                  std::string content_type = {}) {
        Request req;
        req.method = std::move(method);
        req.path = std::move(path);
        req.body = std::move(body);
        req.request_id = "rid-1";
        if (!content_type.empty()) req.headers.emplace_back("content-type", content_type);
        size_t slot = 0;
        return d->handle(req, slot);
    }
};

nlohmann::json body(const Response& r) { return nlohmann::json::parse(r.body); }

}  // namespace

TEST(Dispatcher, HandlerExceptionBecomes500EnvelopeWithRequestId) {
    Fixture f;
    f.router.add("GET", "/boom", Access::anyone(),
                 [](Request&) -> Response { throw std::runtime_error("secret internals"); });
    f.router.add("GET", "/fine", Access::anyone(), [](Request&) { return Response::text("ok"); });
    f.ready();
    auto r = f.call("GET", "/boom");
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(body(r)["error"]["code"], "internal");
    EXPECT_EQ(body(r)["error"]["request_id"], "rid-1");
    EXPECT_EQ(r.body.find("secret internals"), std::string::npos);  // never leaks internals
    EXPECT_EQ(f.call("GET", "/fine").status, 200);                  // and keeps serving
}

TEST(Dispatcher, ProtectedRouteIsDeniedByDefault) {
    Fixture f;
    bool called = false;
    f.router.add("GET", "/api/v1/members", Access::need("member.read"), [&](Request&) {
        called = true;
        return Response::text("x");
    });
    f.ready();
    auto r = f.call("GET", "/api/v1/members");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(body(r)["error"]["code"], "auth.required");
    EXPECT_FALSE(called);
}

TEST(Dispatcher, AuthorizerSeesTheDeclaredPermission) {
    Fixture f;
    f.router.add("GET", "/api/v1/members", Access::need("member.read"),
                 [](Request&) { return Response::text("x"); });
    f.ready();
    std::string seen;
    f.d->set_authorizer([&](Request&, const Access& a) { seen = a.permission; });
    EXPECT_EQ(f.call("GET", "/api/v1/members").status, 200);
    EXPECT_EQ(seen, "member.read");
}

TEST(Dispatcher, UnknownApiPathIs404Envelope) {
    Fixture f;
    f.ready();
    auto r = f.call("GET", "/api/v1/no-such-thing");
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(body(r)["error"]["code"], "request.not_found");
    EXPECT_FALSE(body(r)["error"]["message"].get<std::string>().empty());
}

TEST(Dispatcher, JsonBodyErrors) {
    Fixture f;
    f.router.add("POST", "/echo", Access::anyone(),
                 [](Request& r) { return Response::json(r.json()); });
    f.ready();
    auto bad = f.call("POST", "/echo", "{\"a\": 1,,}", "application/json");
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(body(bad)["error"]["code"], "request.malformed_json");
    EXPECT_EQ(body(bad)["error"]["byte_offset"], 9);
    auto wrong_type = f.call("POST", "/echo", "{}", "text/plain");
    EXPECT_EQ(wrong_type.status, 415);
    auto good = f.call("POST", "/echo", "{\"名\":\"张三\"}", "application/json; charset=utf-8");
    EXPECT_EQ(good.status, 200);
    EXPECT_EQ(body(good)["名"], "张三");
}

TEST(Dispatcher, TranslatorTurnsKnownExceptionsIntoAnswers) {
    Fixture f;
    f.router.add("GET", "/db", Access::anyone(),
                 [](Request&) -> Response { throw std::out_of_range("db down"); });
    f.ready();
    f.d->set_translator([](const std::exception& e) -> std::optional<gh::ApiError> {
        if (dynamic_cast<const std::out_of_range*>(&e)) {
            return gh::ApiError(503, "service.unavailable", "暂不可用");
        }
        return std::nullopt;
    });
    EXPECT_EQ(f.call("GET", "/db").status, 503);
}

TEST(Dispatcher, EveryResponseCarriesSecurityHeaders) {
    Fixture f;
    f.router.add("GET", "/boom", Access::anyone(),
                 [](Request&) -> Response { throw std::runtime_error("x"); });
    f.router.add("GET", "/ok", Access::anyone(), [](Request&) { return Response::text("ok"); });
    f.ready();
    for (const char* path : {"/api/v1/x", "/boom", "/ok"}) {
        EXPECT_TRUE(f.call("GET", path).security_headers) << path;
    }
    std::string block = security_headers_block();
    EXPECT_NE(block.find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_NE(block.find("X-Content-Type-Options: nosniff\r\n"), std::string::npos);
}

TEST(Dispatcher, ErrorEnvelopeEscapesItsText) {
    auto r = Dispatcher::error_response(
        gh::ApiError(422, "field.x", "引号\"与\\反斜杠\n换行", "名\u0001"), "rid");
    auto j = nlohmann::json::parse(r.body);  // valid JSON whatever the text
    EXPECT_EQ(j["error"]["message"], "引号\"与\\反斜杠\n换行");
    EXPECT_EQ(j["error"]["field"], "名\u0001");
    EXPECT_EQ(j["error"]["request_id"], "rid");
    EXPECT_EQ(r.status, 422);
}

namespace {
std::string header_of(const Response& r, const std::string& name) {
    for (const auto& [k, v] : r.headers) {
        if (k == name) return v;
    }
    return "";
}
}  // namespace

TEST(Dispatcher, Every429CarriesRetryAfter) {
    Fixture f;
    f.router.add("GET", "/limited", Access::anyone(), [](Request&) -> Response {
        throw gh::ApiError::too_many("x.limited", "太频繁", 17);
    });
    // Built the old way, without a retry time: still answered with one (a minute).
    f.router.add("GET", "/bare", Access::anyone(),
                 [](Request&) -> Response { throw gh::ApiError(429, "x.bare", "太频繁"); });
    f.router.add("GET", "/other", Access::anyone(),
                 [](Request&) -> Response { throw gh::ApiError(409, "x.conflict", "冲突"); });
    f.ready();
    auto limited = f.call("GET", "/limited");
    EXPECT_EQ(limited.status, 429);
    EXPECT_EQ(header_of(limited, "retry-after"), "17");
    EXPECT_EQ(body(limited)["error"]["retry_after"], 17);
    EXPECT_EQ(body(limited)["error"]["code"], "x.limited");
    EXPECT_EQ(body(limited)["error"]["request_id"], "rid-1");
    auto bare = f.call("GET", "/bare");
    EXPECT_EQ(bare.status, 429);
    EXPECT_EQ(header_of(bare, "retry-after"), "60");
    EXPECT_EQ(body(bare)["error"]["retry_after"], 60);
    auto other = f.call("GET", "/other");
    EXPECT_EQ(other.status, 409);
    EXPECT_EQ(header_of(other, "retry-after"), "");
}
