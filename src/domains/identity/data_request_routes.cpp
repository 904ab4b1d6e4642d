// HTTP ⇄ DataRequests: a worker files and follows their requests to correct or delete their
// personal information; a security administrator answers them.
#include "core/http/caller.h"
#include "core/http/cursor.h"
#include "core/http/fields.h"
#include "core/http/router.h"
#include "domains/identity/authorizer.h"
#include "domains/identity/data_requests.h"
#include "domains/identity/routes.h"

namespace gh::identity {

namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

json request_json(const DataRequest& d) {
    return {{"id", d.id},
            {"kind", d.kind},
            {"detail", d.detail},
            {"status", d.status},
            {"reply", d.reply},
            {"created_at", to_wire(d.created_at)},
            {"handled_at", http::wire_time(d.handled_at)}};
}

}  // namespace

void register_data_request_routes(http::Router& r, DataRequests& svc,
                                  const http::Cursors& cursors) {
    const Access self = Access::need(std::string(kWorkerSelf));
    r.add("POST", "/api/v1/worker/me/requests", self, [&svc](Request& req) {
        auto body = http::json_object(req);
        auto kind = http::required_string(body, "kind", 20);
        auto detail = http::optional_string(body, "detail", 4000, /*multiline=*/true).value_or("");
        return Response::json(
            request_json(svc.file(actor_of(req), principal_of(req), kind, detail)), 201);
    });
    r.add("GET", "/api/v1/worker/me/requests", self, [&svc](Request& req) {
        json items = json::array();
        for (const auto& d : svc.mine(principal_of(req))) items.push_back(request_json(d));
        return Response::json({{"items", items}});
    });

    const Access handle = Access::need("worker_request.handle");
    r.add("GET", "/api/v1/worker-requests", handle, [&svc, &cursors](Request& req) {
        std::optional<int64_t> before;
        if (auto at = cursors.open(req, "worker_requests")) before = http::cursor_int(*at, 0);
        const int limit = http::query_limit(req, 50, 200);
        auto items = svc.queue(req.query_param("status").value_or(""), before, limit);
        json out = json::array();
        for (const auto& d : items) out.push_back(request_json(d));
        json next = items.size() == static_cast<size_t>(limit)
                        ? json(cursors.seal(req, "worker_requests", json::array({items.back().id})))
                        : json(nullptr);
        return Response::json({{"items", out}, {"next_cursor", next}});
    });
    r.add("POST", "/api/v1/worker-requests/{id}/answer", handle, [&svc](Request& req) {
        auto body = http::json_object(req);
        auto status = http::required_string(body, "status", 20);
        auto reply = http::optional_string(body, "reply", 4000, /*multiline=*/true).value_or("");
        return Response::json(
            request_json(svc.answer(actor_of(req), http::path_id(req), status, reply)));
    });
}

}  // namespace gh::identity
