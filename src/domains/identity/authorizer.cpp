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

}  // namespace

http::Authorizer make_authorizer(IdentityService& svc) {
    return [&svc](http::Request& req, const http::Access& access) {
        std::string_view token = bearer_token(req);
        const bool by_cookie = token.empty();
        if (by_cookie) {
            if (auto c = req.cookie(kSessionCookie)) token = *c;
        }
        if (token.empty()) throw ApiError(401, "auth.required", "请先登录");
        auto resolved = svc.resolve_session(token);
        if (!resolved) throw ApiError(401, "auth.session_expired", "登录已失效，请重新登录");
        // A cookie rides along with any request the browser makes, even one another site
        // triggers: state changes must also carry the token only our own page can read.
        if (by_cookie && unsafe_method(req.method)) {
            auto sent = req.header("x-csrf-token");
            if (!sent || !auth::constant_time_equal(*sent, resolved->csrf_token)) {
                throw ApiError(403, "auth.csrf", "请求缺少有效的 CSRF 令牌，请刷新页面后重试");
            }
        }
        Principal& p = resolved->principal;
        if (access.permission != kSignedIn) {
            if (p.mfa_pending) throw ApiError(403, "auth.mfa_required", "请先完成两步验证");
            if (p.must_change_password) {
                throw ApiError(403, "auth.password_change_required", "请先修改初始密码");
            }
            if (!p.has(access.permission)) {
                throw ApiError(403, "auth.forbidden", "没有权限执行此操作", "",
                               {{"permission", access.permission}});
            }
        }
        req.context = std::move(p);
    };
}

}  // namespace gh::identity
