#include "core/http/dispatcher.h"

#include <spdlog/spdlog.h>

namespace gh::http {

Dispatcher::Dispatcher(const Router& router, const StaticFiles& files, Metrics& metrics)
    : router_(router), files_(files), metrics_(metrics) {
    authorize_ = [](Request&, const Access&) { throw ApiError(401, "auth.required", "请先登录"); };
}

void add_security_headers(Response& r) {
    r.headers.emplace_back("x-content-type-options", "nosniff");
    r.headers.emplace_back("x-frame-options", "DENY");
    r.headers.emplace_back("referrer-policy", "no-referrer");
    r.headers.emplace_back(
        "content-security-policy",
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
        "script-src 'self'; connect-src 'self'; font-src 'self' data:; object-src 'none'; "
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
}

Response Dispatcher::error_response(const ApiError& e, const std::string& request_id) {
    auto env = e.envelope();
    if (!request_id.empty()) env["error"]["request_id"] = request_id;
    return Response::json(env, e.status());
}

Response Dispatcher::route(Request& req, size_t& slot) const {
    Match m = router_.match(req.method, req.path);
    if (m.route) {
        slot = m.route->index;
        req.path_params = std::move(m.params);
        if (!m.route->access.is_public) authorize_(req, m.route->access);
        return m.route->handler(req);
    }
    if (m.path_known) {
        slot = metrics_.unmatched_slot();
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
    throw ApiError(404, "request.not_found", api ? "接口不存在" : "页面不存在");
}

Response Dispatcher::handle(Request& req, size_t& slot) const {
    Response r;
    slot = metrics_.unmatched_slot();
    try {
        r = route(req, slot);
    } catch (const ApiError& e) {
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

}  // namespace gh::http
