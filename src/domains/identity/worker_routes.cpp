// HTTP ⇄ WorkerService: a worker's sign-in on a phone (one-time code or password), account and
// the copy of their data.
#include "core/auth/rate_limiter.h"
#include "core/http/caller.h"
#include "core/http/fields.h"
#include "core/http/router.h"
#include "domains/identity/authorizer.h"
#include "domains/identity/routes.h"
#include "domains/identity/workers.h"

namespace gh::identity {

namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

json worker_json(const WorkerView& w) {
    return {{"id", w.id}, {"phone_masked", w.phone_masked}, {"has_password", w.has_password}};
}

void limit(WorkerService& svc, const Request& req) {
    if (!svc.allow_attempt(req.remote_ip)) {
        throw ApiError::too_many("auth.rate_limited", "尝试过于频繁，请一分钟后再试",
                                 svc.attempt_retry_after());
    }
}

}  // namespace

void register_worker_routes(http::Router& r, WorkerService& svc) {
    const Access self = Access::need(std::string(kWorkerSelf));

    r.add("POST", "/api/v1/worker/otp", Access::anyone(), [&svc](Request& req) {
        limit(svc, req);
        auto body = http::json_object(req);
        svc.request_otp(actor_of(req), http::required_string(body, "phone", 40));
        return Response::json({{"sent", true}});
    });

    r.add("POST", "/api/v1/worker/login", Access::anyone(), [&svc](Request& req) {
        limit(svc, req);
        auto body = http::json_object(req);
        auto phone = http::required_string(body, "phone", 40);
        auto code = http::optional_string(body, "code", 16);
        auto ua = req.header("user-agent").value_or("");
        WorkerLogin res;
        if (code) {
            res = svc.login_otp(actor_of(req), phone, *code, ua);
        } else {
            auto password = http::required_string(body, "password", 128);
            res = svc.login_password(actor_of(req), phone, password, ua);
        }
        Response out =
            Response::json({{"csrf_token", res.csrf_token}, {"worker", worker_json(res.worker)}});
        out.headers.emplace_back("set-cookie",
                                 session_cookie(req, kWorkerSessionCookie, res.token, false));
        out.headers.emplace_back("cache-control", "no-store");
        return out;
    });

    r.add("GET", "/api/v1/worker/me", self, [&svc](Request& req) {
        json out = worker_json(svc.me(principal_of(req)));
        out["csrf_token"] = svc.csrf_token_of(principal_of(req));
        Response r = Response::json(out);
        r.headers.emplace_back("cache-control", "no-store");
        return r;
    });

    r.add("POST", "/api/v1/worker/password", self, [&svc](Request& req) {
        auto body = http::json_object(req);
        auto new_pw = http::required_string(body, "new_password", 1000);
        svc.set_password(actor_of(req), principal_of(req), new_pw);
        return Response::json({{"changed", true}});
    });

    r.add("POST", "/api/v1/worker/logout", self, [&svc](Request& req) {
        svc.logout(actor_of(req), principal_of(req).session_id);
        Response out = Response::no_content();
        out.headers.emplace_back("set-cookie", session_cookie(req, kWorkerSessionCookie, "", true));
        return out;
    });

    r.add("GET", "/api/v1/worker/me/data", self, [&svc](Request& req) {
        Response out = Response::json(svc.export_my_data(actor_of(req), principal_of(req)));
        out.headers.emplace_back("content-disposition", "attachment; filename=\"my-data.json\"");
        out.headers.emplace_back("cache-control", "no-store");
        return out;
    });
}

}  // namespace gh::identity
