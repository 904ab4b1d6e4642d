// HTTP ⇄ OrgService. Every read goes through the caller's scope; out of scope answers 404.
#include "domains/orgs/routes.h"
#include "core/auth/principal.h"
#include "core/http/fields.h"
#include "core/http/router.h"
#include "domains/orgs/orgs.h"

namespace gh::orgs {

namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

json org_json(const Org& o) {
    return {{"id", o.id},
            {"parent_id", o.parent_id ? json(*o.parent_id) : json(nullptr)},
            {"name", o.name},
            {"type", o.type},
            {"division_code", o.division_code ? json(*o.division_code) : json(nullptr)}};
}

}  // namespace

void register_routes(http::Router& r, db::Pool& pool, OrgService& svc,
                     std::function<void(db::Connection&, const auth::Actor&, const Org&)> audit) {
    r.add("GET", "/api/v1/orgs", Access::need("org.read"), [&pool, &svc](Request& req) {
        const auto scope = auth::principal_of(req).scope();
        int limit = http::query_limit(req);
        auto c = pool.acquire();
        auto items = svc.list_in_scope(*c, scope, http::query_int(req, "cursor", 0), limit);
        json out = json::array();
        for (const auto& o : items) out.push_back(org_json(o));
        json next = items.size() == static_cast<size_t>(limit)
                        ? json(std::to_string(items.back().id))
                        : json(nullptr);
        return Response::json(
            {{"items", out}, {"next_cursor", next}, {"total", svc.count_in_scope(*c, scope)}});
    });

    r.add("GET", "/api/v1/orgs/{id}", Access::need("org.read"), [&pool, &svc](Request& req) {
        auto c = pool.acquire();
        auto o = svc.find_in_scope(*c, auth::principal_of(req).scope(), http::path_id(req));
        if (!o) throw ApiError(404, "org.not_found", "组织不存在");
        return Response::json(org_json(*o));
    });

    r.add("POST", "/api/v1/orgs", Access::need("org.write"), [&pool, &svc, audit](Request& req) {
        auto body = http::json_object(req);
        NewOrg n;
        n.name = http::required_string(body, "name", 200);
        n.type = http::required_string(body, "type", 40);
        n.parent_id = http::optional_int(body, "parent_id");
        n.division_code = http::optional_string(body, "division_code", 6);
        const auto& p = auth::principal_of(req);
        if (!n.parent_id) n.parent_id = p.org_id;
        auto c = pool.acquire();
        Org created = db::in_transaction(*c, [&](db::Connection& tx) {
            // The parent must be within reach: a cadre cannot hang an org under a neighbour.
            if (!svc.find_in_scope(tx, p.scope(), *n.parent_id)) {
                throw ApiError(422, "org.parent", "上级组织不存在或不在管辖范围内", "parent_id");
            }
            Org o = svc.create(tx, n);
            audit(tx, auth::actor_of(req), o);
            return o;
        });
        return Response::json(org_json(created), 201);
    });
}

}  // namespace gh::orgs
