#include <spdlog/spdlog.h>

#include "core/error.h"
#include "core/http/metrics.h"
#include "core/http/router.h"
#include "domains/system/system.h"

namespace gh::system {

namespace {

struct ClientError {
    std::string message, page;
};

// Control characters could forge log lines; long texts could flood the log.
std::string clean(const std::string& s, size_t max_bytes) {
    std::string out;
    for (unsigned char c : s.substr(0, max_bytes)) out += (c < 0x20 || c == 0x7f) ? ' ' : c;
    return out;
}

ClientError parse_client_error(const nlohmann::json& body) {
    if (!body.is_object()) {
        throw ApiError(422, "request.not_object", "请求体必须是 JSON 对象");
    }
    auto text = [&](const char* key, bool required) -> std::string {
        auto it = body.find(key);
        if (it == body.end() || it->is_null()) {
            if (required) throw ApiError(422, "field.required", "此项必填", key);
            return {};
        }
        if (!it->is_string()) throw ApiError(422, "field.type", "应为文本", key);
        std::string v = it->get<std::string>();
        if (required && v.empty()) throw ApiError(422, "field.required", "此项必填", key);
        if (v.size() > 4000)
            throw ApiError(422, "field.too_long", "内容过长（最多 4000 字节）", key);
        return v;
    };
    ClientError e;
    e.message = clean(text("message", true), 4000);
    std::string page = text("page", false);
    e.page = clean(page.substr(0, page.find('?')), 300);  // a query string may carry PII
    return e;
}

}  // namespace

void register_routes(http::Router& router, SystemService& service, http::Metrics& metrics) {
    using http::Access;
    using http::Request;
    using http::Response;

    // Liveness without the database: also the plaintext benchmark's endpoint.
    // It and /metrics never wait, so they answer on the io thread.
    router.add_inline("GET", "/livez", [](Request&) { return Response::text("ok\n"); });

    router.add("GET", "/healthz", Access::anyone(), [&service](Request&) {
        Health h = service.health();
        return Response::json({{"status", h.db_ok ? "ok" : "unavailable"},
                               {"db", h.db_backend},
                               {"version", GONGHUI_VERSION}},
                              h.db_ok ? 200 : 503);
    });

    // Prometheus scrapes from the server itself; keep the port off the public network.
    router.add_inline("GET", "/metrics", [&metrics](Request&) {
        Response r = Response::text(metrics.render());
        r.content_type = "text/plain; version=0.0.4; charset=utf-8";
        return r;
    });

    // The console reports its own uncaught errors here, so they reach the server log.
    router.add("POST", "/api/v1/system/client-errors", Access::anyone(), [](Request& req) {
        auto body = req.json();
        ClientError e = parse_client_error(body);
        spdlog::warn("client error {} at {}: {}", req.request_id, e.page, e.message);
        return Response::json({{"received", true}}, 202);
    });

    // What every route requires: the console hides buttons by it, the authorization matrix
    // test walks it. Any signed-in account may read it.
    router.add("GET", "/api/v1/system/routes", Access::need("auth.session"), [&router](Request&) {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& r : router.routes()) {
            items.push_back({{"method", r->method},
                             {"pattern", r->pattern},
                             {"permission", r->access.permission},
                             {"public", r->access.is_public}});
        }
        return Response::json({{"items", items}, {"total", items.size()}});
    });

    router.add("GET", "/api/v1/system/info", Access::anyone(), [&service](Request&) {
        Info i = service.info();
        return Response::json({{"instance_name", i.instance_name}, {"version", i.version}});
    });
}

}  // namespace gh::system
