// The audit administrator's window on the audit log: search and chain verification.
#include "core/audit/audit.h"
#include "core/auth/principal.h"
#include "core/db/pool.h"
#include "core/http/fields.h"
#include "core/http/router.h"
#include "core/time.h"
#include "domains/identity/routes.h"

namespace gh::identity {

void register_audit_routes(http::Router& r, db::Pool& pool, audit::AuditLog& log) {
    using http::Access;
    using http::Request;
    using http::Response;
    using nlohmann::json;

    r.add("GET", "/api/v1/audit", Access::need("audit.read"), [&pool, &log](Request& req) {
        audit::Filter f;
        f.limit = http::query_limit(req, 100, audit::AuditLog::max_limit);
        if (auto v = req.query_param("actor"); v && !v->empty()) f.actor_name = std::string(*v);
        if (auto v = req.query_param("action"); v && !v->empty()) f.action_prefix = std::string(*v);
        if (auto v = req.query_param("entity"); v && !v->empty()) f.entity = std::string(*v);
        if (auto v = req.query_param("entity_id"); v && !v->empty()) f.entity_id = std::string(*v);
        if (auto c = http::query_int(req, "cursor", 0); c > 0) f.after_id = c;
        auto c = pool.acquire();
        auto rows = log.search(*c, f);
        json items = json::array();
        for (const auto& row : rows) {
            const auto& e = row.entry;
            items.push_back({{"id", row.id},
                             {"at", row.at},
                             {"actor_type", std::string(audit::actor_type_name(e.actor_type))},
                             {"actor_id", e.actor_id ? json(*e.actor_id) : json(nullptr)},
                             {"actor_name", e.actor_name},
                             {"org_id", e.org_id ? json(*e.org_id) : json(nullptr)},
                             {"ip", e.ip},
                             {"request_id", e.request_id},
                             {"action", e.action},
                             {"entity", e.entity},
                             {"entity_id", e.entity_id},
                             {"detail", e.detail}});
        }
        json next = rows.size() == static_cast<size_t>(f.limit)
                        ? json(std::to_string(rows.back().id))
                        : json(nullptr);
        return Response::json({{"items", items}, {"next_cursor", next}});
    });

    r.add("GET", "/api/v1/audit/verify", Access::need("audit.read"), [&pool, &log](Request&) {
        auto c = pool.acquire();
        auto v = log.verify(*c);
        return Response::json(
            {{"ok", v.ok},
             {"rows_checked", v.rows_checked},
             {"first_broken_id", v.first_broken_id ? json(*v.first_broken_id) : json(nullptr)},
             {"reason", v.reason}});
    });
}

}  // namespace gh::identity
