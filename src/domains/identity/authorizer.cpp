#include "domains/identity/authorizer.h"

#include "core/auth/token.h"
#include "core/error.h"

namespace gh::identity {

namespace {

bool unsafe_method(std::string_view m) { return !(m == "GET" || m == "HEAD" || m == "OPTIONS"); }

std::string_view bearer_token(const http::Request& req) {
    auto h = req.header("authorization");
    if (!h || h->substr(0, 7) != "Bearer ") return {};
    return h->substr(7);
}

std::string_view cookie_token(const http::Request& req, std::string_view name) {
    auto c = req.cookie(name);
    return c ? *c : std::string_view{};
}

ApiError forbidden(const std::string& permission) {
    return ApiError(403, "auth.forbidden", "没有权限执行此操作", "", {{"permission", permission}});
}

// A cookie rides along with any request the browser makes, even one another site triggers:
// state changes must also carry the token only our own page can read.
void check_csrf(const http::Request& req, const std::string& expected) {
    if (!unsafe_method(req.method)) return;
    auto sent = req.header("x-csrf-token");
    if (!sent || !auth::constant_time_equal(*sent, expected)) {
        throw ApiError(403, "auth.csrf", "请求缺少有效的 CSRF 令牌，请刷新页面后重试");
    }
}

// A worker route: only a worker session will do. A signed-in cadre is refused as forbidden,
// anyone else is asked to sign in.
void authorize_worker(http::Request& req, const http::Access& access, IdentityService& svc,
                      WorkerService& workers) {
    std::string_view token = cookie_token(req, kWorkerSessionCookie);
    if (token.empty()) {
        std::string_view service = bearer_token(req);
        if (!service.empty() && svc.resolve_service_token(service)) {
            throw forbidden(access.permission);
        }
        std::string_view staff = cookie_token(req, kSessionCookie);
        if (!staff.empty() && svc.resolve_session(staff)) throw forbidden(access.permission);
        throw ApiError(401, "auth.required", "请先登录");
    }
    auto resolved = workers.resolve_session(token);
    if (!resolved) throw ApiError(401, "auth.session_expired", "登录已失效，请重新登录");
    check_csrf(req, resolved->csrf_token);
    if (!resolved->principal.has(access.permission)) throw forbidden(access.permission);
    req.context = std::move(resolved->principal);
}

}  // namespace

std::string session_cookie(const http::Request& req, std::string_view name, std::string_view value,
                           bool clear) {
    std::string c =
        std::string(name) + "=" + std::string(value) + "; Path=/; HttpOnly; SameSite=Strict";
    // Behind a TLS-terminating proxy the cookie must never travel in clear.
    if (auto proto = req.header("x-forwarded-proto"); proto && *proto == "https") c += "; Secure";
    if (clear) c += "; Max-Age=0";
    return c;
}

http::Authorizer make_authorizer(IdentityService& svc, WorkerService& workers) {
    return [&svc, &workers](http::Request& req, const http::Access& access) {
        if (access.permission == kWorkerSelf) return authorize_worker(req, access, svc, workers);
        // Another system: a bearer token of a service account, its own permissions only (no
        // CSRF: no browser carries it by itself).
        if (std::string_view bearer = bearer_token(req); !bearer.empty()) {
            auto service = svc.resolve_service_token(bearer);
            if (!service) throw ApiError(401, "auth.invalid_token", "接口令牌无效或已停用");
            if (!service->has(access.permission)) throw forbidden(access.permission);
            req.context = std::move(*service);
            return;
        }
        std::string_view token = cookie_token(req, kSessionCookie);
        if (token.empty()) {
            // A worker signed in on a phone reaching for a cadre's route.
            auto worker = cookie_token(req, kWorkerSessionCookie);
            if (!worker.empty() && workers.resolve_session(worker)) {
                throw forbidden(access.permission);
            }
            throw ApiError(401, "auth.required", "请先登录");
        }
        auto resolved = svc.resolve_session(token);
        if (!resolved) throw ApiError(401, "auth.session_expired", "登录已失效，请重新登录");
        check_csrf(req, resolved->csrf_token);
        Principal& p = resolved->principal;
        if (access.permission != kSignedIn) {
            if (p.mfa_pending) throw ApiError(403, "auth.mfa_required", "请先完成两步验证");
            if (p.must_change_password) {
                throw ApiError(403, "auth.password_change_required", "请先修改初始密码");
            }
            if (!p.has(access.permission)) throw forbidden(access.permission);
        }
        req.context = std::move(p);
    };
}

}  // namespace gh::identity
