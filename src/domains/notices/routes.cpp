// HTTP ⇄ NoticeService: the caller's own inbox, for a worker on the phone page
// (/api/v1/worker/notices…) and for a staff member in the console (/api/v1/notices…).
#include "domains/notices/routes.h"

#include "core/auth/principal.h"
#include "core/http/caller.h"
#include "core/http/cursor.h"
#include "core/http/fields.h"
#include "core/http/router.h"

namespace gh::notices {

namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

// One inbox's four routes under `base`; `list` names its cursors (a staff cursor never opens a
// worker's list).
void inbox_routes(http::Router& r, NoticeService& svc, const http::Cursors& cursors,
                  const std::string& base, const std::string& list, const Access& access) {
    r.add("GET", base, access, [&svc, &cursors, list](Request& req) {
        std::optional<int64_t> before;
        if (auto at = cursors.open(req, list)) before = http::cursor_int(*at, 0);
        auto page = svc.inbox(Recipient::of(http::principal_of(req)), before,
                              http::query_limit(req, 20, 100));
        json items = json::array();
        for (const auto& n : page.items) items.push_back(notice_json(n));
        json next = page.more ? json(cursors.seal(req, list, json::array({page.items.back().id})))
                              : json(nullptr);
        return Response::json({{"items", items}, {"next_cursor", next}, {"unread", page.unread}});
    });
    r.add("GET", base + "/unread", access, [&svc](Request& req) {
        return Response::json({{"unread", svc.unread(Recipient::of(http::principal_of(req)))}});
    });
    r.add("POST", base + "/{id}/read", access, [&svc](Request& req) {
        svc.mark_read(http::actor_of(req), Recipient::of(http::principal_of(req)),
                      http::path_id(req));
        return Response::json({{"read", true}});
    });
    r.add("POST", base + "/read-all", access, [&svc](Request& req) {
        return Response::json(
            {{"read", svc.read_all(http::actor_of(req), Recipient::of(http::principal_of(req)))}});
    });
}

}  // namespace

void register_routes(http::Router& r, NoticeService& svc, const http::Cursors& cursors) {
    inbox_routes(r, svc, cursors, "/api/v1/notices", "notices", Access::need("notice.read"));
    inbox_routes(r, svc, cursors, "/api/v1/worker/notices", "worker_notices",
                 Access::need(std::string(auth::kWorkerSelf)));
}

}  // namespace gh::notices
