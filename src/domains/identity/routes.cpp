// HTTP ⇄ IdentityService: sign-in, sessions, passwords, accounts, roles.
#include "domains/identity/routes.h"
#include "core/auth/rate_limiter.h"
#include "core/http/caller.h"
#include "core/http/cursor.h"
#include "core/http/fields.h"
#include "core/http/router.h"
#include "domains/identity/authorizer.h"
#include "domains/identity/roles.h"

namespace gh::identity {

namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

json principal_json(const Principal& p) {
    return {{"id", p.account_id},
            {"username", p.username},
            {"display_name", p.display_name},
            {"org_id", p.org_id},
            {"roles", p.roles},
            {"permissions", p.permissions},
            {"must_change_password", p.must_change_password},
            {"mfa_pending", p.mfa_pending}};
}

json account_json(const IdentityService& svc, const AccountView& a) {
    return {{"id", a.id},
            {"username", a.username},
            {"display_name", a.display_name},
            {"status", a.status},
            {"org_id", a.org_id},
            {"roles", a.roles},
            {"must_change_password", a.must_change_password},
            {"totp_enabled", a.totp_enabled},
            {"locked_until", http::wire_time(a.locked_until)},
            {"locked", svc.locked_now(a)}};
}

json sessions_json(const std::vector<SessionView>& sessions) {
    json items = json::array();
    for (const auto& s : sessions) {
        items.push_back({{"id", s.id},
                         {"created_at", to_wire(s.created_at)},
                         {"last_seen_at", to_wire(s.last_seen_at)},
                         {"ip", s.ip},
                         {"user_agent", s.user_agent},
                         {"current", s.current}});
    }
    return {{"items", items}, {"total", items.size()}};
}

AccountFilter account_filter(const Request& req) {
    auto text = [&](const char* name) {
        auto v = req.query_param(name);
        return v ? std::string(*v) : std::string();
    };
    AccountFilter f;
    f.q = text("q");
    f.role = text("role");
    f.state = text("state");
    if (!text("org_id").empty()) f.org_id = http::query_int(req, "org_id", 0);
    return f;
}

void auth_routes(http::Router& r, IdentityService& svc) {
    r.add("POST", "/api/v1/auth/login", Access::anyone(), [&svc](Request& req) {
        if (!svc.allow_login_attempt(req.remote_ip)) {
            throw ApiError::too_many("auth.rate_limited", "登录尝试过于频繁，请一分钟后再试",
                                     svc.login_retry_after());
        }
        auto body = http::json_object(req);
        auto username = http::required_string(body, "username", 64);
        auto password = http::required_string(body, "password", 128);
        auto ua = req.header("user-agent").value_or("");
        LoginResult res = svc.login(actor_of(req), username, password, ua);
        Response out = Response::json({{"csrf_token", res.csrf_token},
                                       {"must_change_password", res.must_change_password},
                                       {"mfa_required", res.mfa_required},
                                       {"mfa_enrolled", res.mfa_enrolled},
                                       {"user", principal_json(res.principal)}});
        out.headers.emplace_back("set-cookie",
                                 session_cookie(req, kSessionCookie, res.token, false));
        out.headers.emplace_back("cache-control", "no-store");
        return out;
    });

    r.add("POST", "/api/v1/auth/logout", Access::need(std::string(kSignedIn)),
          [&svc](Request& req) {
              svc.logout(actor_of(req), principal_of(req).session_id);
              Response out = Response::no_content();
              out.headers.emplace_back("set-cookie", session_cookie(req, kSessionCookie, "", true));
              return out;
          });

    // The signed-in user with their permissions (the console builds its menu from them) and the
    // session's CSRF token (same-origin reads only: a reloaded or second tab needs it).
    r.add("GET", "/api/v1/auth/me", Access::need(std::string(kSignedIn)), [&svc](Request& req) {
        const Principal& p = principal_of(req);
        json out = principal_json(p);
        out["csrf_token"] = svc.csrf_token_of(p);
        Response res = Response::json(out);
        res.headers.emplace_back("cache-control", "no-store");
        return res;
    });

    r.add("POST", "/api/v1/auth/password", Access::need(std::string(kSignedIn)),
          [&svc](Request& req) {
              auto body = http::json_object(req);
              auto old_pw = http::required_string(body, "old_password", 128);
              auto new_pw = http::required_string(body, "new_password", 1000);
              svc.change_password(actor_of(req), principal_of(req), old_pw, new_pw);
              return Response::json({{"changed", true}});
          });

    r.add("POST", "/api/v1/auth/totp/enroll", Access::need(std::string(kSignedIn)),
          [&svc](Request& req) {
              auto e = svc.enroll_totp(actor_of(req), principal_of(req));
              Response out = Response::json({{"secret", e.secret_base32},
                                             {"otpauth_uri", e.otpauth_uri},
                                             {"qr_svg", e.qr_svg}});
              out.headers.emplace_back("cache-control", "no-store");
              return out;
          });

    r.add("POST", "/api/v1/auth/totp/verify", Access::need(std::string(kSignedIn)),
          [&svc](Request& req) {
              auto body = http::json_object(req);
              auto code = http::required_string(body, "code", 16);
              svc.verify_totp(actor_of(req), principal_of(req), code);
              return Response::json({{"verified", true}});
          });

    r.add("GET", "/api/v1/auth/sessions", Access::need(std::string(kSignedIn)),
          [&svc](Request& req) {
              return Response::json(sessions_json(svc.sessions_of(principal_of(req))));
          });

    r.add("POST", "/api/v1/auth/sessions/logout-others", Access::need(std::string(kSignedIn)),
          [&svc](Request& req) {
              int n = svc.logout_others(actor_of(req), principal_of(req));
              return Response::json({{"revoked", n}});
          });
}

// Administration of one account (system administrator, account.write; sessions: account.read).
void account_admin_routes(http::Router& r, IdentityService& svc) {
    for (bool enable : {false, true}) {
        r.add("POST", enable ? "/api/v1/accounts/{id}/enable" : "/api/v1/accounts/{id}/disable",
              Access::need("account.write"), [&svc, enable](Request& req) {
                  auto a =
                      svc.set_enabled(actor_of(req), principal_of(req), http::path_id(req), enable);
                  return Response::json(account_json(svc, a));
              });
    }

    r.add("POST", "/api/v1/accounts/{id}/reset-password", Access::need("account.write"),
          [&svc](Request& req) {
              auto [view, password] =
                  svc.reset_password_of(actor_of(req), principal_of(req), http::path_id(req));
              json out = account_json(svc, view);
              out["initial_password"] = password;
              Response res = Response::json(out);
              res.headers.emplace_back("cache-control", "no-store");
              return res;
          });

    r.add("POST", "/api/v1/accounts/{id}/unlock", Access::need("account.write"),
          [&svc](Request& req) {
              auto a = svc.unlock(actor_of(req), principal_of(req), http::path_id(req));
              return Response::json(account_json(svc, a));
          });

    r.add("GET", "/api/v1/accounts/{id}/sessions", Access::need("account.read"),
          [&svc](Request& req) {
              return Response::json(
                  sessions_json(svc.sessions_of_account(principal_of(req), http::path_id(req))));
          });
}

void account_routes(http::Router& r, IdentityService& svc, const http::Cursors& cursors) {
    r.add("GET", "/api/v1/accounts", Access::need("account.read"), [&svc, &cursors](Request& req) {
        int limit = http::query_limit(req);
        const auto at = cursors.open(req, "accounts");
        auto items = svc.list_accounts(principal_of(req), account_filter(req),
                                       at ? http::cursor_int(*at, 0) : 0, limit);
        json out = json::array();
        for (const auto& a : items) out.push_back(account_json(svc, a));
        json next = items.size() == static_cast<size_t>(limit)
                        ? json(cursors.seal(req, "accounts", json::array({items.back().id})))
                        : json(nullptr);
        return Response::json({{"items", out}, {"next_cursor", next}});
    });

    r.add("GET", "/api/v1/accounts/{id}", Access::need("account.read"), [&svc](Request& req) {
        auto a = svc.get_account(principal_of(req), http::path_id(req));
        if (!a) throw ApiError(404, "account.not_found", "账号不存在");
        return Response::json(account_json(svc, *a));
    });

    r.add("POST", "/api/v1/accounts", Access::need("account.write"), [&svc](Request& req) {
        auto body = http::json_object(req);
        auto org_id = http::optional_int(body, "org_id").value_or(principal_of(req).org_id);
        auto username = http::required_string(body, "username", 64);
        auto display = http::optional_string(body, "display_name", 100).value_or(username);
        // An administrator creates accounts within reach and without roles: roles are the
        // security administrator's to grant (三员分立).
        auto [view, password] = svc.create_account_in_scope(actor_of(req), principal_of(req),
                                                            org_id, username, display);
        json out = account_json(svc, view);
        out["initial_password"] = password;
        Response res = Response::json(out, 201);
        res.headers.emplace_back("cache-control", "no-store");
        return res;
    });

    r.add("PUT", "/api/v1/accounts/{id}/roles", Access::need("role.grant"), [&svc](Request& req) {
        auto body = http::json_object(req);
        auto roles = http::string_list(body, "roles");
        auto a = svc.set_roles(actor_of(req), principal_of(req), http::path_id(req), roles);
        return Response::json(account_json(svc, a));
    });

    account_admin_routes(r, svc);

    r.add("DELETE", "/api/v1/sessions/{id}", Access::need("account.write"), [&svc](Request& req) {
        svc.revoke_session(actor_of(req), principal_of(req), http::path_id(req));
        return Response::no_content();
    });

    r.add("GET", "/api/v1/roles", Access::need("account.read"), [&svc](Request&) {
        json items = json::array();
        for (const auto& role : all_roles()) {
            items.push_back(
                {{"name", role.name},
                 {"title", role.title},
                 {"permissions", svc.catalogues().permissions_of({std::string(role.name)})},
                 {"needs_totp", role.needs_totp}});
        }
        return Response::json({{"items", items}});
    });
}

}  // namespace

void register_routes(http::Router& router, IdentityService& svc, const http::Cursors& cursors) {
    auth_routes(router, svc);
    account_routes(router, svc, cursors);
}

}  // namespace gh::identity
