#include "core/http/dispatcher.h"

#include <spdlog/spdlog.h>

namespace gh::http {

Dispatcher::Dispatcher(const Router& router, const StaticFiles& files, Metrics& metrics)
    : router_(router), files_(files), metrics_(metrics) {
    authorize_ = [](Request&, const Access&) { throw ApiError(401, "auth.required", "请先登录"); };
}

const char* security_headers_block() {
    return "X-Content-Type-Options: nosniff\r\n"
           "X-Frame-Options: DENY\r\n"
           "Referrer-Policy: no-referrer\r\n"
           "Content-Security-Policy: default-src 'self'; img-src 'self' data: blob:; "
           "style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; "
           "font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
           "frame-ancestors 'none'\r\n";
}

void add_security_headers(Response& r) { r.security_headers = true; }

namespace {
void append_json_string(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (unsigned char c : s) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (c < 0x20) {
                    out += "\\u00";
                    out += hex[c >> 4];
                    out += hex[c & 0xf];
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    out += '"';
}
}  // namespace

Response Dispatcher::error_response(const ApiError& e, const std::string& request_id) {
    if (const int64_t retry = e.retry_after(); retry > 0) {
        // Every 429 (and any answer given a retry time) tells the client when to come back.
        auto env = e.envelope();
        env["error"]["retry_after"] = retry;
        if (!request_id.empty()) env["error"]["request_id"] = request_id;
        Response r = Response::json(env, e.status());
        r.headers.emplace_back("retry-after", std::to_string(retry));
        return r;
    }
    if (!e.extra().empty()) {  // rare: extra members, let the JSON library build it
        auto env = e.envelope();
        if (!request_id.empty()) env["error"]["request_id"] = request_id;
        return Response::json(env, e.status());
    }
    // The common envelope, written directly: error answers are what scanners and bad clients
    // cause, so they should cost no more than a success.
    Response r;
    r.status = e.status();
    std::string& b = r.body;
    b.reserve(128 + e.message().size());
    b += "{\"error\":{\"code\":";
    append_json_string(b, e.code());
    b += ",\"message\":";
    append_json_string(b, e.message());
    if (!e.field().empty()) {
        b += ",\"field\":";
        append_json_string(b, e.field());
    }
    if (!request_id.empty()) {
        b += ",\"request_id\":";
        append_json_string(b, request_id);
    }
    b += "}}";
    return r;
}

Response Dispatcher::unrouted(Request& req, const Match& m, size_t& slot) const {
    if (m.path_known) {
        slot = metrics_.unmatched_slot();
        // Answered, not thrown: unknown paths are the cheapest thing a scanner can send.
        Response r = error_response(
            ApiError(405, "request.method_not_allowed", "该接口不支持 " + req.method + " 方法"),
            req.request_id);
        r.headers.emplace_back("allow", m.allowed_methods);
        return r;
    }
    const bool api = req.path.rfind("/api/", 0) == 0 || req.path == "/api";
    if (!api && (req.method == "GET" || req.method == "HEAD")) {
        if (auto r = files_.serve(req)) {
            slot = metrics_.static_slot();
            return std::move(*r);
        }
    }
    slot = metrics_.unmatched_slot();
    return error_response(ApiError(404, "request.not_found", api ? "接口不存在" : "页面不存在"),
                          req.request_id);
}

// The one place exceptions become envelopes.
template <class F>
Response Dispatcher::guarded(Request& req, F&& f) const {
    Response r;
    try {
        r = f();
    } catch (const ApiError& e) {
        if (!e.log_detail().empty()) {
            spdlog::info("request {} {} {} answered {} {}: {}", req.request_id, req.method,
                         req.path, e.status(), e.code(), e.log_detail());
        }
        r = error_response(e, req.request_id);
    } catch (const std::exception& e) {
        std::optional<ApiError> known;
        if (translate_) known = translate_(e);
        if (known) {
            spdlog::warn("request {} {} {}: {}", req.request_id, req.method, req.path, e.what());
            r = error_response(*known, req.request_id);
            add_security_headers(r);
            return r;
        }
        spdlog::error("request {} {} {} failed: {}: {}", req.request_id, req.method, req.path,
                      typeid(e).name(), e.what());
        r = error_response(ApiError(500, "internal", "服务器内部错误，请联系管理员并提供请求编号"),
                           req.request_id);
    } catch (...) {
        spdlog::error("request {} {} {} failed with a non-standard exception", req.request_id,
                      req.method, req.path);
        r = error_response(ApiError(500, "internal", "服务器内部错误，请联系管理员并提供请求编号"),
                           req.request_id);
    }
    add_security_headers(r);
    return r;
}

std::optional<Response> Dispatcher::begin(Request& req, size_t& slot,
                                          const Route*& deferred) const {
    deferred = nullptr;
    slot = metrics_.unmatched_slot();
    // HEAD is GET without the body (the session drops it).
    Match m = router_.match(req.method == "HEAD" ? std::string_view("GET") : req.method, req.path);
    if (!m.route) return guarded(req, [&] { return unrouted(req, m, slot); });
    slot = m.route->index;
    req.path_params = std::move(m.params);
    if (!m.route->on_io_thread) {
        deferred = m.route;
        return std::nullopt;
    }
    return run(req, *m.route);
}

Response Dispatcher::run(Request& req, const Route& route) const {
    return guarded(req, [&] {
        if (!route.access.is_public) authorize_(req, route.access);
        return route.handler(req);
    });
}

Response Dispatcher::handle(Request& req, size_t& slot) const {
    const Route* deferred = nullptr;
    auto r = begin(req, slot, deferred);
    if (r) return std::move(*r);
    return run(req, *deferred);
}

}  // namespace gh::http
